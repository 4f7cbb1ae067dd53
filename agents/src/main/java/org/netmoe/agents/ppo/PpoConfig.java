package org.netmoe.agents.ppo;

import java.util.List;
import java.util.OptionalDouble;
import org.netmoe.core.LayerSizes;
import org.netmoe.core.Require;
import org.netmoe.moe.layer.NetworkConfig;
import org.netmoe.moe.nn.AdamConfig;

/**
 * PPO hyperparameters (Schulman et al. 2017, Alg. 1, with the implementation details of CleanRL's
 * {@code ppo.py}: GAE(λ), minibatch epochs, per-minibatch advantage normalization, clipped value
 * loss, global gradient-norm clipping, linear learning-rate annealing, optional target-KL stop).
 *
 * @param numEnvs             envs stepped in lock-step, N
 * @param rolloutSteps        steps per env per rollout, T; one update uses N·T transitions, at most
 *                            {@link #MAX_BATCH_SIZE} and (checked by the run) at most the run's env steps
 * @param minibatches         minibatches per epoch; must divide N·T into minibatches of at least 2
 * @param epochs              passes over the rollout per update, K
 * @param gamma               discount γ in [0, 1]
 * @param gaeLambda           GAE λ in [0, 1] (Schulman et al. 2016)
 * @param clipCoef            surrogate clipping ε in (0, 1] (Eq. 7); also the value clipping range
 * @param entCoef             entropy bonus coefficient c₂ (Eq. 9), {@code >= 0}
 * @param vfCoef              value loss coefficient c₁ (Eq. 9), {@code >= 0}
 * @param maxGradNorm         the global L2 norm (actor, critic and log-std together) gradients are clipped to, {@code > 0}
 * @param learningRate        Adam step size α at the start of training, {@code > 0}
 * @param annealLr            whether α decays linearly to 0 over training
 * @param normalizeAdvantages whether advantages are standardized per minibatch
 * @param clipValueLoss       whether the value loss is clipped around the rollout's values (PPO2 style)
 * @param targetKl            when present, stop the epochs of an update once the approximate KL exceeds it
 * @param hiddenSizes         widths of the tanh hidden layers of actor and critic
 * @param network             actor architecture: {@code {type: mlp}} or an MoE actor
 *                            {@code {type: moe, experts: 4, topK: 2, gate: topk}} whose experts have {@code hiddenSizes}
 */
public record PpoConfig(int numEnvs, int rolloutSteps, int minibatches, int epochs, double gamma, double gaeLambda,
                        double clipCoef, double entCoef, double vfCoef, double maxGradNorm, double learningRate,
                        boolean annealLr, boolean normalizeAdvantages, boolean clipValueLoss, OptionalDouble targetKl,
                        List<Integer> hiddenSizes, NetworkConfig network) {
    /**
     * The largest rollout, numEnvs·rolloutSteps = 2^20 transitions: the rollout storage and each
     * update's activations grow with it (CleanRL's Atari PPO uses 1024, Isaac Gym setups ~65536).
     */
    public static final int MAX_BATCH_SIZE = 1 << 20;


    public PpoConfig {
        Require.positive("numEnvs", numEnvs);
        Require.positive("rolloutSteps", rolloutSteps);
        Require.positive("minibatches", minibatches);
        long batch = (long) numEnvs * rolloutSteps;
        if (batch > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("numEnvs * rolloutSteps must be <= " + MAX_BATCH_SIZE
                    + ", was " + numEnvs + " * " + rolloutSteps + " = " + batch);
        }
        if (batch % minibatches != 0 || batch / minibatches < 2) {
            // Per-minibatch advantage normalization needs at least two samples (SB3 issue 440).
            throw new IllegalArgumentException("minibatches must divide numEnvs * rolloutSteps (" + batch
                    + ") into minibatches of at least 2, was " + minibatches);
        }
        Require.positive("epochs", epochs);
        Require.inRange("gamma", gamma, 0.0, 1.0);
        Require.inRange("gaeLambda", gaeLambda, 0.0, 1.0);
        Require.positiveAtMost("clipCoef", clipCoef, 1.0);
        Require.nonNegative("entCoef", entCoef);
        Require.nonNegative("vfCoef", vfCoef);
        Require.positive("maxGradNorm", maxGradNorm);
        Require.positive("learningRate", learningRate);
        Require.nonNull("targetKl", targetKl);
        targetKl.ifPresent(kl -> Require.positive("targetKl", kl));
        hiddenSizes = Require.allPositive("hiddenSizes", hiddenSizes);
        Require.nonNull("network", network);
    }

    /**
     * CleanRL's {@code ppo.py} defaults: 4 envs × 128 steps, 4 minibatches, 4 epochs, γ = 0.99,
     * λ = 0.95, ε = 0.2, c₂ = 0.01, c₁ = 0.5, gradient norm 0.5, α = 2.5e-4 annealed, normalized
     * advantages, clipped value loss, no target KL, 2×64 tanh MLPs.
     */
    public static PpoConfig defaults() {
        return new PpoConfig(4, 128, 4, 4, 0.99, 0.95, 0.2, 0.01, 0.5, 0.5, 2.5e-4, true, true, true,
                OptionalDouble.empty(), List.of(64, 64), NetworkConfig.mlp());
    }

    /** Transitions per update, N·T. */
    public int batchSize() {
        return numEnvs * rolloutSteps;
    }

    /** Transitions per minibatch. */
    public int minibatchSize() {
        return batchSize() / minibatches;
    }

    /**
     * Requires one rollout to fit in a run of {@code totalSteps} env steps: a larger one would train
     * {@link #batchSize()} steps anyway, overshooting the run and any pause point.
     *
     * @param path       where this config sits, e.g. {@code agent.params}, for the message
     * @param stepsField the field holding {@code totalSteps}, e.g. {@code train.steps}
     * @throws IllegalArgumentException naming both fields and their values
     */
    public void requireRolloutWithin(long totalSteps, String path, String stepsField) {
        if (batchSize() > totalSteps) {
            throw new IllegalArgumentException(path + ".numEnvs * " + path + ".rolloutSteps = " + numEnvs + " * "
                    + rolloutSteps + " = " + batchSize() + " env steps per rollout, more than " + stepsField + " = "
                    + totalSteps + "; lower numEnvs or rolloutSteps, or raise " + stepsField);
        }
    }

    /** Updates in a run of {@code totalSteps} env steps (rounded down, as CleanRL; at least 1). */
    public long numIterations(long totalSteps) {
        return Math.max(1, totalSteps / batchSize());
    }

    /**
     * α for update {@code iteration} (0-based) of {@code numIterations}: with annealing
     * {@code α·(1 − iteration / numIterations)}, else α.
     */
    public double learningRateAt(long iteration, long numIterations) {
        if (!annealLr) {
            return learningRate;
        }
        double frac = 1.0 - Math.min(iteration, numIterations - 1) / (double) numIterations;
        return frac * learningRate;
    }

    /** Adam at rate α with PyTorch-style ε̂ = 1e-5 (CleanRL) and no per-network clipping (clipping is global). */
    public AdamConfig adam(double rate) {
        return new AdamConfig(rate, 0.9, 0.999, 1e-5, OptionalDouble.empty());
    }

    /** Layer sizes {@code [inputSize, hidden..., outputSize]}. */
    public int[] layerSizes(int inputSize, int outputSize) {
        return LayerSizes.of(inputSize, hiddenSizes, outputSize);
    }
}
