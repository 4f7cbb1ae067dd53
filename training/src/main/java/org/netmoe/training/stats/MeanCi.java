package org.netmoe.training.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Mean and 95 % confidence interval of a sample: Student's t with n − 1 degrees of freedom,
 * {@code mean ± t(0.975, n−1) · s / √n}, s the sample standard deviation; NaN values are left out.
 * NetMoE's one implementation of the interval: sweeps, the maze success statistics, the multi-BS
 * summary and the learning-curve bands all take it from here.
 *
 * @param n         values used
 * @param mean      their mean
 * @param sd        their sample standard deviation (n − 1); NaN for fewer than two values
 * @param halfWidth the interval's half width; NaN for fewer than two values
 * @param min       smallest value
 * @param max       largest value
 */
public record MeanCi(int n, double mean, double sd, double halfWidth, double min, double max) {

    /** The statistics of {@code values}; all NaN when none is a number. */
    public static MeanCi of(double[] values) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).toArray();
        int n = v.length;
        if (n == 0) {
            return new MeanCi(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = Arrays.stream(v).average().orElseThrow();
        double sd = Double.NaN;
        double half = Double.NaN;
        if (n > 1) {
            double ss = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
            sd = Math.sqrt(ss / (n - 1));
            half = t975(n - 1) * sd / Math.sqrt(n);
        }
        return new MeanCi(n, mean, sd, half, Arrays.stream(v).min().orElseThrow(), Arrays.stream(v).max().orElseThrow());
    }

    /** The 0.975 quantile of Student's t with {@code df} degrees of freedom. */
    public static double t975(int df) {
        return new TDistribution(df).inverseCumulativeProbability(0.975);
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
