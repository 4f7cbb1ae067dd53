package org.netmoe.agents.loop;

import org.netmoe.agents.ppo.PpoSnapshot;
import org.netmoe.core.ArrayRecords;

/**
 * The state of an {@link OnPolicyLoop} between iterations: the PPO snapshot, the action-sampling
 * RNG, the vector env's state ({@link org.netmoe.envs.VectorEnv#saveState()}), the observations
 * the next rollout starts from ({@code [numEnvs * obsDim]}) and the counters. Env state and
 * observations are empty before the first reset.
 * Holds its arrays without copying, and is a value by content ({@link ArrayRecords}).
 */
public record OnPolicySnapshot(PpoSnapshot ppo, byte[] sampleRng, byte[] envs, float[] observations, long envSteps,
                               long iterations) {
    public OnPolicySnapshot {
        if (ppo == null || sampleRng == null || envs == null || observations == null) {
            throw new IllegalArgumentException("ppo, sampleRng, envs and observations are required");
        }
        if (envSteps < 0 || iterations < 0) {
            throw new IllegalArgumentException("envSteps and iterations must be >= 0, were " + envSteps + " and "
                    + iterations);
        }
    }

    @Override public boolean equals(Object o) { return ArrayRecords.equals(this, o); }

    @Override public int hashCode() { return ArrayRecords.hashCode(this); }
}
