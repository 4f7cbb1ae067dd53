package org.netmoe.training.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.netmoe.agents.loop.Metrics;
import org.netmoe.agents.loop.TrainingListener;
import org.netmoe.checkpoints.Checkpoint;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.training.run.GreedyEvaluation;
import org.netmoe.training.run.TrainContext;

/**
 * Evaluation during training, like Stable-Baselines3's {@code EvalCallback}: every
 * {@code train.evalEvery} env steps (at the first step boundary past each multiple; PPO's boundaries
 * are its iterations) the deterministic policy plays {@code train.evalEpisodes} episodes on a fresh
 * env seeded from the run's {@code eval/periodic} stream, the same episodes each time, so two
 * evaluations compare policies and not luck; the training envs and RNG streams are not touched.
 * It records {@code eval/mean_return} (and {@code eval/success_rate}, {@code eval/oracle_fraction}
 * where the env defines them) at that step and, when the mean return beats every earlier one, saves
 * the policy into {@code best/} beside the final one ({@code best/best.yaml} says at which step and
 * with what return). The best return and step go into checkpoints (counters), so a resumed run keeps
 * the same best policy as an uninterrupted one.
 */
final class PeriodicEvaluation implements TrainingListener {
    /** The folder of the best policy in the run directory. */
    static final String BEST = "best";
    static final String BEST_STEP = "eval_best_step";
    static final String BEST_RETURN_BITS = "eval_best_return_bits";

    /** Writes the current policy into a folder. */
    @FunctionalInterface
    interface PolicyWriter {
        void write(Path dir) throws IOException;
    }

    private final TrainingListener inner;
    private final TrainContext ctx;
    private final Function<float[], Action> policy;
    private final PolicyWriter writer;
    private final long every;
    private final long seed;
    private long lastStep;
    private long bestStep = -1;
    private double bestReturn = Double.NEGATIVE_INFINITY;

    PeriodicEvaluation(TrainingListener inner, TrainContext ctx, Function<float[], Action> policy, PolicyWriter writer,
                       long startStep) {
        this.inner = inner;
        this.ctx = ctx;
        this.policy = policy;
        this.writer = writer;
        this.every = ctx.train().evalEvery();
        this.seed = RngStream.of(ctx.seed()).split("eval/periodic").seed();
        this.lastStep = startStep;
    }

    /** Adds the best return and step to a checkpoint. */
    void writeTo(Checkpoint.Builder b) {
        if (every == 0) {
            return; // no evaluation during training: checkpoints stay as they were
        }
        b.counter(BEST_STEP, bestStep).counter(BEST_RETURN_BITS, Double.doubleToRawLongBits(bestReturn));
    }

    /** Continues from the best return and step of {@code c} (none in a checkpoint of a run without them). */
    void restore(Checkpoint c) {
        if (c.counters().containsKey(BEST_STEP)) {
            bestStep = c.counter(BEST_STEP);
            bestReturn = Double.longBitsToDouble(c.counter(BEST_RETURN_BITS));
        }
    }

    @Override
    public void onEpisode(long envStep, double episodeReturn, int episodeLength, Map<String, Double> finalInfo) {
        inner.onEpisode(envStep, episodeReturn, episodeLength, finalInfo);
    }

    @Override
    public void onUpdate(long envStep, Metrics metrics) {
        inner.onUpdate(envStep, metrics);
    }

    @Override
    public boolean onStep(long envStep) {
        if (every > 0 && envStep / every > lastStep / every) {
            evaluate(envStep);
        }
        lastStep = envStep;
        return inner.onStep(envStep);
    }

    private void evaluate(long envStep) {
        GreedyEvaluation.Result r = GreedyEvaluation.run(ctx.envFactory(), policy, ctx.train().evalEpisodes(), seed);
        ctx.metrics().record(envStep, "eval/mean_return", r.meanReturn());
        if (!Double.isNaN(r.successRate())) {
            ctx.metrics().record(envStep, "eval/success_rate", r.successRate());
        }
        if (!Double.isNaN(r.oracleFraction())) {
            ctx.metrics().record(envStep, "eval/oracle_fraction", r.oracleFraction());
        }
        if (r.meanReturn() > bestReturn) {
            bestReturn = r.meanReturn();
            bestStep = envStep;
            Path dir = ctx.runDir().resolve(BEST);
            try {
                Files.createDirectories(dir);
                writer.write(dir);
                Files.writeString(dir.resolve("best.yaml"), String.format(Locale.ROOT,
                        "step: %d\nmean_return: %s\nepisodes: %d\n", envStep, r.meanReturn(), r.episodes()));
            } catch (IOException e) {
                throw new UncheckedIOException("saving the best policy into " + dir, e);
            }
        }
    }
}
