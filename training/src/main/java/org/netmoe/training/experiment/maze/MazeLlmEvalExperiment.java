package org.netmoe.training.experiment.maze;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.netmoe.agents.ppo.PpoConfig;
import org.netmoe.envs.maze.MazeConfig;
import org.netmoe.envs.maze.MazeEnv;
import org.netmoe.envs.maze.MazeTask;
import org.netmoe.core.rng.RngStream;
import org.netmoe.llm.GateDecision;
import org.netmoe.llm.GateRequest;
import org.netmoe.moe.mix.Combiner;
import org.netmoe.moe.mix.Expert;
import org.netmoe.moe.mix.ExpertInfo;
import org.netmoe.moe.mix.FixedGate;
import org.netmoe.moe.mix.Gate;
import org.netmoe.moe.mix.GateIds;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.config.ConfigLoader;
import org.netmoe.training.experiment.Experiment;
import org.netmoe.training.experiment.ExperimentContext;
import org.netmoe.training.experiment.LlmGates;
import org.netmoe.training.experiment.NetworkGateTrainer;
import org.netmoe.training.experiment.maze.MazeLlmEvalConfig.PromptStyle;
import org.netmoe.training.report.Plots;
import org.netmoe.training.report.Table;
import org.netmoe.training.run.ResolvedRun;

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
    public String id() {
        return "maze-llm-eval";
    }

    @Override
    public String description() {
        return "maze experts a/b/c; K sampled LLM plans per task and prompt style (hints, paper) against a network"
                + " gate trained to convergence over seeds, plan, oracle, uniform and single experts (SPEC §9)";
    }

    @Override
    public void run(ExperimentContext ctx) throws IOException {
        MazeConfig maze = ctx.raw("maze").map(n -> ConfigLoader.bindOver(MazeConfig.defaults(), n, "maze"))
                .orElse(MazeConfig.defaults());
        List<MazeFig5Config.ExpertSpec> expertSpecs = ctx.required("experts", new TypeReference<>() { });
        List<MazeLlmEvalConfig.TaskSpec> taskSpecs = ctx.required("tasks", new TypeReference<>() { });
        MazeFig5Config.CombinerSpec combinerSpec = ctx.section("combiner", new MazeFig5Config.CombinerSpec("product", 0.05, "range"));
        MazeLlmEvalConfig.GatesSpec gates = ctx.required("gates", MazeLlmEvalConfig.GatesSpec.class);
        MazeLlmEvalConfig.SamplingSpec sampling = ctx.required("sampling", MazeLlmEvalConfig.SamplingSpec.class);
        MazeFig5Config.EvaluationSpec evaluation = ctx.section("evaluation", new MazeFig5Config.EvaluationSpec(500, false, "sample"));
        List<MazeTask> tasks = new ArrayList<>();
        for (int i = 0; i < taskSpecs.size(); i++) {
            try {
                tasks.add(MazeTask.parse(taskSpecs.get(i).id()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("tasks[" + i + "].id: " + e.getMessage(), e);
            }
        }
        LlmGates llm = LlmGates.open(ctx); // validated (and a replay opened) before any training

        List<Expert> experts = MazeFig5Experiment.trainExperts(ctx, expertSpecs, maze);
        Combiner combiner = MazeFig5Experiment.combiner(combinerSpec, experts, maze);
        MazeFig5Experiment.writeCatalogue(ctx, experts);
        MazeGateEvaluator evaluator = new MazeGateEvaluator(combiner, evaluation.actions());
        long evalSeed = ctx.seed() * 1_000_003L + 17; // maze-fig5's evaluation episodes

        Table results = Table.of("method", "style", "task", "plans", "mean_success", "sd_success", "min_success",
                "max_success", "solved_fraction", "ci95_low", "ci95_high");
        Table samples = Table.of("style", "task", "sample", "seed", "outcome", "exchanges", "model_millis",
                "success_rate", "mean_steps", "mean_return", "plan");
        Table curves = Table.of("task", "seed", "env_steps", "episodes", "success_rate", "mean_return");
        Map<String, List<Plots.Series>> lines = new LinkedHashMap<>();
        for (int t = 0; t < tasks.size(); t++) {
            MazeLlmEvalConfig.TaskSpec spec = taskSpecs.get(t);
            MazeConfig taskMaze = maze.withTask(tasks.get(t));
            List<Plots.Series> taskLines = new ArrayList<>();
            lines.put(spec.id(), taskLines);
            Map<String, Gate> frozen = new LinkedHashMap<>();
            frozen.put(GateIds.UNIFORM, FixedGate.uniform(combiner));
            if (gates.plan().containsKey(spec.id())) {
                frozen.put(GateIds.PLAN, MazeFig5Experiment.planGate(combiner, gates.plan(), spec.id()));
            }
            frozen.put(GateIds.ORACLE, MazeFig5Experiment.oracle(ctx, combiner, evaluator, gates.oracle(), taskMaze, spec.id()));
            for (int k = 0; k < experts.size(); k++) {
                double[] w = new double[experts.size()];
                w[k] = 1;
                frozen.put("expert-" + combiner.ids().get(k), new FixedGate("expert-" + combiner.ids().get(k), w, combiner.ids()));
            }
            for (Map.Entry<String, Gate> e : frozen.entrySet()) {
                double s = evaluator.evaluate(e.getValue(), taskMaze, evaluation.episodes(), evalSeed).successRate();
                addRow(results, e.getKey(), "-", spec.id(), SuccessStats.of(new double[] {s}, sampling.solvedThreshold()));
                ctx.say(String.format(Locale.ROOT, "%-10s %-16s success %.3f  (%s)", e.getKey(), spec.id(), s,
                        e.getValue().describe()));
            }
            if (llm.available()) {
                for (PromptStyle style : sampling.styles()) {
                    double[] success = llmSamples(ctx, llm, style, spec, taskMaze, experts, evaluator, evaluation,
                            sampling, evalSeed, samples);
                    SuccessStats st = SuccessStats.of(success, sampling.solvedThreshold());
                    addRow(results, GateIds.LLM, style.id(), spec.id(), st);
                    ctx.say(String.format(Locale.ROOT, "llm (%s) on %s: %d plans, success mean %.3f sd %.3f, solved"
                            + " (>= %.2f) %.2f", style.id(), spec.id(), st.n(), st.mean(), st.sd(),
                            sampling.solvedThreshold(), st.solvedFraction()));
                    taskLines.add(flat("llm " + style.id() + " (mean of " + st.n() + " plans)", st.mean()));
                }
            }
            if (gates.network().seeds() > 0) {
                double[] finals = networkSeeds(ctx, combiner, evaluator, gates.network(), taskMaze, spec.id(),
                        evalSeed, evaluation.episodes(), curves, taskLines);
                addRow(results, GateIds.NETWORK, "-", spec.id(), SuccessStats.of(finals, sampling.solvedThreshold()));
            }
            for (String g : List.of(GateIds.PLAN, GateIds.ORACLE, GateIds.UNIFORM)) {
                for (int i = 0; i < results.size(); i++) {
                    if (results.cell(i, "method").equals(g) && results.cell(i, "task").equals(spec.id())) {
                        taskLines.add(flat(g, (Double) results.cell(i, "mean_success")));
                    }
                }
            }
        }
        llm.close();
        llm.sayIfSkipped();
        results.writeCsv(ctx.file("results.csv"));
        samples.writeCsv(ctx.file("llm-samples.csv"));
        if (gates.network().seeds() > 0) {
            curves.writeCsv(ctx.file("network-curves.csv"));
            Table ci = NetworkCurveCi.of(curves);
            ci.writeCsv(ctx.file("network-curve-ci.csv"));
            for (Map.Entry<String, List<Plots.Series>> e : lines.entrySet()) {
                List<Plots.Series> s = new ArrayList<>(NetworkCurveCi.series(ci, e.getKey()));
                double maxStep = s.isEmpty() ? 1 : s.get(0).x()[s.get(0).x().length - 1];
                for (Plots.Series f : e.getValue()) {
                    s.add(Plots.Series.of(f.name(), new double[] {0, maxStep}, f.y()));
                }
                Plots.line(ctx.file("plots/convergence-" + e.getKey() + ".png"), "Success on " + e.getKey()
                        + ": network gate along training (mean, 95 % CI over seeds) vs frozen gates",
                        "network gate training env steps", "success rate", s);
            }
        }
        MazeLlmEvalReport.write(ctx, llm, sampling, evaluation, gates.network(), results, samples);
    }

    private static void addRow(Table t, String method, String style, String task, SuccessStats s) {
        t.add(method, style, task, s.n(), s.mean(), s.sd(), s.min(), s.max(), s.solvedFraction(), s.ciLow(), s.ciHigh());
    }

    private static Plots.Series flat(String name, double y) {
        return Plots.Series.of(name, new double[] {0, 1}, new double[] {y, y});
    }

    /** K plans for one task and style, each evaluated; returns their success rates (NaN for a failed plan). */
    private static double[] llmSamples(ExperimentContext ctx, LlmGates llm, PromptStyle style,
                                       MazeLlmEvalConfig.TaskSpec spec, MazeConfig taskMaze, List<Expert> experts,
                                       MazeGateEvaluator evaluator, MazeFig5Config.EvaluationSpec evaluation,
                                       MazeLlmEvalConfig.SamplingSpec sampling, long evalSeed, Table samples) {
        GateRequest base = request(style, spec, taskMaze, experts);
        double[] success = new double[sampling.samples()];
        for (int k = 0; k < sampling.samples(); k++) {
            // One named split per (style, task, sample): the seed depends on nothing else.
            long seed = RngStream.deriveSeed(ctx.seed(), "llm/" + style.id() + "/" + spec.id() + "/" + k);
            Optional<LlmGates.Planned> planned = llm.plan(base.withSeed(seed));
            if (planned.isEmpty()) {
                success[k] = Double.NaN;
                samples.add(style.id(), spec.id(), k, seed, "failed", 0, 0, Double.NaN, Double.NaN, Double.NaN, "");
                continue;
            }
            GateDecision d = planned.get().decision();
            MazeGateEvaluator.Score s = evaluator.evaluate(planned.get().gate(), taskMaze, evaluation.episodes(), evalSeed);
            llm.executed(planned.get());
            success[k] = s.successRate();
            String outcome = d.fellBack() ? "fallback" : d.repaired() ? "repaired" : "first-try";
            samples.add(style.id(), spec.id(), k, seed, outcome, d.exchanges(), d.modelMillis(), s.successRate(),
                    s.meanSteps(), s.meanReturn(), planText(d, base.expertIds()));
            ctx.say(String.format(Locale.ROOT, "llm %-5s %-16s plan %d: %-9s success %.3f  %s", style.id(), spec.id(), k,
                    outcome, s.successRate(), planText(d, base.expertIds())));
        }
        return success;
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
            case HINTS -> new GateRequest(spec.id(), spec.requirement(), MazeFig5Experiment.stateDescription(taskMaze, true),
                    infos, MazeFig5Experiment.PREDICATES);
            case PAPER -> new GateRequest(spec.id(), spec.paperRequirement(),
                    MazeFig5Experiment.stateDescription(taskMaze, false), infos.stream().map(i -> new ExpertInfo(i.id(),
                            "mission expert for: " + missionOf(i), "", i.env(), i.actionSemantics())).toList(),
                    MazeFig5Experiment.PREDICATES);
        };
    }

    /** The expert's mission in a word or two (its training task, e.g. "goal"), without its role or reward. */
    private static String missionOf(ExpertInfo i) {
        String t = i.trainedFor();
        int q = t.indexOf('\'');
        int r = q < 0 ? -1 : t.indexOf('\'', q + 1);
        return r > q ? t.substring(q + 1, r) : i.id();
    }

    /** Trains the network gate once per seed; returns each seed's final success on the evaluation episodes. */
    private static double[] networkSeeds(ExperimentContext ctx, Combiner combiner, MazeGateEvaluator evaluator,
                                         MazeLlmEvalConfig.NetworkSpec spec, MazeConfig taskMaze, String taskId,
                                         long evalSeed, int episodes, Table curves, List<Plots.Series> lines) {
        PpoConfig ppo = spec.ppo() == null ? PpoConfig.defaults()
                : ConfigLoader.bindOver(PpoConfig.defaults(), spec.ppo(), "gates.network.ppo");
        ResolvedRun.requireRolloutWithin(ppo, spec.steps(), "gates.network.ppo", "gates.network.steps");
        double[] finals = new double[spec.seeds()];
        for (int i = 0; i < spec.seeds(); i++) {
            long seed = ctx.seed() + 101 + i; // i = 0 is maze-fig5's network gate seed
            NetworkGateTrainer.Result r = NetworkGateTrainer.train(combiner, j -> new MazeEnv(taskMaze), ppo, spec.steps(),
                    spec.evalEvery(), g -> {
                        MazeGateEvaluator.Score s = evaluator.evaluate(g, taskMaze, spec.evalEpisodes(), evalSeed + 1);
                        return new double[] {s.successRate(), s.meanReturn()};
                    }, seed);
            for (NetworkGateTrainer.CurvePoint p : r.curve()) {
                curves.add(taskId, seed, p.envSteps(), p.episodes(), p.values()[0], p.values()[1]);
            }
            finals[i] = evaluator.evaluate(r.gate(), taskMaze, episodes, evalSeed).successRate();
            ctx.say(String.format(Locale.ROOT, "network gate on %s, seed %d: %d env steps in %.1f s; final success %.3f",
                    taskId, seed, r.envSteps(), r.seconds(), finals[i]));
        }
        return finals;
    }
}
