package org.netmoe.agents.diffusion;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.netmoe.core.Require;

/** The noise schedules {@code β_1 … β_T} of the forward process {@code q(x_t | x_{t−1}) = N(√(1−β_t)·x_{t−1}, β_t·I)}. */
public enum BetaSchedule {
    /**
     * DDPM's linear schedule from 1e-4 to 0.02 over 1000 steps, rescaled to {@code T} steps as in
     * improved DDPM ({@code β} endpoints times {@code 1000/T}, capped at 0.999), so that a few steps
     * still destroy the signal.
     */
    LINEAR,
    /** Nichol &amp; Dhariwal 2021: {@code ᾱ(t) = cos²((t/T + s)/(1 + s)·π/2)}, s = 0.008, {@code β_t = min(1 − ᾱ_t/ᾱ_{t−1}, 0.999)}. */
    COSINE,
    /**
     * The discretized variance-preserving SDE of Diffusion-QL (Wang et al. 2023, few steps):
     * {@code β_t = 1 − exp(−β_min/T − (β_max − β_min)(2t − 1)/(2T²))}, β_min = 0.1, β_max = 10.
     */
    VP;

    /** {@code [β_1, …, β_T]}, each in (0, 1). */
    public double[] betas(int steps) {
        Require.inRange("steps", steps, 1, 1000);
        double[] b = new double[steps];
        for (int t = 1; t <= steps; t++) {
            b[t - 1] = switch (this) {
                case LINEAR -> {
                    double scale = 1000.0 / steps;
                    double lo = scale * 1e-4;
                    double hi = scale * 0.02;
                    yield Math.min(0.999, steps == 1 ? hi : lo + (hi - lo) * (t - 1) / (steps - 1));
                }
                case COSINE -> Math.min(0.999, 1 - cosineAlphaBar(t, steps) / cosineAlphaBar(t - 1, steps));
                case VP -> 1 - Math.exp(-0.1 / steps - 0.5 * (10 - 0.1) * (2 * t - 1) / ((double) steps * steps));
            };
        }
        return b;
    }

    private static double cosineAlphaBar(int t, int steps) {
        double s = 0.008;
        double c = Math.cos(((double) t / steps + s) / (1 + s) * Math.PI / 2);
        return c * c;
    }

    /** The spelling in configs: {@code linear}, {@code cosine} or {@code vp}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every id, in declaration order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(BetaSchedule::id).toList();
    }

    /**
     * The schedule spelled {@code id}.
     *
     * @throws IllegalArgumentException "schedule must be one of [linear, cosine, vp], was …"
     */
    public static BetaSchedule named(String id) {
        for (BetaSchedule s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("schedule must be one of " + ids() + ", was " + id);
    }
}
