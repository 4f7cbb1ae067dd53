package org.netmoe.agents.loop;

import org.netmoe.envs.space.Action;

/**
 * The contract every training loop keeps ({@link OnPolicyLoop}, {@link OffPolicyLoop}): it owns its
 * vector env (closed by {@link #close()}), runs to a {@link RunPlan} reporting through a
 * {@link TrainingListener}, and exports its whole state between two steps as an {@code S} that
 * {@link #restore} continues bit-identically on the CPU backend.
 *
 * @param <S> the loop's snapshot record
 */
public interface TrainingLoop<S> extends AutoCloseable {
    /**
     * Trains until {@code plan.totalSteps()} or pauses at {@code plan.stopAt()}, continuing from the
     * loop's counters; checkpoints go through {@code plan}.
     *
     * @throws IllegalStateException if a loss becomes NaN or infinite (naming it and the update)
     */
    LoopResult run(RunPlan plan, TrainingListener listener);

    /** {@link #run(RunPlan, TrainingListener)} for a whole run of {@code totalSteps} without checkpoints. */
    default LoopResult run(long totalSteps, TrainingListener listener) {
        return run(RunPlan.of(totalSteps), listener);
    }

    /** Env steps done so far (all envs together). */
    long envSteps();

    /** The deterministic (evaluation) actions for {@code observations [n * obsDim]}. */
    Action[] act(float[] observations);

    /** A copy of the loop's complete state between two steps. */
    S snapshot();

    /**
     * Restores a {@link #snapshot()} of a loop with the same config, env kind and number of envs.
     *
     * @throws IllegalArgumentException if shapes or architectures differ
     * @throws IllegalStateException    if the snapshot's format is newer than this build reads
     */
    void restore(S snapshot);

    /** Closes the loop's envs; idempotent. */
    @Override
    void close();
}
