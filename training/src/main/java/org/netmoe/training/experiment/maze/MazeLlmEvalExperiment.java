package org.netmoe.training.experiment.maze;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.maze.MazeConfig;
import org.netmoe.envs.maze.MazeEnv;
import org.netmoe.llm.GateDecision;
import org.netmoe.llm.GateRequest;
import org.netmoe.moe.mix.Combiner;
import org.netmoe.moe.mix.Expert;
import org.netmoe.moe.mix.ExpertInfo;
import org.netmoe.moe.mix.FixedGate;
import org.netmoe.moe.mix.Gate;
import org.netmoe.moe.mix.GateIds;
import org.netmoe.training.experiment.ExpertCatalogue;
import org.netmoe.training.experiment.Experiment;
import org.netmoe.training.experiment.ExperimentContext;
import org.netmoe.training.experiment.GateFactory;
import org.netmoe.training.experiment.LlmGates;
import org.netmoe.training.experiment.NetworkGateTrainer;
import org.netmoe.training.experiment.SingleExperts;
import org.netmoe.training.experiment.maze.MazeLlmEvalConfig.PromptStyle;
import org.netmoe.training.experiment.maze.MazeRows.CurveCiRow;
import org.netmoe.training.experiment.maze.MazeRows.MethodRow;
import org.netmoe.training.experiment.maze.MazeRows.SampleRow;
import org.netmoe.training.experiment.maze.MazeRows.SeedCurveRow;
import org.netmoe.training.report.Plots;
import org.netmoe.training.report.Rows;

/**
 * Can an LLM gate do what the paper ("LLM-enabled MoE", Fig. 5) says? SPEC §9 "LLM evaluation":
 * on maze-fig5's experts and tasks, each LLM gate is judged over K plans sampled per task and
 * prompt style (temperature &gt; 0, each plan with its own seed from a named {@link RngStream}
 * split, so a local model repeats), by the distribution of the plans' success rates; next to it,
 * the {@code network} gate trained to convergence over several seeds (success against training env
 * steps with 95 % intervals), and {@code plan}, {@code oracle}, {@code uniform} and each single
 * expert. Prompt styles: {@code hints} (maze-fig5's prompt: each expert's role, the task's reward
 * components) and {@code paper} (a free-text requirement; experts named by their mission only).
 */
public final class MazeLlmEvalExperiment implements Experiment {
    @Override
    public void run(ExperimentContext ctx) throws IOException {
        MazeSetup.Checked<MazeLlmEvalConfig> checked = MazeLlmEvalConfig.bind(ctx);
        MazeLlmEvalConfig c = checked.config();
        LlmGates llm = LlmGates.open(ctx, c.llm()); // validated (and a replay opened) before any training
        List<Expert> experts = ExpertCatalogue.freeze(ctx, checked.setup().experts(), c.expertsDir(), 4096);
        Combiner combiner = c.combiner().build(experts, () -> MazeSetup.allObservations(c.maze()));
        ExpertCatalogue.write(ctx, experts);
        Results results = new Results();
        for (int t = 0; t < c.tasks().size(); t++) {
            Task task = new Task(c.tasks().get(t), checked.setup().mazes().get(t), combiner, experts,
                    new MazeGateEvaluator(combiner, c.evaluation().actions()));
            List<Plots.Series> lines = new ArrayList<>();
            results.lines.put(task.spec().id(), lines);
            frozenGates(ctx, checked, task, results);
            if (llm.available()) {
                llmSamples(ctx, c, llm, task, results, lines);
            }
            if (c.gates().network().seeds() > 0) {
                MazeGateEvaluator.Score[] finals = networkSeeds(ctx, c, task, results.curves);
                results.methods.add(method(GateIds.NETWORK, "-", task.spec().id(), finals,
                        c.sampling().solvedThreshold()));
            }
            for (String g : List.of(GateIds.PLAN, GateIds.ORACLE, GateIds.UNIFORM)) {
                results.methods.stream().filter(r -> r.method().equals(g) && r.task().equals(task.spec().id()))
                        .forEach(r -> lines.add(flat(g, r.meanSuccess())));
            }
        }
        llm.close();
        llm.sayIfSkipped();
        writeFiles(ctx, c, results);
        MazeLlmEvalReport.write(ctx, llm, c.sampling(), c.evaluation(), c.gates().network(), results.methods,
                results.samples);
    }

