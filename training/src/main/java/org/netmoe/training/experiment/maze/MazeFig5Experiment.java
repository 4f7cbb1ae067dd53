package org.netmoe.training.experiment.maze;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.netmoe.envs.maze.MazeConfig;
import org.netmoe.envs.maze.MazeEnv;
import org.netmoe.llm.GateDecision;
import org.netmoe.llm.GateRequest;
import org.netmoe.llm.LlmText;
import org.netmoe.moe.mix.Combiner;
import org.netmoe.moe.mix.Expert;
import org.netmoe.moe.mix.ExpertInfo;
import org.netmoe.moe.mix.Gate;
import org.netmoe.moe.mix.GateIds;
import org.netmoe.training.experiment.ExpertCatalogue;
import org.netmoe.training.experiment.Experiment;
import org.netmoe.training.experiment.ExperimentContext;
import org.netmoe.training.experiment.GateFactory;
import org.netmoe.training.experiment.LlmGates;
import org.netmoe.training.experiment.LlmNote;
import org.netmoe.training.experiment.SingleExperts;
import org.netmoe.training.experiment.maze.MazeRows.CurveRow;
import org.netmoe.training.experiment.maze.MazeRows.ExpertRow;
import org.netmoe.training.experiment.maze.MazeRows.GateRow;
import org.netmoe.training.report.Rows;

/**
 * Paper "LLM-enabled MoE", Sec. II and Fig. 5: three maze experts (a goal, b trap, c prize) are
 * trained (or reused) and frozen; every gate combines them on the composite tasks
 * {@code goal+trap}, {@code goal+prize}, {@code goal+prize+trap}; each gate is scored by success
 * rate, mean steps on success and mean return; the network gate's success is tracked along its
 * training. The whole config is bound and checked first ({@link MazeFig5Config#bind}).
 */
public final class MazeFig5Experiment implements Experiment {
    /** Sampled episodes from the start per gate for the path plot. */
    static final int PATH_TRIES = 20;

    @Override
    public void run(ExperimentContext ctx) throws IOException {
        MazeSetup.Checked<MazeFig5Config> checked = MazeFig5Config.bind(ctx);
        MazeFig5Config c = checked.config();
        // The llm section is validated (and its endpoint or replay opened) before any training.
        LlmGates llm = c.gates().run().contains(GateIds.LLM) ? LlmGates.open(ctx, c.llm()) : null;
        List<Expert> experts = ExpertCatalogue.freeze(ctx, checked.setup().experts(), c.expertsDir(), 4096);
        Combiner combiner = c.combiner().build(experts, () -> MazeSetup.allObservations(c.maze()));
        ExpertCatalogue.write(ctx, experts);
        MazeFig5Report.writePreferences(ctx, combiner, c.maze());
        Results results = new Results();
        GateFactory factory = gateFactory(ctx, checked, combiner, llm);
        for (int t = 0; t < checked.setup().tasks().size(); t++) {
            evaluateTask(ctx, checked, factory, combiner, experts, t, results);
        }
        if (llm != null) {
            llm.close();
            llm.sayIfSkipped();
        }
        MazeFig5Report.write(ctx, c, experts, results, llmNote(llm, results));
    }

    @Override
    public String id() {
        return "maze-fig5";
    }

    @Override
    public String description() {
        return "maze experts a/b/c frozen, gates uniform/fixed/plan/network/oracle/llm on goal+trap, goal+prize,"
                + " goal+prize+trap (LLM-enabled MoE, Fig. 5)";
    }

    /** Everything the gates and single experts scored, and the notes on them. */
    static final class Results {
        final Rows<GateRow> gates = Rows.of(GateRow.class);
        final Rows<ExpertRow> single = Rows.of(ExpertRow.class);
        final Rows<CurveRow> curves = Rows.of(CurveRow.class);
        final StringBuilder gateLines = new StringBuilder();
        final StringBuilder llmLines = new StringBuilder();
        final List<String> llmSkipped = new ArrayList<>();
        final List<String> failed = new ArrayList<>();
    }

    private static GateFactory gateFactory(ExperimentContext ctx, MazeSetup.Checked<MazeFig5Config> checked, Combiner combiner,
                                           LlmGates llm) {
        MazeFig5Config.GatesSpec g = checked.config().gates();
        return new GateFactory(ctx, combiner, MazeSetup.PREDICATES, checked.gates(),
                new GateFactory.Oracle(g.oracle().gridSteps(), g.oracle().stageWise()),
                new GateFactory.Network(g.network().ppo(), g.network().steps(), g.network().evalEvery(),
                        MazeSeeds.networkTraining(ctx.seed(), 0)), llm);
    }

