package org.netmoe.agents.loop;

import org.netmoe.agents.sac.ReplayState;
import org.netmoe.agents.sac.SacState;
import org.netmoe.envs.Require;

/**
 * A snapshot of a {@link SacLoop}: the agent (networks, optimizers, log α, noise stream, update
 * count), the replay buffer, the {@code explore} and {@code sample} streams, the vector env's state
 * ({@link org.netmoe.envs.VectorEnv#saveState()}: every env's RNG and dynamics, running episode
 * totals), the env-step counter and the current observations {@code [numEnvs * obsDim]}.
 *
 * @param formatVersion {@link #FORMAT_VERSION} when written by this build
 */
public record SacLoopState(int formatVersion, SacState agent, ReplayState replay, byte[] exploreRng, byte[] sampleRng,
                           byte[] envs, long envSteps, float[] observations) {
    /** The format this build writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    public SacLoopState {
        Require.positive("formatVersion", formatVersion);
        Require.nonNull("agent", agent);
        Require.nonNull("replay", replay);
        exploreRng = Require.nonNull("exploreRng", exploreRng).clone();
        sampleRng = Require.nonNull("sampleRng", sampleRng).clone();
        envs = Require.nonNull("envs", envs).clone();
        if (envSteps < 0) {
            throw new IllegalArgumentException("envSteps must be >= 0, was " + envSteps);
        }
        observations = Require.nonNull("observations", observations).clone();
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