    @Override
    public String id() {
        return "maze-llm-eval";
    }

    @Override
    public String description() {
        return "maze experts a/b/c; K sampled LLM plans per task and prompt style (hints, paper) against a network"
                + " gate trained to convergence over seeds, plan, oracle, uniform and single experts (SPEC §9)";
    }

    /** One task with what scores it. */
    private record Task(MazeLlmEvalConfig.TaskSpec spec, MazeConfig maze, Combiner combiner, List<Expert> experts,
                        MazeGateEvaluator evaluator) {
    }

    /** The result tables, and per task the frozen lines of its convergence plot. */
    private static final class Results {
        final Rows<MethodRow> methods = Rows.of(MethodRow.class);
        final Rows<SampleRow> samples = Rows.of(SampleRow.class);
        final Rows<SeedCurveRow> curves = Rows.of(SeedCurveRow.class);
        final Map<String, List<Plots.Series>> lines = new LinkedHashMap<>();
    }

    /** maze-fig5's evaluation episodes. */
    private static long evalSeed(ExperimentContext ctx) {
        return MazeSeeds.evaluation(ctx.seed());
    }

    /** uniform, plan (where configured), oracle and each single expert on one task. */
    private static void frozenGates(ExperimentContext ctx, MazeSetup.Checked<MazeLlmEvalConfig> checked, Task task,
                                    Results results) {
        MazeLlmEvalConfig c = checked.config();
        String taskId = task.spec().id();
        Map<String, Gate> frozen = new LinkedHashMap<>();
        frozen.put(GateIds.UNIFORM, FixedGate.uniform(task.combiner()));
        checked.gates().plan(taskId).ifPresent(p -> frozen.put(GateIds.PLAN, p));
        long searchSeed = MazeSeeds.oracleSearch(ctx.seed()); // maze-fig5's oracle search
        MazeFig5Config.OracleSpec o = c.gates().oracle();
        GateFactory factory = new GateFactory(ctx, task.combiner(), MazeSetup.PREDICATES, checked.gates(),
                new GateFactory.Oracle(o.gridSteps(), o.stageWise()), null, null);
        // Only the oracle is built here: it needs its search objective, nothing else of the task.
        GateFactory.Task search = new GateFactory.Task(taskId, g -> task.evaluator().evaluate(g, task.maze(),
                o.searchEpisodes(), searchSeed).searchObjective(), null, null, null);
        frozen.put(GateIds.ORACLE, factory.build(GateIds.ORACLE, search).orElseThrow().gate());
        SingleExperts.gates(task.combiner(), "expert-").values().forEach(g -> frozen.put(g.id(), g));
        for (Map.Entry<String, Gate> e : frozen.entrySet()) {
            MazeGateEvaluator.Score s = task.evaluator().evaluate(e.getValue(), task.maze(), c.evaluation().episodes(),
                    evalSeed(ctx));
            results.methods.add(method(e.getKey(), "-", taskId, new MazeGateEvaluator.Score[] {s},
                    c.sampling().solvedThreshold()));
            ctx.say(String.format(Locale.ROOT, "%-10s %-16s success %.3f  (%s)", e.getKey(), taskId, s.successRate(),
                    e.getValue().describe()));
        }
    }

