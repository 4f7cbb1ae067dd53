package org.netmoe.agents.sac;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The tanh-squashed Gaussian policy head of continuous SAC (Haarnoja et al. 2018, App. C) for a
 * batch of {@code n} rows of {@code d} action entries, in double precision on the host (the host kernel path and acting; {@link DeviceTanhGaussian} is the ND4J
 * path's update head), with the
 * intermediates of the latest {@link #sample} kept for {@link #backward}.
 *
 * <p>The actor's output row is {@code [μ (d), r (d)]}; the log-std is bounded smoothly as in
 * CleanRL: {@code log σ = LOG_STD_MIN + ½(LOG_STD_MAX − LOG_STD_MIN)(tanh r + 1)}. Reparameterized
 * sample {@code u = μ + σ ε}, {@code y = tanh u}, action {@code a = scale·y + bias}, and
 * <pre>
 *   log π(a|s) = Σ_j [ log N(u_j; μ_j, σ_j) − log(scale_j (1 − y_j²) + 1e-6) ]   (App. C, Eq. 21)
 * </pre>
 * where the second term is the change of variables through tanh and the affine rescaling.
 */
final class TanhGaussian {
    static final double LOG_STD_MIN = -5;
    static final double LOG_STD_MAX = 2;
    private static final double TANH_EPS = 1e-6;
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private final int n;
    private final int d;
    private final double[] scale;
    private final double[] bias;
    private final double[] eps;
    private final double[] y;
    private final double[] std;
    private final double[] tanhR;
    private final double[] logProb;

    /** A head for {@code n} rows of a Box with per-entry {@code scale = (high − low)/2}, {@code bias = (high + low)/2}. */
    TanhGaussian(int n, double[] scale, double[] bias) {
        this.n = n;
        this.d = scale.length;
        this.scale = scale.clone();
        this.bias = bias.clone();
        this.eps = new double[n * d];
        this.y = new double[n * d];
        this.std = new double[n * d];
        this.tanhR = new double[n * d];
        this.logProb = new double[n];
    }

    int rows() {
        return n;
    }

    /** Draws ε ~ N(0, I) from {@code gaussian}, then as {@link #sampleWithNoise}. */
    void sample(float[] raw, ZigguratSampler.NormalizedGaussian gaussian, float[] actions) {
        for (int k = 0; k < n * d; k++) {
            eps[k] = gaussian.sample();
        }
        evaluate(raw, actions);
    }

    /** A sample with the given noise ε {@code [n * d]}: fills {@code actions [n * d]} and {@link #logProb}. */
    void sampleWithNoise(float[] raw, double[] noise, float[] actions) {
        System.arraycopy(noise, 0, eps, 0, n * d);
        evaluate(raw, actions);
    }

    private void evaluate(float[] raw, float[] actions) {
        for (int i = 0; i < n; i++) {
            double lp = 0;
            for (int j = 0; j < d; j++) {
                int k = i * d + j;
                double mu = raw[i * 2 * d + j];
                tanhR[k] = Math.tanh(raw[i * 2 * d + d + j]);
                double logStd = LOG_STD_MIN + 0.5 * (LOG_STD_MAX - LOG_STD_MIN) * (tanhR[k] + 1);
                std[k] = Math.exp(logStd);
                y[k] = Math.tanh(mu + std[k] * eps[k]);
                actions[k] = (float) (scale[j] * y[k] + bias[j]);
                // log N(u; μ, σ) with u − μ = σε, then the tanh/rescaling correction.
                lp += -0.5 * eps[k] * eps[k] - logStd - HALF_LOG_2PI
                        - Math.log(scale[j] * (1 - y[k] * y[k]) + TANH_EPS);
            }
            logProb[i] = lp;
        }
    }

    /** log π of row {@code i} of the latest sample. */
    double logProb(int i) {
        return logProb[i];
    }

    /** The deterministic action {@code scale·tanh(μ) + bias} of each row of {@code raw}. */
    void mean(float[] raw, int rows, float[] actions) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < d; j++) {
                actions[i * d + j] = (float) (scale[j] * Math.tanh(raw[i * 2 * d + j]) + bias[j]);
            }
        }
    }

    /**
     * ∂J/∂raw {@code [n * 2d]} of the latest sample (ε held fixed: the reparameterization trick) for
     * a loss {@code J} with {@code ∂J/∂log π_i = dLogProb} (the same for every row) and
     * {@code ∂J/∂a = dActions [n * d]}.
     */
    void backward(double dLogProb, double[] dActions, float[] dRaw) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                int k = i * d + j;
                double oneMinusY2 = 1 - y[k] * y[k];
                double s = scale[j] * oneMinusY2;
                // ∂log π/∂u: only the correction depends on u (log N depends on ε alone once u − μ = σε).
                double dLogProbDu = 2 * y[k] * s / (s + TANH_EPS);
                double dU = dActions[k] * s + dLogProb * dLogProbDu;
                double dLogStd = dU * std[k] * eps[k] - dLogProb; // u = μ + e^{log σ}ε, and log N has −log σ
                dRaw[i * 2 * d + j] = (float) dU;
                dRaw[i * 2 * d + d + j] = (float) (dLogStd * 0.5 * (LOG_STD_MAX - LOG_STD_MIN)
                        * (1 - tanhR[k] * tanhR[k]));
            }
        }
    }

    /** A standard normal sampler over {@code rng} that keeps no state of its own (so RNG snapshots are exact). */
    static ZigguratSampler.NormalizedGaussian gaussian(UniformRandomProvider rng) {
        return ZigguratSampler.NormalizedGaussian.of(rng);
    }
}
