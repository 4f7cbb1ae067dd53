package org.netmoe.agents.diffusion;

import java.util.List;
import org.netmoe.core.Require;

/**
 * Hyperparameters of a {@link DoubleCritic}.
 *
 * @param hiddenSizes  hidden widths of each ReLU Q network {@code [actionDim + conditionDim, hidden..., 1]}, non-empty
 * @param learningRate Adam learning rate of both Q networks, {@code > 0}
 * @param maxGradNorm  gradient clipping norm, {@code > 0}
 * @param tau          Polyak rate of the target copies, in [0, 1]
 * @param gamma        discount of the bootstrapped target {@code r + γ·(1 − done)·min Q'(s', a')}, in [0, 1];
 *                     a one-step task (every transition terminated) learns {@code Q = r} whatever γ is
 */
public record CriticConfig(List<Integer> hiddenSizes, double learningRate, double maxGradNorm, double tau,
                           double gamma) {
    public CriticConfig {
        hiddenSizes = Require.positiveEach("hiddenSizes", Require.nonEmpty("hiddenSizes", hiddenSizes));
        Require.positive("learningRate", learningRate);
        Require.positive("maxGradNorm", maxGradNorm);
        Require.inRange("tau", tau, 0.0, 1.0);
        Require.inRange("gamma", gamma, 0.0, 1.0);
    }

    /** Two 64-wide ReLU layers, learning rate 1e-3, clipping at norm 10, τ = 0.005, γ = 0.99. */
    public static CriticConfig defaults() {
        return new CriticConfig(List.of(64, 64), 1e-3, 10.0, 0.005, 0.99);
    }
}
