package org.netmoe.agents.loop;

import org.netmoe.agents.dqn.DqnState;
import org.netmoe.agents.dqn.ReplayState;
import org.netmoe.envs.Require;

/**
 * A {@link DqnLoop} between two vector steps: the agent (both networks, Adam, update count), the
 * replay buffer, the {@code explore} and {@code sample} streams, the vector env's state
 * ({@link org.netmoe.envs.VectorEnv#saveState()}, empty before the first reset), the current
 * observations {@code [numEnvs * obsDim]} and the counters. ε needs no state of its own: it is a
 * function of {@code envSteps} and the run's total steps.
 *
 * @param formatVersion {@link #FORMAT_VERSION} when written by this build
 */
public record DqnLoopState(int formatVersion, DqnState dqn, ReplayState replay, byte[] exploreRng, byte[] sampleRng,
                           byte[] envs, float[] observations, long envSteps, long iterations, long episodes) {
    /** The format this build writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    public DqnLoopState {
        Require.positive("formatVersion", formatVersion);
        Require.nonNull("dqn", dqn);
        Require.nonNull("replay", replay);
        exploreRng = Require.nonNull("exploreRng", exploreRng).clone();
        sampleRng = Require.nonNull("sampleRng", sampleRng).clone();
        envs = Require.nonNull("envs", envs).clone();
        observations = Require.nonNull("observations", observations).clone();
        Require.nonNegative("envSteps", envSteps);
        Require.nonNegative("iterations", iterations);
        Require.nonNegative("episodes", episodes);
    }

    @Override
    public byte[] exploreRng() {
        return exploreRng.clone();
    }

    @Override
    public byte[] sampleRng() {
        return sampleRng.clone();
    }

    @Override
    public byte[] envs() {
        return envs.clone();
    }

    @Override
    public float[] observations() {
        return observations.clone();
    }
}
