package org.netmoe.training.experiment.maze;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.netmoe.agents.ppo.PpoConfig;
import org.netmoe.envs.maze.Cell;
import org.netmoe.envs.maze.MazeConfig;
import org.netmoe.envs.maze.MazeEnv;
import org.netmoe.envs.maze.MazeTask;
import org.netmoe.llm.GateDecision;
import org.netmoe.llm.GateRequest;
import org.netmoe.llm.LlmText;
import org.netmoe.moe.mix.Combiner;
import org.netmoe.moe.mix.Expert;
import org.netmoe.moe.mix.ExpertInfo;
import org.netmoe.moe.mix.FixedGate;
import org.netmoe.moe.mix.Gate;
import org.netmoe.moe.mix.GateIds;
import org.netmoe.moe.mix.PlanGate;
import org.netmoe.moe.mix.Stage;
import org.netmoe.moe.mix.StatePredicate;
import org.netmoe.moe.mix.WeightSearch;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.config.ConfigLoader;
import org.netmoe.training.experiment.Experiment;
import org.netmoe.training.experiment.ExperimentContext;
import org.netmoe.training.experiment.FrozenExperts;
import org.netmoe.training.experiment.LlmGates;
import org.netmoe.training.experiment.NetworkGateTrainer;
import org.netmoe.training.report.Plots;
import org.netmoe.training.report.Table;
import org.netmoe.training.run.ResolvedRun;

/**
 * Paper "LLM-enabled MoE", Sec. II and Fig. 5: three maze experts (a goal, b trap, c prize) are
 * trained (or reused) and frozen; every gate combines them on the composite tasks
 * {@code goal+trap}, {@code goal+prize}, {@code goal+prize+trap}; each gate is scored by success
 * rate, mean steps on success and mean return; the network gate's success is tracked along its
 * training.
 */
public final class MazeFig5Experiment implements Experiment {
    /** The stage predicate of the maze: the observation's prize flag (its last entry). */
    public static final StatePredicate PRIZE_COLLECTED = new StatePredicate("prize_collected",
            "the walker has already collected the prize in this episode", obs -> obs[obs.length - 1] > 0.5f);
    static final List<StatePredicate> PREDICATES = List.of(PRIZE_COLLECTED);
    /** Sampled episodes from the start per gate for the path plot. */
    private static final int PATH_TRIES = 20;

    @Override
    public String id() {
        return "maze-fig5";
    }

    @Override
    public String description() {
        return "maze experts a/b/c frozen, gates uniform/fixed/plan/network/oracle/llm on goal+trap, goal+prize,"
                + " goal+prize+trap (LLM-enabled MoE, Fig. 5)";
    }

