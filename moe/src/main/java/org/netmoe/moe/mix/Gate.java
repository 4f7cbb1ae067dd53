package org.netmoe.moe.mix;

/**
 * Chooses the weights over the frozen experts at every step. Gates are stateless except where
 * documented; {@link #reset()} is called at the start of every episode.
 */
public interface Gate {
    /** The gate's id as listed by {@code netmoe list} (see {@link GateIds}). */
    String id();

    /** The weights over the experts (in the combiner's order) for {@code observation}. */
    double[] weights(float[] observation);

    /** Starts an episode. */
    default void reset() {
    }

    /** A one-line human description (weights or plan), for summaries and logs. */
    String describe();
}
