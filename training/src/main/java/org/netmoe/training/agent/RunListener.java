package org.netmoe.training.agent;

import java.util.Map;
import java.util.TreeMap;
import org.netmoe.agents.loop.Metrics;
import org.netmoe.agents.loop.TrainingListener;
import org.netmoe.checkpoints.Checkpoint;
import org.netmoe.training.run.TrainContext;

/**
 * Turns a training loop's callbacks into {@code metrics.csv} rows and progress: every finished
 * episode ({@code rollout/episode_return}, {@code rollout/episode_length}, {@code rollout/success}
 * where the env reports it) and the update metrics of the first update in each window of
 * {@code logEvery / 10} env steps. It counts episodes; its state (that count and the last logged
 * window) goes into checkpoints as the counters {@value #EPISODES} and {@value #WINDOW}.
 */
final class RunListener implements TrainingListener {
    static final String EPISODES = "episodes";
    static final String WINDOW = "metrics_update_window";
    private final TrainContext ctx;
    private final long updateEvery;
    private long lastWindow = -1;
    private long episodes;

    RunListener(TrainContext ctx) {
        this.ctx = ctx;
        this.updateEvery = Math.max(1, ctx.train().logEvery() / 10);
    }

    long episodes() {
        return episodes;
    }

    /** Adds this listener's counters to a checkpoint. */
    void writeTo(Checkpoint.Builder b) {
        b.counter(EPISODES, episodes).counter(WINDOW, lastWindow);
    }

    /** Continues from the counters of {@code c}. */
    void restore(Checkpoint c) {
        episodes = c.counter(EPISODES);
        lastWindow = c.counter(WINDOW);
    }

    @Override
    public void onEpisode(long envStep, double episodeReturn, int episodeLength, Map<String, Double> info) {
        episodes++;
        ctx.metrics().record(envStep, "rollout/episode_return", episodeReturn);
        ctx.metrics().record(envStep, "rollout/episode_length", episodeLength);
        Double success = info.get("success");
        if (success != null) {
            ctx.metrics().record(envStep, "rollout/success", success);
        }
        ctx.progress().update(envStep, episodeReturn);
    }

    @Override
    public void onUpdate(long envStep, Metrics metrics) {
        if (envStep / updateEvery != lastWindow) {
            lastWindow = envStep / updateEvery;
            Map<String, Double> byName = new TreeMap<>();
            metrics.forEach(byName::put);
            byName.forEach((k, v) -> ctx.metrics().record(envStep, k, v));
        }
    }

    @Override
    public boolean onStep(long envStep) {
        ctx.progress().update(envStep, Double.NaN);
        return true;
    }
}