    @Override
    public void run(ExperimentContext ctx) throws IOException {
        MazeConfig maze = ctx.raw("maze").map(n -> ConfigLoader.bindOver(MazeConfig.defaults(), n, "maze"))
                .orElse(MazeConfig.defaults());
        List<MazeFig5Config.ExpertSpec> expertSpecs = ctx.required("experts", new TypeReference<>() { });
        List<MazeFig5Config.TaskSpec> taskSpecs = ctx.required("tasks", new TypeReference<>() { });
        MazeFig5Config.CombinerSpec combinerSpec = ctx.section("combiner", new MazeFig5Config.CombinerSpec("product", 0.05, "range"));
        MazeFig5Config.GatesSpec gates = ctx.required("gates", MazeFig5Config.GatesSpec.class);
        MazeFig5Config.EvaluationSpec evaluation = ctx.section("evaluation", new MazeFig5Config.EvaluationSpec(500, true, "sample"));
        for (String g : gates.run()) {
            if (!GateIds.ALL.contains(g)) {
                throw new ConfigException("gates.run: unknown gate '" + g + "'; allowed: " + GateIds.ALL);
            }
        }
        List<MazeTask> tasks = new ArrayList<>();
        for (int i = 0; i < taskSpecs.size(); i++) {
            try {
                tasks.add(MazeTask.parse(taskSpecs.get(i).id()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("tasks[" + i + "].id: " + e.getMessage(), e);
            }
        }

        // The llm section is validated (and its endpoint or replay opened) before any training.
        LlmGates llm = gates.run().contains(GateIds.LLM) ? LlmGates.open(ctx) : null;

        // 1. The expert catalogue: train (or reuse) and freeze.
        List<Expert> experts = trainExperts(ctx, expertSpecs, maze);
        Combiner combiner = combiner(combinerSpec, experts, maze);
        writeCatalogue(ctx, experts);
        writePreferences(ctx, combiner, maze);

        // 2. Every gate on every task.
        MazeGateEvaluator evaluator = new MazeGateEvaluator(combiner, evaluation.actions());
        Table results = Table.of("gate", "task", "success_rate", "mean_steps", "mean_return", "episodes");
        Table curves = Table.of("gate", "task", "env_steps", "episodes", "success_rate", "mean_return");
        Table single = Table.of("expert", "task", "success_rate", "mean_steps", "mean_return", "episodes");
        StringBuilder gateLines = new StringBuilder();
        long evalSeed = ctx.seed() * 1_000_003L + 17;
        List<String> skipped = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        StringBuilder llmLines = new StringBuilder();
        for (int t = 0; t < tasks.size(); t++) {
            MazeTask task = tasks.get(t);
            String taskId = taskSpecs.get(t).id();
            MazeConfig taskMaze = maze.withTask(task);
            Map<String, Gate> built = new LinkedHashMap<>();
            Map<String, Double> flat = new LinkedHashMap<>();
            for (String g : gates.run()) {
                // A gate that fails (an LLM plan the combiner cannot run, a broken training) costs its own
                // row only: it is written with empty metrics, the reason goes to the log and summary.md,
                // and the other gates go on. Bad config still ends the run (exit 2).
                LlmGates.Planned[] llmPlan = new LlmGates.Planned[1];
                try {
                    Gate gate = switch (g) {
                        case GateIds.UNIFORM -> FixedGate.uniform(combiner);
                        case GateIds.FIXED -> fixedGate(combiner, gates, taskId);
                        case GateIds.PLAN -> planGate(combiner, gates.plan(), taskId);
                        case GateIds.ORACLE -> oracle(ctx, combiner, evaluator, gates.oracle(), taskMaze, taskId);
                        case GateIds.NETWORK -> networkGate(ctx, combiner, evaluator, gates.network(), taskMaze, taskId, evalSeed, curves);
                        case GateIds.LLM -> {
                            if (!llm.available()) {
                                skipped.add(taskId);
                                yield null;
                            }
                            GateRequest request = new GateRequest(taskId, taskSpecs.get(t).requirement(),
                                    stateDescription(taskMaze), experts.stream().map(Expert::info).toList(), PREDICATES);
                            Optional<LlmGates.Planned> planned = llm.plan(request);
                            planned.ifPresent(p -> llmLines.append(decisionLine(taskId, p.decision())));
                            if (planned.isEmpty()) {
                                skipped.add(taskId);
                            }
                            llmPlan[0] = planned.orElse(null);
                            yield planned.map(LlmGates.Planned::gate).orElse(null);
                        }
                        default -> throw new IllegalStateException(g);
                    };
                    if (gate == null) {
                        continue;
                    }
                    built.put(g, gate);
                    MazeGateEvaluator.Score s = evaluator.evaluate(gate, taskMaze, evaluation.episodes(), evalSeed);
                    results.add(g, taskId, s.successRate(), s.meanSteps(), s.meanReturn(), s.episodes());
                    flat.put(g, s.successRate());
                    gateLines.append("* `").append(g).append("` on ").append(taskId).append(": ").append(gate.describe())
                            .append('\n');
                    ctx.say(String.format(Locale.ROOT, "%-8s %-16s success %.3f  steps %5.2f  return %7.3f  (%s)", g,
                            taskId, s.successRate(), s.meanSteps(), s.meanReturn(), gate.describe()));
                    if (llmPlan[0] != null) {
                        llm.executed(llmPlan[0]);
                    }
                } catch (ConfigException e) {
                    throw e;
                } catch (RuntimeException e) {
                    String reason = LlmText.oneLine(e.getMessage() == null ? e.toString() : e.getMessage(), 500);
                    built.remove(g);
                    results.add(g, taskId, Double.NaN, Double.NaN, Double.NaN, 0);
                    failed.add("`" + g + "` on " + taskId + ": " + LlmText.markdown(reason, 500));
                    ctx.say("gate " + g + " failed on " + taskId + ": " + reason + " (its row is written empty; the"
                            + " other gates go on)");
                }
            }
            for (int k = 0; k < experts.size(); k++) {
                double[] w = new double[experts.size()];
                w[k] = 1;
                Gate only = new FixedGate("expert-" + combiner.ids().get(k), w, combiner.ids());
                MazeGateEvaluator.Score s = evaluator.evaluate(only, taskMaze, evaluation.episodes(), evalSeed);
                single.add(combiner.ids().get(k), taskId, s.successRate(), s.meanSteps(), s.meanReturn(), s.episodes());
                built.put("expert " + combiner.ids().get(k), only);
            }
            if (evaluation.pathPlot()) {
                Map<String, MazeGateEvaluator.PathSample> paths = new LinkedHashMap<>();
                built.forEach((name, gate) -> paths.put(name, evaluator.path(gate, taskMaze, PATH_TRIES)));
                MazePathPlot.write(ctx.file("plots/paths-" + taskId + ".png"), "Paths on " + taskId
                        + " from the start", taskMaze, paths);
            }
        }
        String llmNote = "";
        if (llm != null) {
            llm.close();
            llm.sayIfSkipped();
            llmNote = llm.available() ? "The `llm` gate's plans (" + llm.source() + "; every exchange in"
                    + " `llm-transcript.jsonl`):\n\n" + llmLines + (skipped.isEmpty() ? "" : "\nIt failed on "
                    + skipped + " (see the log) and is absent there.\n")
                    : "The `llm` gate is absent: " + llm.skipReason() + "; " + LlmGates.HOW_TO + ".\n";
        }
        results.writeCsv(ctx.file("results.csv"));
        single.writeCsv(ctx.file("experts.csv"));
        curves.writeCsv(ctx.file("network-gate-curves.csv"));
        writeCurvePlots(ctx, results, curves, taskSpecs);
        if (!failed.isEmpty()) {
            llmNote += "\n**Failed gates** (their rows above are empty):\n\n* " + String.join("\n* ", failed) + "\n";
        }
        writeSummary(ctx, experts, combinerSpec, evaluation, maze, results, single, gateLines.toString(), llmNote);
    }

    /** The combiner of {@code experts} as {@code spec} says, its temperatures scaled over every maze observation. */
    static Combiner combiner(MazeFig5Config.CombinerSpec spec, List<Expert> experts, MazeConfig maze) {
        try {
            Combiner combiner = new Combiner(experts, Combiner.Rule.of(spec.rule()), spec.temperature());
            return switch (spec.scale()) {
                case "range" -> combiner.scaledByRange(allObservations(maze));
                case "none" -> combiner;
                default -> throw new ConfigException("combiner.scale must be one of [range, none], was " + spec.scale());
            };
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /** The maze in words, for the LLM gate's "system state", naming the task's reward components. */
    static String stateDescription(MazeConfig m) {
        return stateDescription(m, true);
    }

    /**
     * The maze in words; {@code withRewards} adds the task's reward components (a hint the
     * paper-style prompt leaves out: there the requirement text alone says what is wanted).
     */
    static String stateDescription(MazeConfig m, boolean withRewards) {
        return String.format(Locale.ROOT, "A %d x %d grid maze (x = column 0..%d, y = row 0..%d). Goal at %s, trap at %s,"
                + " prize at %s. The walker starts %s and moves up/down/left/right%s; an episode ends at the goal, in the"
                + " trap, or after %d steps.%s", m.width(), m.height(), m.width() - 1,
                m.height() - 1, cell(m.goal()), cell(m.trap()), cell(m.prize()),
                m.randomStart() ? "in a random free cell" : "at " + cell(m.start()),
                m.slipProbability() > 0 ? String.format(Locale.ROOT, " (a move slips with probability %.2f)",
                        m.slipProbability()) : "", m.maxEpisodeSteps(),
                withRewards ? " Rewards of this task: " + String.join(" + ", m.task()) + "." : "");
    }

    private static String cell(Cell c) {
        return "(" + c.x() + "," + c.y() + ")";
    }

    /** One summary line per LLM decision; the LLM's text is escaped and capped ({@link GateDecision#markdown}). */
    static String decisionLine(String taskId, GateDecision d) {
        return "* " + taskId + ": " + d.markdown() + "\n";
    }

    static List<Expert> trainExperts(ExperimentContext ctx, List<MazeFig5Config.ExpertSpec> specs, MazeConfig maze)
            throws IOException {
        ObjectNode base = ctx.raw("expertTraining").filter(JsonNode::isObject).map(n -> ((ObjectNode) n).deepCopy())
                .orElseThrow(() -> new ConfigException("expertTraining: missing (a netmoe train config: agent, train)"));
        Optional<Path> given = ctx.raw("expertsDir").map(n -> Path.of(n.asText())); // read-only input
        Path expertsDir = given.orElse(ctx.runDir().resolve("experts"));
        List<Expert> experts = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            MazeFig5Config.ExpertSpec spec = specs.get(i);
            ObjectNode tree = base.deepCopy();
            if (!tree.has("seed")) {
                tree.put("seed", ctx.seed() + i);
            }
            ObjectNode env = tree.withObject("/env");
            env.put("id", "maze-3x7");
            ObjectNode params = ConfigLoader.merge(ConfigLoader.toTree(maze), env.path("params"));
            params.set("task", ConfigLoader.yaml().valueToTree(spec.task()));
            env.set("params", params);
            Path dir = expertsDir.resolve(spec.id());
            ResolvedRun run;
            try {
                String label = "expert " + spec.id() + " (" + String.join("+", spec.task()) + ")";
                run = given.isPresent() ? ctx.reuseInput("expertsDir", label, tree, dir)
                        : ctx.trainOrReuse(label, tree, dir);
            } catch (ConfigException e) {
                throw new ConfigException("experts[" + i + "] (" + spec.id() + "): " + e.getMessage(), e);
            }
            ExpertInfo info = new ExpertInfo(spec.id(), spec.description(), spec.trainedFor(), "maze-3x7",
                    "Discrete(4): 0 up, 1 down, 2 left, 3 right; observation one-hot cell + prize flag");
            experts.add(FrozenExperts.load(info, run, dir, 4096));
        }
        return experts;
    }

    static void writeCatalogue(ExperimentContext ctx, List<Expert> experts) throws IOException {
        List<ExpertInfo> infos = experts.stream().map(Expert::info).toList();
        Files.writeString(ctx.file("experts.yaml"), ConfigLoader.toYaml(Map.of("experts", infos)));
    }

    /** The observation of every cell, before and after the prize. */
    static List<float[]> allObservations(MazeConfig maze) {
        List<float[]> out = new ArrayList<>();
        try (MazeEnv env = new MazeEnv(maze)) {
            for (int flag = 0; flag < 2; flag++) {
                for (int y = 0; y < maze.height(); y++) {
                    for (int x = 0; x < maze.width(); x++) {
                        out.add(env.observation(new Cell(x, y), flag == 1));
                    }
                }
            }
        }
        return out;
    }

    /** Every expert's raw scores and normalized preferences in every cell, before and after the prize. */
    private static void writePreferences(ExperimentContext ctx, Combiner combiner, MazeConfig maze) throws IOException {
        Table t = Table.of("expert", "x", "y", "prize_collected", "action", "score", "preference");
        try (MazeEnv env = new MazeEnv(maze)) {
            for (int k = 0; k < combiner.experts().size(); k++) {
                Expert e = combiner.experts().get(k);
                for (int flag = 0; flag < 2; flag++) {
                    for (int y = 0; y < maze.height(); y++) {
                        for (int x = 0; x < maze.width(); x++) {
                            float[] obs = env.observation(new Cell(x, y), flag == 1);
                            double[] raw = e.scores(obs);
                            double[] p = combiner.preferences(k, obs);
                            for (int a = 0; a < raw.length; a++) {
                                t.add(e.info().id(), x, y, flag, a, raw[a], p[a]);
                            }
                        }
                    }
                }
            }
        }
        t.writeCsv(ctx.file("expert-preferences.csv"));
    }

    private static FixedGate fixedGate(Combiner combiner, MazeFig5Config.GatesSpec gates, String taskId) {
        Map<String, Double> w = gates.fixed().get(taskId);
        if (w == null) {
            throw new ConfigException("gates.fixed." + taskId + ": missing (weights by expert id for this task)");
        }
        try {
            return new FixedGate(GateIds.FIXED, combiner.weightsOf(w, "gates.fixed." + taskId), combiner.ids());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    static PlanGate planGate(Combiner combiner, Map<String, List<MazeFig5Config.StageSpec>> plans, String taskId) {
        List<MazeFig5Config.StageSpec> stages = plans.get(taskId);
        if (stages == null) {
            throw new ConfigException("gates.plan." + taskId + ": missing (a list of {when, weights} stages)");
        }
        try {
            List<Stage> list = new ArrayList<>();
            for (int i = 0; i < stages.size(); i++) {
                list.add(new Stage(stages.get(i).when(),
                        combiner.weightsOf(stages.get(i).weights(), "gates.plan." + taskId + "[" + i + "].weights")));
            }
            return new PlanGate(GateIds.PLAN, list, PREDICATES, combiner.ids());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("gates.plan." + taskId + ": " + e.getMessage(), e);
        }
    }

    static Gate oracle(ExperimentContext ctx, Combiner combiner, MazeGateEvaluator evaluator,
                               MazeFig5Config.OracleSpec spec, MazeConfig taskMaze, String taskId) {
        long searchSeed = ctx.seed() * 7_919L + 3; // apart from the evaluation episodes
        WeightSearch.Result r = WeightSearch.search(combiner, spec.gridSteps(), PREDICATES, spec.stageWise(),
                g -> evaluator.evaluate(g, taskMaze, spec.searchEpisodes(), searchSeed).searchObjective());
        ctx.say(String.format(Locale.ROOT, "oracle on %s: searched %d candidates, best %s (search score %.3f)", taskId,
                r.candidates(), r.gate().describe(), r.score()));
        return r.gate();
    }

    private static Gate networkGate(ExperimentContext ctx, Combiner combiner, MazeGateEvaluator evaluator,
                                    MazeFig5Config.NetworkSpec spec,
                                    MazeConfig taskMaze, String taskId, long evalSeed, Table curves) {
        PpoConfig ppo = spec.ppo() == null ? PpoConfig.defaults()
                : ConfigLoader.bindOver(PpoConfig.defaults(), spec.ppo(), "gates.network.ppo");
        ResolvedRun.requireRolloutWithin(ppo, spec.steps(), "gates.network.ppo", "gates.network.steps");
        ctx.say("training the network gate on " + taskId + ": PPO for " + spec.steps() + " env steps");
        NetworkGateTrainer.Result r = NetworkGateTrainer.train(combiner, i -> new MazeEnv(taskMaze),
                ppo, spec.steps(), spec.evalEvery(), g -> {
                    MazeGateEvaluator.Score s = evaluator.evaluate(g, taskMaze, spec.evalEpisodes(), evalSeed + 1);
                    return new double[] {s.successRate(), s.meanReturn()};
                }, ctx.seed() + 101);
        for (NetworkGateTrainer.CurvePoint p : r.curve()) {
            curves.add(GateIds.NETWORK, taskId, p.envSteps(), p.episodes(), p.values()[0], p.values()[1]);
        }
        ctx.say(String.format(Locale.ROOT, "network gate on %s: %d env steps in %.1f s; success along training %s",
                taskId, r.envSteps(), r.seconds(), r.curve().stream()
                        .map(p -> String.format(Locale.ROOT, "%.2f", p.values()[0])).toList()));
        return r.gate();
    }

    private static void writeCurvePlots(ExperimentContext ctx, Table results, Table curves,
                                        List<MazeFig5Config.TaskSpec> tasks) throws IOException {
        for (MazeFig5Config.TaskSpec t : tasks) {
            List<double[]> pts = new ArrayList<>();
            for (int i = 0; i < curves.size(); i++) {
                if (curves.cell(i, "task").equals(t.id())) {
                    pts.add(new double[] {((Number) curves.cell(i, "episodes")).doubleValue(),
                            (Double) curves.cell(i, "success_rate")});
                }
            }
            double maxEp = pts.isEmpty() ? 1 : Math.max(1, pts.get(pts.size() - 1)[0]);
            List<Plots.Series> series = new ArrayList<>();
            if (!pts.isEmpty()) {
                series.add(Plots.Series.of("network (along training)", pts.stream().mapToDouble(p -> p[0]).toArray(),
                        pts.stream().mapToDouble(p -> p[1]).toArray()));
            }
            for (int i = 0; i < results.size(); i++) {
                if (results.cell(i, "task").equals(t.id()) && !results.cell(i, "gate").equals(GateIds.NETWORK)) {
                    double s = (Double) results.cell(i, "success_rate");
                    if (Double.isNaN(s)) {
                        continue; // a failed gate
                    }
                    series.add(Plots.Series.of(results.cell(i, "gate") + " (frozen, no training)",
                            new double[] {0, maxEp}, new double[] {s, s}));
                }
            }
            Plots.line(ctx.file("plots/success-" + t.id() + ".png"), "Success rate on " + t.id(),
                    "gate training episodes", "success rate", series);
        }
    }

    private static void writeSummary(ExperimentContext ctx, List<Expert> experts, MazeFig5Config.CombinerSpec combiner,
                                     MazeFig5Config.EvaluationSpec evaluation, MazeConfig maze, Table results,
                                     Table single, String gateLines, String llmNote) throws IOException {
        StringBuilder md = new StringBuilder("# maze-fig5: mixture of frozen maze experts (LLM-enabled MoE, Fig. 5)\n\n");
        md.append("Experts (frozen DQN policies; preferences = softmax(Q/(τ·s)), τ = ").append(combiner.temperature())
                .append(", s = ").append(combiner.scale().equals("range") ? "the expert's Q-value range" : "1")
                .append("; rule `").append(combiner.rule()).append("`):\n\n");
        for (Expert e : experts) {
            md.append("* `").append(e.info().id()).append("`: ").append(e.info().description()).append(" (trained for: ")
                    .append(e.info().trainedFor()).append(")\n");
        }
        md.append(String.format(Locale.ROOT, "%nEvaluation: %d episodes per gate and task, random start %s, slip"
                + " probability %.2f, time limit %d steps, actions %s.%n%n", evaluation.episodes(), maze.randomStart(),
                maze.slipProbability(), maze.maxEpisodeSteps(), evaluation.actions().equals("sample")
                        ? "drawn from the combined policy π ∝ Π_k p_k^{w_k} (seeded)" : "greedy (argmax of the combined score)"));
        md.append("## Gates\n\n").append(results.toMarkdown(3)).append('\n');
        if (!llmNote.isEmpty()) {
            md.append(llmNote).append('\n');
        }
        md.append("## Single experts\n\n").append(single.toMarkdown(3)).append('\n');
        md.append("## Gate weights\n\n").append(gateLines).append('\n');
        md.append("Plots: `plots/success-<task>.png` (success rate against the network gate's training episodes; the"
                + " other gates are frozen lines), `plots/paths-<task>.png` (each gate's shortest successful path from"
                + " the start among " + PATH_TRIES + " sampled episodes, with how many succeeded).\n");
        Files.writeString(ctx.file("summary.md"), md.toString());
    }
}
