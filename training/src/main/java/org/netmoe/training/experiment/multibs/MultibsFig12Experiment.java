package org.netmoe.training.experiment.multibs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.netmoe.agents.diffusion.DenoiserSpec;
import org.netmoe.agents.diffusion.DiffusionConfig;
import org.netmoe.checkpoints.Checkpoint;
import org.netmoe.checkpoints.CheckpointStore;
import org.netmoe.envs.multibs.BsSets;
import org.netmoe.envs.multibs.MultiBsConfig;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.experiment.Experiment;
import org.netmoe.training.experiment.ExperimentContext;
import org.netmoe.training.experiment.multibs.MultibsRows.CurveRow;
import org.netmoe.training.experiment.multibs.MultibsRows.ReferenceRow;
import org.netmoe.training.experiment.multibs.MultibsRows.ResultRow;
import org.netmoe.training.report.Rows;
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
 * each continues from its newest valid checkpoint, bit-identically on the CPU backend. The whole config is bound
 * and checked first ({@link MultibsFig12Config#bind}).
 */
public final class MultibsFig12Experiment implements Experiment {
    /**
     * What every run shares: the user grid, the BS sets, the references on the test users (best precoder first,
     * random precoder second) and the sum rate a run must reach to count as "at threshold".
     */
    private record Setup(UserGrid users, BsSets sets, List<UserGrid.Reference> refs, double threshold) {
    }

    /** The typed rows of results.csv and curves.csv, and every run's result by architecture for the summary. */
    private static final class Results {
        final Rows<ResultRow> results = Rows.of(ResultRow.class);
        final Rows<CurveRow> curves = Rows.of(CurveRow.class);
        final Map<String, List<MultibsRun.Result>> byArch = new LinkedHashMap<>();
    }

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
        MultibsFig12Config c = MultibsFig12Config.bind(ctx);
        Setup setup = placeUsers(ctx, c);
        Results results = trainEveryRun(ctx, c, setup);
        writeTables(ctx, setup, results);
        writeSummary(ctx, c, setup, results);
    }

    /** The user grid with its exhaustive-search BS sets, the references on the test users and the threshold. */
    private static Setup placeUsers(ExperimentContext ctx, MultibsFig12Config c) {
        long t0 = System.nanoTime();
        UserGrid users = new UserGrid(c.env(), c.users());
        BsSets sets = new BsSets(c.env().numBs(), c.env().bsPerUe());
        List<UserGrid.Reference> refs = users.references();
        double best = refs.get(0).sumRate();
        double random = refs.get(1).sumRate();
        double threshold = random + c.training().thresholdFraction() * (best - random);
        ctx.say(String.format(Locale.ROOT, "%d training and %d test users on a %.3g m grid, %d BS sets x %d precoders;"
                        + " on the test users' exhaustive BS sets: best precoder %.3f bit/s/Hz, random precoder %.3f,"
                        + " nearest training user %.3f (match %.3f); threshold %.3f [%.1f s]", users.train.size(),
                users.test.size(), c.users().spacing(), sets.size(), c.env().codebookSize(), best, random,
                refs.get(3).sumRate(), refs.get(3).match(), threshold, (System.nanoTime() - t0) / 1e9));
        ctx.say("diffusion policy trained by " + trainingLine(c.diffusion()));
        return new Setup(users, sets, refs, threshold);
    }

    /** Every (architecture, seed) run in config order, each scored and its curve kept. */
    private static Results trainEveryRun(ExperimentContext ctx, MultibsFig12Config c, Setup setup)
            throws IOException {
        Results results = new Results();
        for (var arch : c.denoisers().entrySet()) {
            List<MultibsRun.Result> runs = new ArrayList<>();
            for (int n = 1; n <= c.training().seeds(); n++) {
                MultibsRun.Result r = trainOrResume(ctx, c, setup, arch.getKey(), arch.getValue(), n);
                runs.add(r);
                results.results.add(ResultRow.of(arch.getKey(), n, r, setup.threshold()));
                for (MultibsRun.Point p : r.curve()) {
                    results.curves.add(CurveRow.of(arch.getKey(), n, p));
                }
            }
            results.byArch.put(arch.getKey(), runs);
        }
        return results;
    }

    /**
     * Run {@code n} of architecture {@code id}, continued from its newest valid checkpoint when there is one.
     *
     * @throws ConfigException when that checkpoint was written with another config of this run
     */
    private static MultibsRun.Result trainOrResume(ExperimentContext ctx, MultibsFig12Config c, Setup setup, String id,
                                                   DenoiserSpec denoiser, int n) throws IOException {
        long r0 = System.nanoTime();
        String runConfig = c.runConfig(n, id, denoiser);
        MultibsRun.Result r;
        Path dir = ctx.runDir().resolve(TrainSession.CHECKPOINTS).resolve(id).resolve("seed-" + n);
        try (CheckpointStore store = CheckpointStore.open(dir, c.checkpoint())) {
            Optional<Checkpoint> from = store.latestValid();
            if (from.isPresent() && !from.get().config().equals(runConfig)) {
                throw new ConfigException("checkpoint " + from.get().directory().orElse(dir) + " was written"
                        + " with another config of this run; start without --reuse or choose another --run-dir");
            }
            from.ifPresent(cp -> ctx.say(String.format(Locale.ROOT, "%-9s seed %-5d resuming from its"
                    + " checkpoint at env step %d of %d", id, n, cp.step(), c.training().steps())));
            r = MultibsRun.run(setup.users(), setup.sets(), c.training(), c.diffusion(), c.critic(), denoiser,
                    c.runSeed(n), new MultibsRun.Checkpointing(store, c.checkpoint(), runConfig, from));
        }
        Long reached = MultibsSummary.stepsToThreshold(r, setup.threshold());
        ctx.say(String.format(Locale.ROOT, "%-9s seed %-5d final %.3f bit/s/Hz  match %.3f (training users"
                        + " %.3f)  threshold at %s  params %d  [%.1f s]", id, n, r.last().reward(),
                r.last().precoderAccuracy(), r.last().trainAccuracy(), reached == null ? "never" : reached,
                r.parameters(), (System.nanoTime() - r0) / 1e9));
        return r;
    }

    /** results.csv, reference.csv and curves.csv. */
    private static void writeTables(ExperimentContext ctx, Setup setup, Results results) throws IOException {
        results.results.writeCsv(ctx.file("results.csv"));
        Rows<ReferenceRow> reference = Rows.of(ReferenceRow.class);
        setup.refs().forEach(x -> reference.add(ReferenceRow.of(x)));
        reference.writeCsv(ctx.file("reference.csv"));
        results.curves.writeCsv(ctx.file("curves.csv"));
    }

    /** reward-curves.png and summary.md, whose first paragraph describes the setup. */
    private static void writeSummary(ExperimentContext ctx, MultibsFig12Config c, Setup setup, Results results)
            throws IOException {
        MultibsSummary summary = new MultibsSummary(results.byArch, setup.refs(), setup.threshold());
        summary.plot(ctx.file("reward-curves.png"));
        MultiBsConfig env = c.env();
        MultibsFig12Config.UsersSpec u = c.users();
        MultibsFig12Config.TrainingSpec training = c.training();
        summary.write(ctx.file("summary.md"), String.format(Locale.ROOT, "%d candidate BSs, %d per UE (%d sets), %d"
                        + " precoders (DFT, %d UE antennas, %d streams), %d BS ports each. Users: a %.3g m grid over"
                        + " [%.4g, %.4g] x [%.4g, %.4g] m, %d training and %d test users (checkerboard), each served by"
                        + " its exhaustive-search BS set (the same for every architecture). %d seeds x %d env steps per"
                        + " architecture; evaluation on the test users every %d steps. Diffusion policy trained by %s.",
                env.numBs(), env.bsPerUe(), setup.sets().size(), env.codebookSize(), env.ueAntennas(), env.streams(),
                env.bsPorts(), u.spacing(), u.x0(), u.x0() + u.width(), u.y0(), u.y0() + u.height(),
                setup.users().train.size(), setup.users().test.size(), training.seeds(), training.steps(),
                training.evalEvery(), trainingLine(c.diffusion())), training.thresholdFraction());
        ctx.say("wrote " + ctx.runDir().resolve("summary.md"));
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
