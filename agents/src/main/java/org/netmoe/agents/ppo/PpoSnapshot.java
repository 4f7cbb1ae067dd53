package org.netmoe.agents.ppo;

import java.util.Optional;
import org.netmoe.core.ArrayRecords;
import org.netmoe.moe.nn.AdamState;

/**
 * Everything a {@link Ppo} needs to continue exactly: parameters, the three Adam states (actor,
 * critic and, for Gaussian policies, log-std), the current learning rate, the minibatch-shuffle
 * RNG state and the update count.
 * Holds its arrays without copying, and is a value by content ({@link ArrayRecords}).
 */
public record PpoSnapshot(int formatVersion, ActorCriticSnapshot policy, AdamState actorOptimizer,
                          AdamState criticOptimizer, Optional<AdamState> logStdOptimizer, double learningRate,
                          byte[] shuffleRng, long updates) {
    /** The format this build writes and reads. */
    public static final int FORMAT_VERSION = 1;

    public PpoSnapshot {
        if (formatVersion < 1 || formatVersion > FORMAT_VERSION) {
            throw new IllegalArgumentException("PPO snapshot format " + formatVersion + ", this build reads up to "
                    + FORMAT_VERSION);
        }
        if (policy == null || actorOptimizer == null || criticOptimizer == null || logStdOptimizer == null
                || shuffleRng == null) {
            throw new IllegalArgumentException("policy, optimizer and RNG states are required");
        }
        if (updates < 0) {
            throw new IllegalArgumentException("updates must be >= 0, was " + updates);
        }
    }

    @Override public boolean equals(Object o) { return ArrayRecords.equals(this, o); }

    @Override public int hashCode() { return ArrayRecords.hashCode(this); }
}