    /** The row of {@code scores} (one per plan or seed; null for a failed plan). */
    private static MethodRow method(String method, String style, String task, MazeGateEvaluator.Score[] scores,
                                    double solvedThreshold) {
        double[] success = new double[scores.length];
        double[] steps = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            success[i] = scores[i] == null ? Double.NaN : scores[i].successRate();
            steps[i] = scores[i] == null ? Double.NaN : scores[i].meanSteps();
        }
        return MethodRow.of(method, style, task, SuccessStats.of(success, solvedThreshold), steps);
    }

    private static Plots.Series flat(String name, double y) {
        return Plots.Series.of(name, new double[] {0, 1}, new double[] {y, y});
    }

    /** K plans per prompt style on one task, each evaluated; one results row per style. */
    private static void llmSamples(ExperimentContext ctx, MazeLlmEvalConfig c, LlmGates llm, Task task,
                                   Results results, List<Plots.Series> lines) {
        for (PromptStyle style : c.sampling().styles()) {
            GateRequest base = request(style, task.spec(), task.maze(), task.experts());
            MazeGateEvaluator.Score[] scores = new MazeGateEvaluator.Score[c.sampling().samples()];
            for (int k = 0; k < scores.length; k++) {
                // One named split per (style, task, sample): the seed depends on nothing else.
                long seed = RngStream.deriveSeed(ctx.seed(), "llm/" + style.id() + "/" + task.spec().id() + "/" + k);
                scores[k] = llmSample(ctx, c, llm, task, style, base, k, seed, results.samples);
            }
            MethodRow st = method(GateIds.LLM, style.id(), task.spec().id(), scores, c.sampling().solvedThreshold());
            results.methods.add(st);
            ctx.say(String.format(Locale.ROOT, "llm (%s) on %s: %d plans, success mean %.3f sd %.3f, solved"
                    + " (>= %.2f) %.2f", style.id(), task.spec().id(), st.plans(), st.meanSuccess(), st.sdSuccess(),
                    c.sampling().solvedThreshold(), st.solvedFraction()));
            lines.add(flat("llm " + style.id() + " (mean of " + st.plans() + " plans)", st.meanSuccess()));
        }
    }

    /** One sampled plan, evaluated; returns its score (null for a failed plan). */
    private static MazeGateEvaluator.Score llmSample(ExperimentContext ctx, MazeLlmEvalConfig c, LlmGates llm, Task task,
                                    PromptStyle style, GateRequest base, int k, long seed, Rows<SampleRow> samples) {
        String taskId = task.spec().id();
        Optional<LlmGates.Planned> planned = llm.plan(base.withSeed(seed));
        if (planned.isEmpty()) {
            samples.add(new SampleRow(style.id(), taskId, k, seed, "failed", 0, 0, Double.NaN, Double.NaN, Double.NaN,
                    ""));
            return null;
        }
        GateDecision d = planned.get().decision();
        MazeGateEvaluator.Score s = task.evaluator().evaluate(planned.get().gate(), task.maze(),
                c.evaluation().episodes(), evalSeed(ctx));
        llm.executed(planned.get());
        String outcome = d.fellBack() ? "fallback" : d.repaired() ? "repaired" : "first-try";
        String plan = planText(d, base.expertIds());
        samples.add(new SampleRow(style.id(), taskId, k, seed, outcome, d.exchanges(), d.modelMillis(),
                s.successRate(), s.meanSteps(), s.meanReturn(), plan));
        ctx.say(String.format(Locale.ROOT, "llm %-5s %-16s plan %d: %-9s success %.3f  %s", style.id(), taskId, k,
                outcome, s.successRate(), plan));
        return s;
    }

    private static void writeFiles(ExperimentContext ctx, MazeLlmEvalConfig c, Results results) throws IOException {
        results.methods.writeCsv(ctx.file("results.csv"));
        results.samples.writeCsv(ctx.file("llm-samples.csv"));
        if (c.gates().network().seeds() == 0) {
            return;
        }
        results.curves.writeCsv(ctx.file("network-curves.csv"));
        Rows<CurveCiRow> ci = NetworkCurveCi.of(results.curves);
        ci.writeCsv(ctx.file("network-curve-ci.csv"));
        for (Map.Entry<String, List<Plots.Series>> e : results.lines.entrySet()) {
            List<Plots.Series> s = new ArrayList<>(NetworkCurveCi.series(ci, e.getKey()));
            double maxStep = s.isEmpty() ? 1 : s.get(0).x()[s.get(0).x().length - 1];
            for (Plots.Series f : e.getValue()) {
                s.add(Plots.Series.of(f.name(), new double[] {0, maxStep}, f.y()));
            }
            Plots.line(ctx.file("plots/convergence-" + e.getKey() + ".png"), "Success on " + e.getKey()
                    + ": network gate along training (mean, 95 % CI over seeds) vs frozen gates",
                    "network gate training env steps", "success rate", s, Plots.Range.UNIT);
        }
    }

    /** The stages of a decision in one CSV-safe line, e.g. {@code not:prize_collected a=0 b=1 c=1 | always a=1 b=1 c=0}. */
    static String planText(GateDecision d, List<String> expertIds) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < d.stages().size(); i++) {
            b.append(i == 0 ? "" : " | ").append(d.stages().get(i).when());
            double[] w = d.stages().get(i).weights();
            for (int k = 0; k < w.length; k++) {
                b.append(' ').append(expertIds.get(k)).append('=').append(String.format(Locale.ROOT, "%.3g", w[k]));
            }
        }
        return b.toString();
    }

    /** The request of one prompt style (see {@link PromptStyle}). */
    static GateRequest request(PromptStyle style, MazeLlmEvalConfig.TaskSpec spec, MazeConfig taskMaze,
                               List<Expert> experts) {
        List<ExpertInfo> infos = experts.stream().map(Expert::info).toList();
        return switch (style) {
            case HINTS -> new GateRequest(spec.id(), spec.requirement(), MazeSetup.stateDescription(taskMaze, true),
                    infos, MazeSetup.PREDICATES);
            case PAPER -> new GateRequest(spec.id(), spec.paperRequirement(),
                    MazeSetup.stateDescription(taskMaze, false), infos.stream().map(i -> new ExpertInfo(i.id(),
                            "mission expert for: " + missionOf(i), "", i.env(), i.actionSemantics())).toList(),
                    MazeSetup.PREDICATES);
        };
    }

    /** The expert's mission in a word or two (its training task, e.g. "goal"), without its role or reward. */
    private static String missionOf(ExpertInfo i) {
        String t = i.trainedFor();
        int q = t.indexOf('\'');
        int r = q < 0 ? -1 : t.indexOf('\'', q + 1);
        return r > q ? t.substring(q + 1, r) : i.id();
    }

    /** Trains the network gate once per seed; returns each seed's final score on the evaluation episodes. */
    private static MazeGateEvaluator.Score[] networkSeeds(ExperimentContext ctx, MazeLlmEvalConfig c, Task task,
                                         Rows<SeedCurveRow> curves) {
        MazeLlmEvalConfig.NetworkSpec spec = c.gates().network();
        String taskId = task.spec().id();
        MazeGateEvaluator.Score[] finals = new MazeGateEvaluator.Score[spec.seeds()];
        for (int i = 0; i < spec.seeds(); i++) {
            long seed = MazeSeeds.networkTraining(ctx.seed(), i); // i = 0 is maze-fig5's network gate seed
            NetworkGateTrainer.Result r = NetworkGateTrainer.train(task.combiner(), j -> new MazeEnv(task.maze()),
                    spec.ppo(), spec.steps(), spec.evalEvery(), g -> {
                        MazeGateEvaluator.Score s = task.evaluator().evaluate(g, task.maze(), spec.evalEpisodes(),
                                MazeSeeds.networkCurve(ctx.seed()));
                        return new double[] {s.successRate(), s.meanReturn()};
                    }, seed);
            for (NetworkGateTrainer.CurvePoint p : r.curve()) {
                curves.add(new SeedCurveRow(taskId, seed, p.envSteps(), p.episodes(), p.values()[0], p.values()[1]));
            }
            finals[i] = task.evaluator().evaluate(r.gate(), task.maze(), c.evaluation().episodes(), evalSeed(ctx));
            ctx.say(String.format(Locale.ROOT, "network gate on %s, seed %d: %d env steps in %.1f s; final success %.3f",
                    taskId, seed, r.envSteps(), r.seconds(), finals[i].successRate()));
        }
        return finals;
    }
}
