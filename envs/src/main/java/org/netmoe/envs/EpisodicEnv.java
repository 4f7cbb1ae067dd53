package org.netmoe.envs;

import java.util.Map;
import org.netmoe.envs.rng.RngStream;
import org.netmoe.envs.space.Action;

/**
 * Base of the built-in envs: it owns the RNG, the episode lifecycle and the time limit, so an env
 * only writes its dynamics ({@link #onReset}, {@link #onStep}). The time limit turns a step that
 * did not terminate into a truncation when the episode reaches {@code maxEpisodeSteps}.
 */
public abstract class EpisodicEnv implements Env {
    private final int maxEpisodeSteps;
    private RngStream rng = RngStream.of(0);
    private boolean started;
    private boolean needsReset = true;
    private boolean closed;
    private int episodeStep;

    /** @param maxEpisodeSteps the time limit, {@code > 0} */
    protected EpisodicEnv(int maxEpisodeSteps) {
        this.maxEpisodeSteps = Require.positive("maxEpisodeSteps", maxEpisodeSteps);
    }

    @Override
    public final Reset reset(Long seed, Map<String, ?> options) {
        if (closed) {
            throw new IllegalStateException("reset() on a closed env");
        }
        if (seed != null) {
            rng = RngStream.of(seed);
        }
        started = true;
        needsReset = false;
        episodeStep = 0;
        return onReset(rng, options == null ? Map.of() : options);
    }

    @Override
    public final Step step(Action action) {
        if (closed) {
            throw new IllegalStateException("step() on a closed env");
        }
        if (!started) {
            throw new IllegalStateException("step() before the first reset()");
        }
        if (needsReset) {
            throw new IllegalStateException("step() after the episode ended; call reset() first");
        }
        Step s = onStep(action, rng);
        episodeStep++;
        boolean truncated = s.truncated() || (!s.terminated() && episodeStep >= maxEpisodeSteps);
        needsReset = s.terminated() || truncated;
        return truncated == s.truncated() ? s
                : new Step(s.observation(), s.reward(), s.terminated(), truncated, s.info());
    }

    /** Steps taken in the current episode. */
    public final int episodeStep() {
        return episodeStep;
    }

    /** The time limit. */
    public final int maxEpisodeSteps() {
        return maxEpisodeSteps;
    }

    /** The env's RNG stream (for checkpoints: save and restore its state). */
    public final RngStream rng() {
        return rng;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Starts an episode: draw the initial state from {@code rng}, return the first observation. */
    protected abstract Reset onReset(RngStream rng, Map<String, ?> options);

    /**
     * Applies a validated-by-the-env action. Return {@code truncated = false} unless the env has
     * its own reason to truncate; the time limit is applied by this class.
     */
    protected abstract Step onStep(Action action, RngStream rng);
}
