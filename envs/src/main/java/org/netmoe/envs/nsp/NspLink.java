package org.netmoe.envs.nsp;

import org.apache.commons.math3.special.Gamma;

/**
 * Closed forms for one BS-user link under maximum ratio transmission over i.i.d. Rayleigh fading
 * (paper Sec. III-B): with M antennas the SNR is Gamma-distributed with shape M and scale
 * {@code s = θ·P·D^(−α)/σ^2} (Eq. 7). Each evaluation costs well under a microsecond to a few
 * microseconds (M terms plus one continued fraction), so the env can score every power at every
 * reset.
 */
public final class NspLink {
    private static final double EULER_GAMMA = 0.5772156649015329;
    private static final double LN2 = Math.log(2);
    private static final double CF_EPS = 1e-15;
    private static final double CF_TINY = 1e-300;
    private static final int CF_MAX_ITERATIONS = 10_000;

    private NspLink() {
    }

    /** OP, DR and BEP of {@code user} at {@code powerW} watts under {@code config}'s σ, γth and B. */
    public static QosMetrics metrics(NspUser user, double powerW, NspConfig config) {
        double scale = user.snrScale(powerW, config.noisePower());
        int m = user.antennas();
        return new QosMetrics(outageProbability(m, scale, config.snrThreshold()),
                config.bandwidthHz() * spectralEfficiency(m, scale),
                bitErrorProbability(m, scale));
    }

    /**
     * Outage probability Pr[SNR < γth] = P(M, γth/s), the regularized <em>lower</em> incomplete
     * gamma function (the SNR's CDF at γth).
     *
     * @param antennas     the Gamma shape M, {@code >= 1}
     * @param scale        the Gamma scale s (mean SNR per antenna), {@code > 0}
     * @param snrThreshold γth as a linear ratio, {@code >= 0}
     */
    public static double outageProbability(int antennas, double scale, double snrThreshold) {
        // The paper's Eq. 8 writes the upper incomplete gamma Γ(M, x)/Γ(M), which is 1 − OP: a typo
        // (its own Appendix A integrates the PDF from 0 to γth). SPEC §2.3 fixes it to the lower one.
        return Gamma.regularizedGammaP(antennas, snrThreshold / scale);
    }

    /**
     * Ergodic spectral efficiency E[log2(1 + SNR)] in bit/s/Hz, so that DR = B times it (the
     * paper's Eq. 9 / B-5 Meijer-G form, with argument D^{+α}σ^2/(θP)).
     *
     * <p>For integer M it equals {@code e^a·Σ_{k=1..M} E_k(a) / ln 2} with {@code a = 1/s} and E_k
     * the generalized exponential integral: write E[ln(1+X)] = ∫ Pr[X > x]/(1+x) dx with the
     * Erlang survival function, and each term integrates to {@code e^a E_{j+1}(a)}. The terms
     * {@code f_k = e^a E_k(a)} come from one direct evaluation at {@code k0 = max(1, min(M, ⌈a⌉))}
     * (power series if a ≤ 1, else a continued fraction), then the recurrence
     * {@code f_{k+1} = (1 − a f_k)/k} upward and its inverse downward, each run only where it is
     * stable (upward for k ≥ a, downward for k < a).
     *
     * @param antennas the Gamma shape M, {@code >= 1}
     * @param scale    the Gamma scale s, {@code > 0}
     */
    public static double spectralEfficiency(int antennas, double scale) {
        double a = 1 / scale;
        int k0 = a <= 1 ? 1 : (int) Math.min(antennas, Math.ceil(a));
        double f0 = a <= 1 ? Math.exp(a) * expIntE1Series(a) : expScaledExpIntContinuedFraction(k0, a);
        double sum = f0;
        double f = f0;
        for (int k = k0 - 1; k >= 1; k--) {
            f = (1 - k * f) / a;
            sum += f;
        }
        f = f0;
        for (int k = k0; k < antennas; k++) {
            f = (1 - a * f) / k;
            sum += f;
        }
        return sum / LN2;
    }

    /**
     * Average BPSK bit error probability E[Q(√(2·SNR))] over the Gamma SNR, in closed form for
     * integer M (Proakis, maximal-ratio combining of M Rayleigh branches):
     * {@code ((1−μ)/2)^M Σ_{k<M} C(M−1+k, k) ((1+μ)/2)^k}, {@code μ = √(s/(1+s))}.
     *
     * @param antennas the Gamma shape M, {@code >= 1}
     * @param scale    the Gamma scale s, {@code > 0}
     */
    public static double bitErrorProbability(int antennas, double scale) {
        double mu = Math.sqrt(scale / (1 + scale));
        double lower = 1 / (2 * (1 + scale) * (1 + mu)); // (1 − μ)/2 without cancellation
        double upper = (1 + mu) / 2;
        double term = 1;
        double sum = 1;
        for (int k = 1; k < antennas; k++) {
            term *= (antennas - 1 + k) * upper / k;
            sum += term;
        }
        // in the log domain: lower^M underflows long before the product does
        return Math.exp(antennas * Math.log(lower) + Math.log(sum));
    }

    /** E1(x) for 0 < x ≤ 1 by its power series. */
    private static double expIntE1Series(double x) {
        double sum = 0;
        double term = 1;
        for (int k = 1; k < 100; k++) {
            term *= -x / k;
            double delta = -term / k;
            sum += delta;
            if (Math.abs(delta) < Math.abs(sum) * 1e-17) {
                break;
            }
        }
        return -EULER_GAMMA - Math.log(x) + sum;
    }

    /** e^x·E_n(x) for x > 1 by the modified Lentz continued fraction (Numerical Recipes 6.3). */
    private static double expScaledExpIntContinuedFraction(int n, double x) {
        double b = x + n;
        double c = 1 / CF_TINY;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i <= CF_MAX_ITERATIONS; i++) {
            double an = -(double) i * (n - 1 + i);
            b += 2;
            d = 1 / (an * d + b);
            c = b + an / c;
            double delta = c * d;
            h *= delta;
            if (Math.abs(delta - 1) < CF_EPS) {
                return h;
            }
        }
        throw new ArithmeticException("E_" + n + "(" + x + ") continued fraction did not converge");
    }
}
