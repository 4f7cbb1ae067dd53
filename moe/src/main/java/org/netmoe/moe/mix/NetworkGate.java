package org.netmoe.moe.mix;

import java.util.Arrays;
import java.util.function.Function;

/**
 * The {@code network} gate: a trained policy maps the observation to the weight vector (paper
 * Sec. II-B: state = the walker's position, action = the experts' weights, zero = expert off).
 * Non-finite or negative outputs are clipped to 0; all-zero outputs fall back to equal weights.
 */
public final class NetworkGate implements Gate {
    private final Function<float[], float[]> policy;
    private final int experts;
    private final String description;

    public NetworkGate(Function<float[], float[]> policy, int experts, String description) {
        this.policy = policy;
        this.experts = experts;
        this.description = description;
    }

    @Override
    public String id() {
        return GateIds.NETWORK;
    }

    @Override
    public double[] weights(float[] observation) {
        return weightsFromAction(policy.apply(observation), experts);
    }

    /** The gate's reading of a policy action: clipped to {@code [0, 1]}, all zero → equal weights. */
    public static double[] weightsFromAction(float[] action, int experts) {
        if (action.length != experts) {
            throw new IllegalStateException("gate policy gave " + action.length + " weights for " + experts + " experts");
        }
        double[] w = new double[experts];
        double sum = 0;
        for (int k = 0; k < experts; k++) {
            double v = action[k];
            w[k] = Double.isNaN(v) ? 0 : Math.min(1, Math.max(0, v));
            sum += w[k];
        }
        if (sum <= 0) {
            Arrays.fill(w, 1.0 / experts);
        }
        return w;
    }

    @Override
    public String describe() {
        return description;
    }
}
