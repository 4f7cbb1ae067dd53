package org.netmoe.training.experiment.maze;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Summary of success rates over plans or seeds: mean, sample standard deviation, range, the
 * fraction at or above a threshold, and the 95 % confidence interval of the mean: Student's t with
 * n − 1 degrees of freedom, clipped to [0, 1], the range of a success rate (a single value has no
 * interval: NaN). The values are rates over many episodes each, not single Bernoulli outcomes, so the
 * interval is the t interval of their mean, not a binomial (Wilson) interval.
 */
record SuccessStats(int n, double mean, double sd, double min, double max, double solvedFraction, double ciLow,
                    double ciHigh) {

    /** The statistics of {@code values} (NaNs, i.e. failed plans, are left out). */
    static SuccessStats of(double[] values, double threshold) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).toArray();
        int n = v.length;
        if (n == 0) {
            return new SuccessStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN);
        }
        double[] m = meanSdHalf(v);
        double solved = (double) Arrays.stream(v).filter(x -> x >= threshold).count() / n;
        return new SuccessStats(n, m[0], m[1], Arrays.stream(v).min().getAsDouble(), Arrays.stream(v).max().getAsDouble(),
                solved, Math.max(0, m[0] - m[2]), Math.min(1, m[0] + m[2]));
    }

    /**
     * The mean of {@code values} (NaNs left out) and its 95 % Student's t interval, not clipped (for
     * quantities that are not rates, e.g. steps): {@code {mean, low, high}}; NaN where there are too few values.
     */
    static double[] meanInterval(double[] values) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).toArray();
        if (v.length == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double[] m = meanSdHalf(v);
        return new double[] {m[0], m[0] - m[2], m[0] + m[2]};
    }

    /** Mean, sample sd and the t interval's half width of {@code v} (no NaNs, at least one value). */
    private static double[] meanSdHalf(double[] v) {
        int n = v.length;
        double mean = Arrays.stream(v).sum() / n;
        double ss = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
        double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN;
        double half = n > 1 ? t975(n - 1) * sd / Math.sqrt(n) : Double.NaN;
        return new double[] {mean, sd, half};
    }

    /** The 0.975 quantile of Student's t with {@code df} degrees of freedom. */
    static double t975(int df) {
        return new TDistribution(df).inverseCumulativeProbability(0.975);
    }
}
