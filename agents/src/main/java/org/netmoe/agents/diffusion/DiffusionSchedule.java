package org.netmoe.agents.diffusion;

import org.netmoe.core.Require;

/**
 * The DDPM coefficients of a β schedule (Ho et al. 2020, Eq. 4, 6–7), indexed by {@code t = 1 … T}:
 * {@code α_t = 1 − β_t}, {@code ᾱ_t = Π_{s≤t} α_s} ({@code ᾱ_0 = 1}), the posterior
 * {@code q(x_{t−1} | x_t, x_0) = N(c0_t·x_0 + ct_t·x_t, β̃_t·I)} with
 * {@code c0_t = β_t·√ᾱ_{t−1}/(1 − ᾱ_t)}, {@code ct_t = (1 − ᾱ_{t−1})·√α_t/(1 − ᾱ_t)},
 * {@code β̃_t = β_t·(1 − ᾱ_{t−1})/(1 − ᾱ_t)}.
 */
public final class DiffusionSchedule {
    private final double[] betas;
    private final double[] alphaBars;

    /** The coefficients of {@code betas = [β_1, …, β_T]}, each in (0, 1). */
    public DiffusionSchedule(double[] betas) {
        Require.positive("steps", betas.length);
        this.betas = betas.clone();
        this.alphaBars = new double[betas.length + 1];
        alphaBars[0] = 1;
        for (int t = 1; t <= betas.length; t++) {
            if (!(betas[t - 1] > 0 && betas[t - 1] < 1)) {
                throw new IllegalArgumentException("beta_" + t + " must be in (0, 1), was " + betas[t - 1]);
            }
            alphaBars[t] = alphaBars[t - 1] * (1 - betas[t - 1]);
        }
    }

    /** The schedule {@code schedule} over {@code steps} steps. */
    public static DiffusionSchedule of(BetaSchedule schedule, int steps) {
        return new DiffusionSchedule(schedule.betas(steps));
    }

    /** T. */
    public int steps() {
        return betas.length;
    }

    /** β_t, t in [1, T]. */
    public double beta(int t) {
        return betas[t - 1];
    }

    /** ᾱ_t, t in [0, T]. */
    public double alphaBar(int t) {
        return alphaBars[t];
    }

    /** The posterior's coefficient of x_0. */
    public double posteriorX0(int t) {
        return beta(t) * Math.sqrt(alphaBars[t - 1]) / (1 - alphaBars[t]);
    }

    /** The posterior's coefficient of x_t. */
    public double posteriorXt(int t) {
        return (1 - alphaBars[t - 1]) * Math.sqrt(1 - beta(t)) / (1 - alphaBars[t]);
    }

    /** β̃_t, the posterior variance (0 at t = 1). */
    public double posteriorVariance(int t) {
        return beta(t) * (1 - alphaBars[t - 1]) / (1 - alphaBars[t]);
    }
}
