package org.netmoe.training.experiment.multibs;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.netmoe.agents.diffusion.CriticConfig;
import org.netmoe.agents.diffusion.DenoiserSpec;
import org.netmoe.agents.diffusion.DiffusionConfig;
import org.netmoe.checkpoints.Checkpoint;
import org.netmoe.checkpoints.CheckpointConfig;
import org.netmoe.checkpoints.CheckpointStore;
import org.netmoe.envs.multibs.BsSets;
import org.netmoe.envs.multibs.MultiBsConfig;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.config.ConfigLoader;
import org.netmoe.training.experiment.Experiment;
import org.netmoe.training.experiment.ExperimentContext;
import org.netmoe.training.report.Plots;
import org.netmoe.training.report.Table;
import org.netmoe.training.run.TrainSession;

/**
 * Survey Sec. V-A, Fig. 12 and Table VII: for each denoiser architecture (MoE Top-1, MoE Top-2,
 * MLP 20→26→32, deeper MLP 20→23→26→29→32) and seed, a DQN learns the BS set and a diffusion policy
 * the precoder on {@code multi-bs}; every run is evaluated on the same fixed UEs against the
 * exhaustive search over every BS set and precoder.
 *
 * <p>Writes {@code results.csv} ({@code architecture,seed,final_reward,steps_to_threshold,parameters}),
 * {@code curves.csv}, {@code reference.csv} (exhaustive-search and random sum rates on the evaluation UEs), {@code reward-curves.png} (mean and min–max band over seeds) and {@code summary.md}.
 *
 * <p>Each (architecture, seed) run checkpoints into {@code checkpoints/<architecture>/seed-<n>/} every
 * {@code checkpoint.every} env steps and at its end ({@link MultibsCheckpoint}); run again with {@code --reuse},
 * each continues from its newest valid checkpoint, bit-identically on the CPU backend.
 */
public final class MultibsFig12Experiment implements Experiment {
    @Override
    public String id() {
        return "multibs-fig12";
    }

    @Override
    public String description() {
        return "multi-BS reception: DQN BS selection + diffusion precoder with MoE (Top-1/Top-2) vs MLP denoisers"
                + " (survey Fig. 12, Table VII)";
    }

