package org.netmoe.agents.loop;

import java.util.Arrays;
import org.netmoe.agents.ppo.PpoSnapshot;

/**
 * The state of an {@link OnPolicyLoop} between iterations: the PPO snapshot, the action-sampling
 * RNG, the observations the next rollout starts from ({@code [numEnvs * obsDim]}, empty before the
 * first reset) and the counters.
 */
public record OnPolicySnapshot(PpoSnapshot ppo, byte[] sampleRng, float[] observations, long envSteps,
                               long iterations) {
    public OnPolicySnapshot {
        if (ppo == null || sampleRng == null || observations == null) {
            throw new IllegalArgumentException("ppo, sampleRng and observations are required");
        }
        if (envSteps < 0 || iterations < 0) {
            throw new IllegalArgumentException("envSteps and iterations must be >= 0, were " + envSteps + " and "
                    + iterations);
        }
        sampleRng = sampleRng.clone();
        observations = observations.clone();
    }

    @Override
    public byte[] sampleRng() {
        return sampleRng.clone();
    }

    @Override
    public float[] observations() {
        return observations.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OnPolicySnapshot s && ppo.equals(s.ppo) && Arrays.equals(sampleRng, s.sampleRng)
                && Arrays.equals(observations, s.observations) && envSteps == s.envSteps && iterations == s.iterations;
    }

    @Override
    public int hashCode() {
        return 31 * ppo.hashCode() + Long.hashCode(envSteps);
    }
}
