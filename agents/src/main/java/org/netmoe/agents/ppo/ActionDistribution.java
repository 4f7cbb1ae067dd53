package org.netmoe.agents.ppo;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The policy's action distribution π(·|s) given the actor's output row (logits or mean). Rows are
 * addressed by offsets into flat host arrays: {@code p} into the actor outputs
 * ({@link #paramDim()} per row), {@code a} into the stored actions ({@link #actionDim()} per row).
 * All math runs in double on the host; nothing allocates.
 */
sealed interface ActionDistribution permits Categorical, DiagGaussian {

    /** Actor outputs per row. */
    int paramDim();

    /** Floats per stored action (1 for a discrete index). */
    int actionDim();

    /** Draws an action into {@code actions[a ...]} and returns its log-probability. */
    double sample(float[] params, int p, UniformRandomProvider rng, float[] actions, int a);

    /** The most likely action (argmax or mean) into {@code actions[a ...]}. */
    void mode(float[] params, int p, float[] actions, int a);

    /** log π(action | params). */
    double logProb(float[] params, int p, float[] actions, int a);

    /** The entropy H(π(·|params)). */
    double entropy(float[] params, int p);

    /**
     * Adds {@code dLogProb·∂logπ/∂θ + dEntropy·∂H/∂θ} into {@code dParams[p ...]} (θ = the actor
     * output row) and, for state-independent parameters such as a log-std, into {@code dShared}.
     */
    void backward(float[] params, int p, float[] actions, int a, double dLogProb, double dEntropy,
                  float[] dParams, float[] dShared);
}