    @Override
    public void run(ExperimentContext ctx) throws IOException {
        MultiBsConfig env = ctx.section("env", MultiBsConfig.defaults());
        if (env.episodeSteps() != 1) {
            throw new ConfigException("env.episodeSteps: multibs-fig12 serves one UE per episode, was "
                    + env.episodeSteps());
        }
        MultibsFig12Config.TrainingSpec training = ctx.required("training", MultibsFig12Config.TrainingSpec.class);
        MultibsFig12Config.BsAgentSpec agent = ctx.required("bsAgent", MultibsFig12Config.BsAgentSpec.class);
        DiffusionConfig diffusion = ctx.section("diffusion", DiffusionConfig.defaults());
        CriticConfig critic = ctx.section("critic", CriticConfig.defaults());
        CheckpointConfig checkpoint = ctx.section("checkpoint", MultibsFig12Config.CHECKPOINT_DEFAULTS);
        List<MultibsFig12Config.ArchitectureSpec> archs = ctx.required("architectures", new TypeReference<>() { });
        if (archs.isEmpty()) {
            throw new ConfigException("architectures: must list at least one architecture");
        }
        try {
            agent.dqn(training); // every bsAgent field is checked here, before any work
        } catch (IllegalArgumentException e) {
            throw new ConfigException("bsAgent: " + e.getMessage(), e);
        }
        Map<String, DenoiserSpec> denoisers = new LinkedHashMap<>();
        for (int i = 0; i < archs.size(); i++) {
            MultibsFig12Config.ArchitectureSpec a = archs.get(i);
            try {
                if (!a.id().matches("[A-Za-z0-9_-][A-Za-z0-9._-]*")) {
                    throw new IllegalArgumentException("id must be letters, digits, '.', '_' and '-' (it names the"
                            + " checkpoint directory), was " + a.id());
                }
                if (denoisers.put(a.id(), a.denoiser()) != null) {
                    throw new IllegalArgumentException("id " + a.id() + " is used twice");
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException("architectures[" + i + "]: " + e.getMessage(), e);
            }
        }

        long t0 = System.nanoTime();
        EvalSet eval = new EvalSet(env, training.evalUes(), ctx.seed() * 1_000_003L + 41);
        double threshold = training.thresholdFraction() * eval.meanOptimum;
        ctx.say(String.format(Locale.ROOT, "%d evaluation UEs, %d BS sets x %d precoders: exhaustive search %.3f"
                        + " bit/s/Hz, random %.3f; threshold %.3f (%.0f %% of the optimum) [%.1f s]", eval.size(),
                new BsSets(env.numBs(), env.bsPerUe()).size(), env.codebookSize(),
                eval.meanOptimum, eval.meanRandom, threshold, 100 * training.thresholdFraction(),
                (System.nanoTime() - t0) / 1e9));
        ctx.say("diffusion policy trained by " + trainingLine(diffusion));

        Table results = Table.of("architecture", "seed", "final_reward", "steps_to_threshold", "parameters");
        Table curves = Table.of("architecture", "seed", "step", "reward", "expert_precoder_rate", "precoder_accuracy");
        Map<String, List<MultibsRun.Result>> byArch = new LinkedHashMap<>();
        for (var e : denoisers.entrySet()) {
            List<MultibsRun.Result> runs = new ArrayList<>();
            for (int s = 0; s < training.seeds(); s++) {
                long seed = ctx.seed() + 1000L * s;
                long r0 = System.nanoTime();
                String runConfig = runConfig(ctx.seed(), seed, e.getKey(), e.getValue(), env, training, agent,
                        diffusion, critic);
                MultibsRun.Result r;
                Path dir = ctx.runDir().resolve(TrainSession.CHECKPOINTS).resolve(e.getKey()).resolve("seed-" + seed);
                try (CheckpointStore store = CheckpointStore.open(dir, checkpoint)) {
                    Optional<Checkpoint> from = store.latestValid();
                    if (from.isPresent() && !from.get().config().equals(runConfig)) {
                        throw new ConfigException("checkpoint " + from.get().directory().orElse(dir) + " was written"
                                + " with another config of this run; start without --reuse or choose another --run-dir");
                    }
                    from.ifPresent(c -> ctx.say(String.format(Locale.ROOT, "%-9s seed %-5d resuming from its"
                            + " checkpoint at env step %d of %d", e.getKey(), seed, c.step(), training.steps())));
                    r = MultibsRun.run(env, training, agent, diffusion, critic, e.getValue(), eval, seed,
                            new MultibsRun.Checkpointing(store, checkpoint, runConfig, from));
                }
                runs.add(r);
                Long reached = stepsToThreshold(r, threshold);
                results.add(e.getKey(), seed, r.last().reward(), reached, r.parameters());
                for (MultibsRun.Point p : r.curve()) {
                    curves.add(e.getKey(), seed, p.step(), p.reward(), p.expertPrecoderRate(), p.precoderAccuracy());
                }
                ctx.say(String.format(Locale.ROOT, "%-9s seed %-5d final %.3f bit/s/Hz  threshold at %s  precoder"
                                + " accuracy %.3f  params %d  [%.1f s]", e.getKey(), seed, r.last().reward(),
                        reached == null ? "never" : reached, r.last().precoderAccuracy(), r.parameters(),
                        (System.nanoTime() - r0) / 1e9));
            }
            byArch.put(e.getKey(), runs);
        }
        results.writeCsv(ctx.file("results.csv"));
        Table.of("reference", "sum_rate").add("exhaustive-search", eval.meanOptimum).add("random", eval.meanRandom)
                .writeCsv(ctx.file("reference.csv"));
        curves.writeCsv(ctx.file("curves.csv"));
        plot(ctx, byArch, eval);
        Files.writeString(ctx.file("summary.md"), summary(byArch, eval, training, threshold, env, diffusion));
        ctx.say("wrote " + ctx.runDir().resolve("summary.md"));
    }

    /**
     * The resolved config of one (architecture, seed) run: what its checkpoints must have been written with
     * (the {@code checkpoint} section may change between a run and its resume; nothing else may).
     */
    private static String runConfig(long experimentSeed, long seed, String id, DenoiserSpec denoiser, MultiBsConfig env,
                                    MultibsFig12Config.TrainingSpec training, MultibsFig12Config.BsAgentSpec agent,
                                    DiffusionConfig diffusion, CriticConfig critic) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.put("experimentSeed", experimentSeed);
        tree.put("seed", seed);
        tree.put("architecture", id);
        tree.set("denoiser", ConfigLoader.toTree(denoiser));
        tree.set("env", ConfigLoader.toTree(env));
        tree.set("training", ConfigLoader.toTree(training));
        tree.set("bsAgent", ConfigLoader.toTree(agent));
        tree.set("diffusion", ConfigLoader.toTree(diffusion));
        if (diffusion.usesCritic()) {
            tree.set("critic", ConfigLoader.toTree(critic));
        }
        return ConfigLoader.toYaml(tree);
    }

