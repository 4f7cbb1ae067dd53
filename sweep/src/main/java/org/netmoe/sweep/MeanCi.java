package org.netmoe.sweep;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Mean and 95 % confidence interval of a sample (Student's t with n − 1 degrees of freedom:
 * {@code mean ± t(0.975, n−1) · s / √n}); NaN values are left out.
 *
 * @param n         values used
 * @param mean      their mean
 * @param halfWidth the interval's half width; NaN for fewer than two values
 * @param min       smallest value
 * @param max       largest value
 */
public record MeanCi(int n, double mean, double halfWidth, double min, double max) {

    /** The statistics of {@code values}. */
    public static MeanCi of(double[] values) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).toArray();
        int n = v.length;
        if (n == 0) {
            return new MeanCi(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = Arrays.stream(v).average().orElseThrow();
        double half = Double.NaN;
        if (n > 1) {
            double ss = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
            double sd = Math.sqrt(ss / (n - 1));
            half = new TDistribution(n - 1).inverseCumulativeProbability(0.975) * sd / Math.sqrt(n);
        }
        return new MeanCi(n, mean, half, Arrays.stream(v).min().orElseThrow(), Arrays.stream(v).max().orElseThrow());
    }

    /** The lower end (the mean when the interval is undefined). */
    public double lower() {
        return Double.isNaN(halfWidth) ? mean : mean - halfWidth;
    }

    /** The upper end (the mean when the interval is undefined). */
    public double upper() {
        return Double.isNaN(halfWidth) ? mean : mean + halfWidth;
    }
}
