package org.netmoe.agents.loop;

import java.util.Map;

/**
 * Callbacks a training loop makes (like SB3's callbacks), so the CLI can write metrics, drive a
 * progress bar and stop a run, without the loop knowing about files or terminals. Metric names
 * are fixed, e.g. {@code train/loss}, {@code train/q_mean}, {@code train/policy_loss},
 * {@code train/approx_kl}, {@code train/clip_fraction}, {@code train/explained_variance},
 * {@code train/alpha}, {@code gate/load_balance}.
 */
public interface TrainingListener {
    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {
    };

    /**
     * An episode finished at global env step {@code envStep}.
     *
     * @param finalInfo the info of the episode's last step (e.g. {@code success})
     */
    default void onEpisode(long envStep, double episodeReturn, int episodeLength, Map<String, Double> finalInfo) {
    }

    /**
     * An update (gradient step or PPO iteration) produced these metrics at global env step
     * {@code envStep}; read them during the call (they may reflect networks that change afterwards).
     */
    default void onUpdate(long envStep, Metrics metrics) {
    }

    /**
     * Called after every vectorized env step; return false to stop training early.
     *
     * @param envStep env steps done so far (all envs together)
     */
    default boolean onStep(long envStep) {
        return true;
    }
}