    private static String trainingLine(DiffusionConfig d) {
        return switch (d.training()) {
            case BC -> "`bc` (the diffusion loss against the exhaustive-search precoder)";
            case ACTOR -> "`actor` (−Q of a double critic on the sum rate, through the reverse chain)";
            case BC_ACTOR -> String.format(Locale.ROOT, "`bc+actor` (diffusion loss + %.3g·(−Q/mean|Q|), Diffusion-QL)",
                    d.eta());
        };
    }

    private static Long stepsToThreshold(MultibsRun.Result r, double threshold) {
        for (MultibsRun.Point p : r.curve()) {
            if (p.reward() >= threshold) {
                return p.step();
            }
        }
        return null;
    }

    private static void plot(ExperimentContext ctx, Map<String, List<MultibsRun.Result>> byArch, EvalSet eval)
            throws IOException {
        List<Plots.Series> series = new ArrayList<>();
        double[] x = null;
        for (var e : byArch.entrySet()) {
            List<MultibsRun.Result> runs = e.getValue();
            int n = runs.get(0).curve().size();
            x = new double[n];
            double[] mean = new double[n];
            double[] lo = new double[n];
            double[] hi = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = runs.get(0).curve().get(i).step();
                lo[i] = Double.POSITIVE_INFINITY;
                hi[i] = Double.NEGATIVE_INFINITY;
                for (MultibsRun.Result r : runs) {
                    double v = r.curve().get(i).reward();
                    mean[i] += v / runs.size();
                    lo[i] = Math.min(lo[i], v);
                    hi[i] = Math.max(hi[i], v);
                }
            }
            series.add(new Plots.Series(e.getKey() + " (mean, min-max over " + runs.size() + " seeds)", x, mean, lo,
                    hi));
        }
        series.add(Plots.Series.of("exhaustive search", new double[] {x[0], x[x.length - 1]},
                new double[] {eval.meanOptimum, eval.meanOptimum}));
        series.add(Plots.Series.of("random set + precoder", new double[] {x[0], x[x.length - 1]},
                new double[] {eval.meanRandom, eval.meanRandom}));
        Plots.line(ctx.file("reward-curves.png"), "multi-bs: sum rate along training (Fig. 12)", "env steps (UEs served)",
                "mean sum rate on the evaluation UEs (bit/s/Hz)", series);
    }

    private static String summary(Map<String, List<MultibsRun.Result>> byArch, EvalSet eval,
                                  MultibsFig12Config.TrainingSpec training, double threshold, MultiBsConfig env,
                                  DiffusionConfig diffusion) {
        Table t = Table.of("architecture", "parameters", "final_reward_mean", "final_reward_std", "fraction_of_optimum",
                "steps_to_threshold_mean", "runs_reaching_threshold", "precoder_accuracy", "auc_reward");
        Map<String, double[]> stats = new LinkedHashMap<>();
        for (var e : byArch.entrySet()) {
            List<MultibsRun.Result> runs = e.getValue();
            double[] finals = runs.stream().mapToDouble(r -> r.last().reward()).toArray();
            double mean = Arrays.stream(finals).average().orElse(Double.NaN);
            double std = Math.sqrt(Arrays.stream(finals).map(v -> (v - mean) * (v - mean)).sum()
                    / Math.max(1, finals.length - 1));
            int reached = 0;
            double steps = 0;
            for (MultibsRun.Result r : runs) {
                Long s = stepsToThreshold(r, threshold);
                if (s != null) {
                    reached++;
                    steps += s;
                }
            }
            double accuracy = runs.stream().mapToDouble(r -> r.last().precoderAccuracy()).average().orElse(0);
            // Area under the curve (mean evaluated reward over all evaluation points): convergence speed and level.
            double auc = runs.stream().mapToDouble(r -> r.curve().stream().mapToDouble(MultibsRun.Point::reward)
                    .average().orElse(0)).average().orElse(0);
            stats.put(e.getKey(), new double[] {mean, reached == runs.size() ? steps / reached : Double.NaN, auc});
            t.add(e.getKey(), runs.get(0).parameters(), mean, std, mean / eval.meanOptimum,
                    reached == 0 ? null : steps / reached, reached + "/" + runs.size(), accuracy, auc);
        }
        StringBuilder sb = new StringBuilder("# multibs-fig12: multi-BS coordinated reception (survey Fig. 12, Table VII)\n\n");
        sb.append(String.format(Locale.ROOT, "%d candidate BSs, %d per UE (%d sets), %d precoders (DFT, %d UE antennas,"
                        + " %d streams), %d BS ports each. %d seeds x %d env steps per architecture; evaluation on %d"
                        + " fixed UEs every %d steps.%n%n", env.numBs(), env.bsPerUe(),
                new BsSets(env.numBs(), env.bsPerUe()).size(), env.codebookSize(),
                env.ueAntennas(), env.streams(), env.bsPorts(), training.seeds(), training.steps(), eval.size(),
                training.evalEvery()));
        sb.append("Diffusion policy trained by ").append(trainingLine(diffusion)).append(".\n\n");
        sb.append(String.format(Locale.ROOT, "Exhaustive search over every BS set and precoder: **%.3f bit/s/Hz**;"
                + " uniformly random set and precoder: %.3f. Threshold for \"steps to threshold\": %.3f (%.0f %% of the"
                + " optimum).%n%n", eval.meanOptimum, eval.meanRandom, threshold, 100 * training.thresholdFraction()));
        sb.append(t.toMarkdown(3)).append('\n');
        sb.append("`final_reward`: mean post-MMSE sum rate (bit/s/Hz) on the evaluation UEs with the DQN's greedy BS set"
                + " and the generated precoder at the end of training; `precoder_accuracy`: fraction of evaluation UEs"
                + " whose generated precoder equals the exhaustive-search precoder for the chosen set; `auc_reward`: the"
                + " mean of the evaluated reward over all evaluation points (higher = faster and higher); steps to"
                + " threshold averaged over the runs that reached it.\n\n");
        sb.append(ordering(stats)).append('\n');
        return sb.toString();
    }

    /** Whether the paper's ordering Top-2 ≥ Top-1 > deeper > baseline held, by final reward and by AUC. */
    private static String ordering(Map<String, double[]> stats) {
        List<String> order = List.of("moe-top2", "moe-top1", "mlp-deep", "mlp");
        if (!stats.keySet().containsAll(order)) {
            return "The paper's ordering is checked only when moe-top2, moe-top1, mlp-deep and mlp all ran.";
        }
        StringBuilder sb = new StringBuilder("Paper's ordering (Top-2 >= Top-1 > deeper > baseline):\n");
        for (int k : new int[] {0, 2}) {
            String what = k == 0 ? "final reward" : "area under the curve";
            double[] v = order.stream().mapToDouble(a -> stats.get(a)[k]).toArray();
            boolean held = v[0] >= v[1] && v[1] > v[2] && v[2] > v[3];
            sb.append(String.format(Locale.ROOT, "- by %s: %s (%.3f, %.3f, %.3f, %.3f)%n", what,
                    held ? "**held**" : "**did not hold**", v[0], v[1], v[2], v[3]));
        }
        return sb.toString();
    }
}