    /** Every gate and every single expert on task {@code t}; the path plot when asked. */
    private static void evaluateTask(ExperimentContext ctx, MazeSetup.Checked<MazeFig5Config> checked, GateFactory factory,
                                     Combiner combiner, List<Expert> experts, int t, Results results) throws IOException {
        MazeFig5Config c = checked.config();
        String taskId = checked.setup().tasks().get(t);
        MazeConfig taskMaze = checked.setup().mazes().get(t);
        MazeGateEvaluator evaluator = new MazeGateEvaluator(combiner, c.evaluation().actions());
        long evalSeed = MazeSeeds.evaluation(ctx.seed());
        long searchSeed = MazeSeeds.oracleSearch(ctx.seed());
        int episodes = c.evaluation().episodes();
        MazeFig5Config.GatesSpec gates = c.gates();
        List<ExpertInfo> infos = experts.stream().map(Expert::info).toList();
        GateFactory.Task task = new GateFactory.Task(taskId,
                g -> evaluator.evaluate(g, taskMaze, gates.oracle().searchEpisodes(), searchSeed).searchObjective(),
                i -> new MazeEnv(taskMaze), g -> {
                    MazeGateEvaluator.Score s = evaluator.evaluate(g, taskMaze, gates.network().evalEpisodes(),
                            MazeSeeds.networkCurve(ctx.seed()));
                    return new double[] {s.successRate(), s.meanReturn()};
                }, new GateRequest(taskId, c.tasks().get(t).requirement(), MazeSetup.stateDescription(taskMaze, true),
                infos, MazeSetup.PREDICATES));
        Map<String, Gate> built = new LinkedHashMap<>();
        factory.each(gates.run(), task, new GateFactory.Sink() {
            @Override
            public void built(GateFactory.Built b) {
                b.curve().forEach(p -> results.curves.add(new CurveRow(b.id(), taskId, p.envSteps(), p.episodes(),
                        p.values()[0], p.values()[1])));
                b.planned().ifPresent(p -> results.llmLines.append(decisionLine(taskId, p.decision())));
                MazeGateEvaluator.Score s = evaluator.evaluate(b.gate(), taskMaze, episodes, evalSeed);
                built.put(b.id(), b.gate());
                results.gates.add(GateRow.of(b.id(), taskId, s));
                results.gateLines.append("* `").append(b.id()).append("` on ").append(taskId).append(": ")
                        .append(b.gate().describe()).append('\n');
                ctx.say(String.format(Locale.ROOT, "%-8s %-16s success %.3f  steps %5.2f  return %7.3f  (%s)", b.id(),
                        taskId, s.successRate(), s.meanSteps(), s.meanReturn(), b.gate().describe()));
            }

            @Override
            public void absent(String id) {
                results.llmSkipped.add(taskId);
            }

            @Override
            public void failed(String id, String reason) {
                built.remove(id);
                results.gates.add(GateRow.failed(id, taskId));
                results.failed.add("`" + id + "` on " + taskId + ": " + LlmText.markdown(reason, 500));
                ctx.say("gate " + id + " failed on " + taskId + ": " + reason + " (its row is written empty; the"
                        + " other gates go on)");
            }
        });
        for (Map.Entry<String, Gate> e : SingleExperts.gates(combiner, "expert-").entrySet()) {
            MazeGateEvaluator.Score s = evaluator.evaluate(e.getValue(), taskMaze, episodes, evalSeed);
            results.single.add(ExpertRow.of(e.getKey(), taskId, s));
            built.put("expert " + e.getKey(), e.getValue());
        }
        if (c.evaluation().pathPlot()) {
            Map<String, MazeGateEvaluator.PathSample> paths = new LinkedHashMap<>();
            built.forEach((name, gate) -> paths.put(name, evaluator.path(gate, taskMaze, PATH_TRIES)));
            MazePathPlot.write(ctx.file("plots/paths-" + taskId + ".png"), "Paths on " + taskId + " from the start",
                    taskMaze, paths);
        }
    }

    /** The summary's note on the llm gate and on failed gates. */
    private static String llmNote(LlmGates llm, Results results) {
        String note = "";
        if (llm != null) {
            note = !llm.available() ? LlmNote.absent(llm) : LlmNote.head(llm, "plans") + "\n\n" + results.llmLines
                    + (results.llmSkipped.isEmpty() ? "" : "\nIt failed on " + results.llmSkipped
                    + " (see the log) and is absent there.\n");
        }
        return note + LlmNote.failed(results.failed);
    }

    /** One summary line per LLM decision; the LLM's text is escaped and capped ({@link GateDecision#markdown}). */
    static String decisionLine(String taskId, GateDecision d) {
        return "* " + taskId + ": " + d.markdown() + "\n";
    }
}
