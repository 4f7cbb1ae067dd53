package org.netmoe.checkpoints;

/**
 * When checkpoints are written and how many are kept; bound from the run config's
 * {@code checkpoint} section.
 *
 * @param every env steps between two checkpoints, {@code > 0}
 * @param keep  how many of the newest checkpoints are kept, {@code >= 1}; the best-scoring one is
 *              kept in addition
 */
public record CheckpointConfig(long every, int keep) {

    public CheckpointConfig {
        if (every <= 0) {
            throw new IllegalArgumentException("checkpoint.every must be > 0 env steps, was " + every);
        }
        if (keep < 1) {
            throw new IllegalArgumentException("checkpoint.keep must be >= 1, was " + keep);
        }
    }

    /** Every 5 000 env steps, keeping the 3 newest checkpoints (plus the best). */
    public static CheckpointConfig defaults() {
        return new CheckpointConfig(5_000, 3);
    }

    /**
     * Whether a checkpoint is due after the global env step advanced from {@code previousStep} to
     * {@code step}: true when a multiple of {@link #every()} lies in {@code (previousStep, step]}.
     * Vectorized loops advance by {@code numEnvs} at a time, so an exact {@code step % every == 0}
     * test could miss every multiple.
     */
    public boolean due(long previousStep, long step) {
        return Math.floorDiv(step, every) > Math.floorDiv(previousStep, every);
    }
}
