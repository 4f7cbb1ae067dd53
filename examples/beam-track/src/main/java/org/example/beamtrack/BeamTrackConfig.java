package org.example.beamtrack;

import org.netmoe.core.Require;

/**
 * Parameters of {@link BeamTrackEnv}, bound from a config's {@code env.params} by NetMoE and
 * validated here: a bad value is one line naming the field.
 *
 * @param beams   number of beams of the codebook, in [2, 64]
 * @param drift   standard deviation of the user's angle change per step, radians, in [0, 1]
 * @param horizon steps per episode, in [1, 10 000]
 */
public record BeamTrackConfig(int beams, double drift, int horizon) {
    public BeamTrackConfig {
        // NetMoE's checks: the message names the field, NetMoE puts the config path in front of it.
        Require.inRange("beams", beams, 2, 64);
        Require.inRange("drift", drift, 0, 1);
        Require.inRange("horizon", horizon, 1, 10_000);
    }

    /** 8 beams, 0.1 rad drift, 32 steps. */
    public static BeamTrackConfig defaults() {
        return new BeamTrackConfig(8, 0.1, 32);
    }
}
