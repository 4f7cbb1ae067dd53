package org.netmoe.training.experiment.multibs;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.multibs.BsSets;
import org.netmoe.envs.multibs.MultiBsConfig;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.config.ConfigLoader;
import org.netmoe.training.experiment.Experiment;
import org.netmoe.training.experiment.ExperimentContext;
import org.netmoe.training.report.Table;
import org.netmoe.training.run.TrainSession;

/**
 * Survey Sec. V-A, Fig. 12 and Table VII: for each denoiser architecture (MoE Top-1, MoE Top-2,
 * MLP 20→26→32, deeper MLP 20→23→26→29→32) and seed, a diffusion policy learns the precoder on {@code multi-bs}
 * for a fixed grid of UE locations ({@link UserGrid}: training and test users interleaved), each user served by
 * its exhaustive-search BS set, the same for every architecture, so that only the precoder generator differs.
 * Every run is evaluated on the test users against the best precoder and non-learned references.
 *
 * <p>Writes {@code results.csv} ({@code architecture,seed,final_reward,final_match,steps_to_threshold,parameters}),
 * {@code curves.csv}, {@code reference.csv} (the references on the test users), {@code reward-curves.png} (mean
 * and 95 % interval over seeds) and {@code summary.md} ({@link MultibsSummary}).
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
        return "multi-BS reception: diffusion precoder with MoE (Top-1/Top-2) vs MLP denoisers on the exhaustive"
                + " BS sets of a UE grid (survey Fig. 12, Table VII)";
    }

    @Override
    public void run(ExperimentContext ctx) throws IOException {
        MultiBsConfig env = ctx.section("env", MultiBsConfig.defaults());
        if (env.episodeSteps() != 1) {
            throw new ConfigException("env.episodeSteps: multibs-fig12 serves one UE per episode, was "
                    + env.episodeSteps());
        }
        MultibsFig12Config.TrainingSpec training = ctx.required("training", MultibsFig12Config.TrainingSpec.class);
        MultibsFig12Config.UsersSpec usersSpec = ctx.required("users", MultibsFig12Config.UsersSpec.class);
        DiffusionConfig diffusion = ctx.section("diffusion", DiffusionConfig.defaults());
        CriticConfig critic = ctx.section("critic", CriticConfig.defaults());
        CheckpointConfig checkpoint = ctx.section("checkpoint", MultibsFig12Config.CHECKPOINT_DEFAULTS);
        List<MultibsFig12Config.ArchitectureSpec> archs = ctx.required("architectures", new TypeReference<>() { });
        if (archs.isEmpty()) {
            throw new ConfigException("architectures: must list at least one architecture");
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
        UserGrid users = new UserGrid(env, usersSpec);
        BsSets sets = new BsSets(env.numBs(), env.bsPerUe());
        List<UserGrid.Reference> refs = users.references();
        double best = refs.get(0).sumRate();
        double random = refs.get(1).sumRate();
        double threshold = random + training.thresholdFraction() * (best - random);
        ctx.say(String.format(Locale.ROOT, "%d training and %d test users on a %.3g m grid, %d BS sets x %d precoders;"
                        + " on the test users' exhaustive BS sets: best precoder %.3f bit/s/Hz, random precoder %.3f,"
                        + " nearest training user %.3f (match %.3f); threshold %.3f [%.1f s]", users.train.size(),
                users.test.size(), usersSpec.spacing(), sets.size(), env.codebookSize(), best, random,
                refs.get(3).sumRate(), refs.get(3).match(), threshold, (System.nanoTime() - t0) / 1e9));
        ctx.say("diffusion policy trained by " + trainingLine(diffusion));

        Table results = Table.of("architecture", "seed", "final_reward", "final_match", "steps_to_threshold",
                "parameters");
        Table curves = Table.of("architecture", "seed", "step", "reward", "precoder_accuracy", "train_reward",
                "train_accuracy");
        Map<String, List<MultibsRun.Result>> byArch = new LinkedHashMap<>();
        for (var e : denoisers.entrySet()) {
            List<MultibsRun.Result> runs = new ArrayList<>();
            for (int n = 1; n <= training.seeds(); n++) {
                long seed = RngStream.deriveSeed(ctx.seed(), "run-" + n);
                long r0 = System.nanoTime();
                String runConfig = runConfig(ctx.seed(), n, e.getKey(), e.getValue(), env, usersSpec, training,
                        diffusion, critic);
                MultibsRun.Result r;
                Path dir = ctx.runDir().resolve(TrainSession.CHECKPOINTS).resolve(e.getKey()).resolve("seed-" + n);
                try (CheckpointStore store = CheckpointStore.open(dir, checkpoint)) {
                    Optional<Checkpoint> from = store.latestValid();
                    if (from.isPresent() && !from.get().config().equals(runConfig)) {
                        throw new ConfigException("checkpoint " + from.get().directory().orElse(dir) + " was written"
                                + " with another config of this run; start without --reuse or choose another --run-dir");
                    }
                    int run = n;
                    from.ifPresent(c -> ctx.say(String.format(Locale.ROOT, "%-9s seed %-5d resuming from its"
                            + " checkpoint at env step %d of %d", e.getKey(), run, c.step(), training.steps())));
                    r = MultibsRun.run(users, sets, training, diffusion, critic, e.getValue(), seed,
                            new MultibsRun.Checkpointing(store, checkpoint, runConfig, from));
                }
                runs.add(r);
                Long reached = MultibsSummary.stepsToThreshold(r, threshold);
                results.add(e.getKey(), n, r.last().reward(), r.last().precoderAccuracy(), reached, r.parameters());
                for (MultibsRun.Point p : r.curve()) {
                    curves.add(e.getKey(), n, p.step(), p.reward(), p.precoderAccuracy(), p.trainReward(),
                            p.trainAccuracy());
                }
                ctx.say(String.format(Locale.ROOT, "%-9s seed %-5d final %.3f bit/s/Hz  match %.3f (training users"
                                + " %.3f)  threshold at %s  params %d  [%.1f s]", e.getKey(), n, r.last().reward(),
                        r.last().precoderAccuracy(), r.last().trainAccuracy(), reached == null ? "never" : reached,
                        r.parameters(), (System.nanoTime() - r0) / 1e9));
            }
            byArch.put(e.getKey(), runs);
        }
        results.writeCsv(ctx.file("results.csv"));
        Table reference = Table.of("reference", "sum_rate", "match_rate");
        refs.forEach(x -> reference.add(x.name(), x.sumRate(), Double.isNaN(x.match()) ? null : x.match()));
        reference.writeCsv(ctx.file("reference.csv"));
        curves.writeCsv(ctx.file("curves.csv"));
        MultibsSummary summary = new MultibsSummary(byArch, refs, threshold);
        summary.plot(ctx.file("reward-curves.png"));
        summary.write(ctx.file("summary.md"), String.format(Locale.ROOT, "%d candidate BSs, %d per UE (%d sets), %d"
                        + " precoders (DFT, %d UE antennas, %d streams), %d BS ports each. Users: a %.3g m grid over"
                        + " [%.4g, %.4g] x [%.4g, %.4g] m, %d training and %d test users (checkerboard), each served by"
                        + " its exhaustive-search BS set (the same for every architecture). %d seeds x %d env steps per"
                        + " architecture; evaluation on the test users every %d steps. Diffusion policy trained by %s.",
                env.numBs(), env.bsPerUe(), sets.size(), env.codebookSize(), env.ueAntennas(), env.streams(),
                env.bsPorts(), usersSpec.spacing(), usersSpec.x0(), usersSpec.x0() + usersSpec.width(), usersSpec.y0(),
                usersSpec.y0() + usersSpec.height(), users.train.size(), users.test.size(), training.seeds(),
                training.steps(), training.evalEvery(), trainingLine(diffusion)), training.thresholdFraction());
        ctx.say("wrote " + ctx.runDir().resolve("summary.md"));
    }

    /**
     * The resolved config of one (architecture, seed) run: what its checkpoints must have been written with
     * (the {@code checkpoint} section may change between a run and its resume; nothing else may).
     */
    private static String runConfig(long experimentSeed, int run, String id, DenoiserSpec denoiser, MultiBsConfig env,
                                    MultibsFig12Config.UsersSpec users, MultibsFig12Config.TrainingSpec training,
                                    DiffusionConfig diffusion, CriticConfig critic) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.put("experimentSeed", experimentSeed);
        tree.put("run", run);
        tree.put("architecture", id);
        tree.set("denoiser", ConfigLoader.toTree(denoiser));
        tree.set("env", ConfigLoader.toTree(env));
        tree.set("training", ConfigLoader.toTree(training));
        tree.set("users", ConfigLoader.toTree(users));
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
}
