package org.netmoe.envs.nsp;

import org.netmoe.core.Require;

/**
 * One user's wireless conditions g = (D, θ, M, α) and QoS type (paper Sec. III-A).
 *
 * @param distance         BS-user distance D in metres, {@code > 0}
 * @param theta            mean channel power gain θ, {@code > 0}
 * @param antennas         BS antennas M (the SNR's Gamma shape), {@code >= 1}
 * @param pathLossExponent α, {@code > 0}
 * @param qos              what the user asks for
 */
public record NspUser(double distance, double theta, int antennas, double pathLossExponent, QosType qos) {
    public NspUser {
        Require.positive("distance", distance);
        Require.positive("theta", theta);
        Require.positive("antennas", antennas);
        Require.positive("pathLossExponent", pathLossExponent);
        Require.nonNull("qos", qos);
    }

    /**
     * The Gamma scale of the SNR at transmit power {@code powerW}: {@code θ·P·D^(−α)/σ^2}, i.e.
     * the mean SNR per antenna (paper Eq. 7).
     */
    public double snrScale(double powerW, double noisePower) {
        return theta * powerW * Math.pow(distance, -pathLossExponent) / noisePower;
    }

    /** The same conditions with another QoS type. */
    public NspUser withQos(QosType other) {
        return new NspUser(distance, theta, antennas, pathLossExponent, other);
    }
}
