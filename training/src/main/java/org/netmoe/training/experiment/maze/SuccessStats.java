package org.netmoe.training.experiment.maze;

import java.util.Arrays;

/**
 * Summary of success rates over plans or seeds: mean, sample standard deviation, range, the
 * fraction at or above a threshold, and the 95 % confidence interval of the mean (Student's t with
 * n − 1 degrees of freedom; a single value has no interval: NaN).
 */
record SuccessStats(int n, double mean, double sd, double min, double max, double solvedFraction, double ciLow,
                    double ciHigh) {
    /** t_{0.975, df} for df = 1..30. */
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
        2.056, 2.052, 2.048, 2.045, 2.042};

    /** The statistics of {@code values} (NaNs, i.e. failed plans, are left out). */
    static SuccessStats of(double[] values, double threshold) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).toArray();
        int n = v.length;
        if (n == 0) {
            return new SuccessStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN);
        }
        double mean = Arrays.stream(v).sum() / n;
        double ss = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
        double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN;
        double half = n > 1 ? t975(n - 1) * sd / Math.sqrt(n) : Double.NaN;
        double solved = (double) Arrays.stream(v).filter(x -> x >= threshold).count() / n;
        return new SuccessStats(n, mean, sd, Arrays.stream(v).min().getAsDouble(), Arrays.stream(v).max().getAsDouble(),
                solved, mean - half, mean + half);
    }

    static double t975(int df) {
        return df <= T975.length ? T975[df - 1] : 1.960;
    }
}
