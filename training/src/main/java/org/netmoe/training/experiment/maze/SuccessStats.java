package org.netmoe.training.experiment.maze;

import java.util.Arrays;
import org.netmoe.training.stats.MeanCi;

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
        MeanCi m = MeanCi.of(values);
        if (m.n() == 0) {
            return new SuccessStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN);
        }
        double solved = (double) Arrays.stream(values).filter(x -> x >= threshold).count() / m.n();
        return new SuccessStats(m.n(), m.mean(), m.sd(), m.min(), m.max(), solved,
                Math.max(0, m.mean() - m.halfWidth()), Math.min(1, m.mean() + m.halfWidth()));
    }

    /**
     * The mean of {@code values} (NaNs left out) and its 95 % Student's t interval, not clipped (for
     * quantities that are not rates, e.g. steps): {@code {mean, low, high}}; NaN where there are too few values.
     */
    static double[] meanInterval(double[] values) {
        MeanCi m = MeanCi.of(values);
        return new double[] {m.mean(), m.mean() - m.halfWidth(), m.mean() + m.halfWidth()};
    }
}
