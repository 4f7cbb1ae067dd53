package org.netmoe.agents.sac;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.netmoe.core.rng.RngStream;

class TanhGaussianTest {
    private static final double[] SCALE = {10, 0.5};
    private static final double[] BIAS = {20, -0.25};

    /** Raw rows [μ1, μ2, r1, r2] on a 1/64 grid, so raw ± 1/256 is exact in float. */
    private static float[] raw(RngStream rng, int n) {
        float[] raw = new float[n * 4];
        for (int k = 0; k < raw.length; k++) {
            raw[k] = (rng.nextInt(129) - 64) / 64f;
        }
        return raw;
    }

    private static double[] noise(RngStream rng, int n) {
        double[] eps = new double[n * 2];
        for (int k = 0; k < eps.length; k++) {
            eps[k] = TanhGaussian.gaussian(rng).sample();
        }
        return eps;
    }

    @Test
    void logProbIsTheDensityOfTheSquashedRescaledGaussian() {
        RngStream rng = RngStream.of(1);
        int n = 5;
        float[] raw = raw(rng, n);
        double[] eps = noise(rng, n);
        TanhGaussian g = new TanhGaussian(n, SCALE, BIAS);
        float[] actions = new float[n * 2];
        g.sampleWithNoise(raw, eps, actions);
        for (int i = 0; i < n; i++) {
            double expected = 0;
            for (int j = 0; j < 2; j++) {
                double mu = raw[i * 4 + j];
                double logStd = -5 + 3.5 * (Math.tanh(raw[i * 4 + 2 + j]) + 1);
                double sigma = Math.exp(logStd);
                double u = mu + sigma * eps[i * 2 + j];
                double y = Math.tanh(u);
                assertEquals(SCALE[j] * y + BIAS[j], actions[i * 2 + j], 1e-5 * SCALE[j]);
                // Change of variables: p_a(a) = N(u; μ, σ) / |da/du|, da/du = scale·(1 − tanh²u).
                double gaussian = -0.5 * Math.pow((u - mu) / sigma, 2) - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
                expected += gaussian - Math.log(SCALE[j] * (1 - y * y));
            }
            // The 1e-6 inside the log (CleanRL) only matters where tanh saturates.
            assertEquals(expected, g.logProb(i), 1e-4, "row " + i);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        RngStream rng = RngStream.of(2);
        int n = 4;
        float[] raw = raw(rng, n);
        double[] eps = noise(rng, n);
        double[] dActions = new double[n * 2];
        for (int k = 0; k < dActions.length; k++) {
            dActions[k] = rng.nextDouble() * 2 - 1;
        }
        double dLogProb = 0.7;
        TanhGaussian g = new TanhGaussian(n, SCALE, BIAS);
        float[] actions = new float[n * 2];
        g.sampleWithNoise(raw, eps, actions);
        float[] dRaw = new float[n * 4];
        g.backward(dLogProb, dActions, dRaw);
        double h = 1.0 / 256;
        for (int k = 0; k < raw.length; k++) {
            float saved = raw[k];
            raw[k] = (float) (saved + h);
            double plus = objective(g, raw, eps, dActions, dLogProb, n);
            raw[k] = (float) (saved - h);
            double minus = objective(g, raw, eps, dActions, dLogProb, n);
            raw[k] = saved;
            double numeric = (plus - minus) / (2 * h);
            assertEquals(numeric, dRaw[k], 2e-3 * Math.max(1, Math.abs(numeric)), "∂J/∂raw[" + k + "]");
        }
    }

    /** J = dLogProb·Σ_i log π_i + Σ dActions·a with the noise held fixed; actions in double via the log π path. */
    private static double objective(TanhGaussian g, float[] raw, double[] eps, double[] dActions, double dLogProb,
                                    int n) {
        float[] actions = new float[n * 2];
        g.sampleWithNoise(raw, eps, actions);
        double j = 0;
        for (int i = 0; i < n; i++) {
            j += dLogProb * g.logProb(i);
            for (int d = 0; d < 2; d++) {
                // Recompute a in double: the float action would add rounding noise to the difference quotient.
                double mu = raw[i * 4 + d];
                double sigma = Math.exp(-5 + 3.5 * (Math.tanh(raw[i * 4 + 2 + d]) + 1));
                j += dActions[i * 2 + d] * (SCALE[d] * Math.tanh(mu + sigma * eps[i * 2 + d]) + BIAS[d]);
            }
        }
        return j;
    }

    @Test
    void meanActionIsTheSquashedRescaledMean() {
        TanhGaussian g = new TanhGaussian(1, SCALE, BIAS);
        float[] a = new float[2];
        g.mean(new float[] {0.5f, -1f, 3f, 3f}, 1, a);
        assertEquals(10 * Math.tanh(0.5) + 20, a[0], 1e-5);
        assertEquals(0.5 * Math.tanh(-1) - 0.25, a[1], 1e-6);
    }
}
