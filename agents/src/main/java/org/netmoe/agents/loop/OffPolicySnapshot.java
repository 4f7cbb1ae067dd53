package org.netmoe.agents.loop;

import org.netmoe.agents.buffer.ReplayState;
import org.netmoe.core.ArrayRecords;
import org.netmoe.core.Require;

/**
 * An {@link OffPolicyLoop} between two vector steps: the learner's snapshot (networks, optimizers,
 * its own streams, update count), the replay buffer, the {@code explore} and {@code sample} streams,
 * the vector env's state ({@link org.netmoe.envs.VectorEnv#saveState()}: every env's RNG and
 * dynamics, running episode totals), the current observations {@code [numEnvs * obsDim]} and the
 * counters. Schedules (ε) need no state: they are functions of {@code envSteps} and the run's length.
 * Holds its arrays without copying, and is a value by content ({@link ArrayRecords}).
 *
 * @param formatVersion {@link #FORMAT_VERSION} when written by this build
 * @param <S>           the learner's snapshot record
 */
public record OffPolicySnapshot<S>(int formatVersion, S agent, ReplayState replay, byte[] exploreRng,
                                   byte[] sampleRng, byte[] envs, float[] observations, long envSteps,
                                   long vectorSteps, long episodes) {
    /** The format this build writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    public OffPolicySnapshot {
        ArrayRecords.requireNonNull(OffPolicySnapshot.class, formatVersion, agent, replay, exploreRng, sampleRng, envs,
                observations, envSteps, vectorSteps, episodes);
        Require.positive("formatVersion", formatVersion);
        Require.nonNegative("envSteps", envSteps);
        Require.nonNegative("vectorSteps", vectorSteps);
        Require.nonNegative("episodes", episodes);
    }

    @Override public boolean equals(Object o) { return ArrayRecords.equals(this, o); }

    @Override public int hashCode() { return ArrayRecords.hashCode(this); }
}
