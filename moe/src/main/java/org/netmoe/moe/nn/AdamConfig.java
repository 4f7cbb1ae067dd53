package org.netmoe.moe.nn;

import java.util.OptionalDouble;
import org.netmoe.core.Require;

/**
 * Adam hyperparameters (Kingma &amp; Ba 2015, Alg. 1) plus optional clipping of the global gradient
 * norm before the moment updates (as {@code torch.nn.utils.clip_grad_norm_} in SB3).
 *
 * @param learningRate α, {@code > 0}
 * @param beta1        β₁ in [0, 1)
 * @param beta2        β₂ in [0, 1)
 * @param epsilon      ε̂ added to √v, {@code > 0}
 * @param maxGradNorm  when present, gradients whose L2 norm exceeds it are scaled down to it; {@code > 0}
 */
public record AdamConfig(double learningRate, double beta1, double beta2, double epsilon, OptionalDouble maxGradNorm) {
    public AdamConfig {
        Require.positive("learningRate", learningRate);
        Require.inRange("beta1", beta1, 0.0, Math.nextDown(1.0));
        Require.inRange("beta2", beta2, 0.0, Math.nextDown(1.0));
        Require.positive("epsilon", epsilon);
        Require.nonNull("maxGradNorm", maxGradNorm);
        maxGradNorm.ifPresent(m -> Require.positive("maxGradNorm", m));
    }

    /** β₁ = 0.9, β₂ = 0.999, ε̂ = 1e-8 (the paper's defaults), no clipping. */
    public static AdamConfig of(double learningRate) {
        return new AdamConfig(learningRate, 0.9, 0.999, 1e-8, OptionalDouble.empty());
    }

    /** The same settings with gradient-norm clipping at {@code maxGradNorm}. */
    public AdamConfig withMaxGradNorm(double maxGradNorm) {
        return new AdamConfig(learningRate, beta1, beta2, epsilon, OptionalDouble.of(maxGradNorm));
    }
}
