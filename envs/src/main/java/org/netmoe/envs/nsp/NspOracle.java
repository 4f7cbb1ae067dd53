package org.netmoe.envs.nsp;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;
import org.netmoe.core.Require;

/**
 * The NSP's utility (paper Eq. 4–5) and its exact maximizer over the discrete power set, for any
 * user and any QoS type: every policy and gate is scored by its regret against {@link #best}.
 *
 * <p>Utility of power P for score Q: {@code β1·F(Q) − β2·P} when {@code Q ≥ Qmin} and
 * {@code P ≤ Pth}, with F from {@link QosType#satisfaction}; a violated constraint yields the
 * fixed {@link NspConfig#penaltyUtility()}, which lies below every feasible utility. Ties go to the
 * lower power, so a user no power can serve gets the lowest one.
 *
 * <p><b>Continuous powers</b> ({@link #bestContinuous}): the best power in
 * {@code [min(powers), max(powers)]}. Every score Q rises with P, so the feasible powers form one
 * interval {@code [Pf, min(max(powers), Pth)]}, with Pf found by bisection on {@code Q(P) = Qmin}.
 * On it the utility is piecewise smooth (a kink where F reaches its cap 1) but not always unimodal
 * (OP's reliability is S-shaped in P), so a grid of {@value #CONTINUOUS_GRID} powers locates the
 * best basin and Brent's method ({@link BrentOptimizer}) refines it between the grid neighbours of
 * the best grid point. The result is the best of the refined point, the grid and the discrete
 * levels, so it is never worse than {@link #best}.
 */
public final class NspOracle {
    /** Grid points over the feasible interval before the Brent refinement. */
    public static final int CONTINUOUS_GRID = 32;
    private static final int BISECTION_STEPS = 60;

    private final NspConfig config;

    /** An oracle for the powers, constants and QoS bounds of {@code config}. */
    public NspOracle(NspConfig config) {
        this.config = Require.nonNull("config", config);
    }

    /** The config whose powers and constants this oracle uses. */
    public NspConfig config() {
        return config;
    }

    /** The link metrics of {@code user} at power level {@code powerIndex}. */
    public QosMetrics metrics(NspUser user, int powerIndex) {
        return NspLink.metrics(user, config.power(checkIndex(powerIndex)), config);
    }

    /** The link metrics of {@code user} at every power level, in power order. */
    public List<QosMetrics> metricsAtAllPowers(NspUser user) {
        List<QosMetrics> all = new ArrayList<>(config.powerLevels());
        for (int i = 0; i < config.powerLevels(); i++) {
            all.add(NspLink.metrics(user, config.power(i), config));
        }
        return List.copyOf(all);
    }

    /** The utility (Eq. 4) of transmitting at {@code powerW} watts with link metrics {@code m} for {@code qos}. */
    public double utility(QosMetrics m, double powerW, QosType qos) {
        double f = qos.satisfaction(m, config.qosBounds().of(qos));
        if (f < 0 || powerW > config.powerLimit()) {
            return config.penaltyUtility();
        }
        return config.beta1() * f - config.beta2() * powerW;
    }

    /** The utility of serving {@code user} at power level {@code powerIndex}, scored as {@code qos}. */
    public double utility(NspUser user, int powerIndex, QosType qos) {
        return utility(metrics(user, powerIndex), config.power(powerIndex), qos);
    }

    /** The best power level for {@code user} under {@code qos}. */
    public Decision best(NspUser user, QosType qos) {
        return best(metricsAtAllPowers(user), qos);
    }

    /**
     * The best power level given the metrics at every power level (from {@link #metricsAtAllPowers}).
     *
     * @throws IllegalArgumentException if there is not one entry per power level
     */
    public Decision best(List<QosMetrics> metricsPerPower, QosType qos) {
        if (metricsPerPower.size() != config.powerLevels()) {
            throw new IllegalArgumentException("metricsPerPower must have " + config.powerLevels()
                    + " entries, had " + metricsPerPower.size());
        }
        int best = 0;
        double bestUtility = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < metricsPerPower.size(); i++) {
            double u = utility(metricsPerPower.get(i), config.power(i), qos);
            if (u > bestUtility) {
                best = i;
                bestUtility = u;
            }
        }
        return new Decision(best, config.power(best), bestUtility);
    }

    /** The utility of serving {@code user} at {@code powerW} watts (any power, not only a level), scored as {@code qos}. */
    public double utility(NspUser user, double powerW, QosType qos) {
        Require.positive("powerW", powerW);
        return utility(NspLink.metrics(user, powerW, config), powerW, qos);
    }

    /**
     * The best power in {@code [min(powers), max(powers)]} watts for {@code user} under {@code qos}
     * (method in the class javadoc); a user no power can serve gets the lowest power and the penalty.
     * Costs about 100 link evaluations (well under a millisecond).
     */
    public ContinuousDecision bestContinuous(NspUser user, QosType qos) {
        Decision discrete = best(user, qos);
        double lo = config.minPower();
        double hi = Math.min(config.maxPower(), config.powerLimit());
        NspConfig.Range bounds = config.qosBounds().of(qos);
        if (qos.score(NspLink.metrics(user, hi, config)) < bounds.min()) {
            return new ContinuousDecision(lo, utility(user, lo, qos)); // nothing feasible: the penalty everywhere
        }
        // Pf: the smallest feasible power; bisection keeps `feasible` feasible, so the utility never jumps to the penalty.
        double feasible = hi;
        if (qos.score(NspLink.metrics(user, lo, config)) >= bounds.min()) {
            feasible = lo;
        } else {
            double infeasible = lo;
            for (int i = 0; i < BISECTION_STEPS; i++) {
                double mid = 0.5 * (infeasible + feasible);
                if (qos.score(NspLink.metrics(user, mid, config)) >= bounds.min()) {
                    feasible = mid;
                } else {
                    infeasible = mid;
                }
            }
        }
        double step = (hi - feasible) / (CONTINUOUS_GRID - 1);
        int bestGrid = 0;
        double bestGridUtility = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < CONTINUOUS_GRID; i++) {
            double u = utility(user, i == CONTINUOUS_GRID - 1 ? hi : feasible + i * step, qos);
            if (u > bestGridUtility) {
                bestGrid = i;
                bestGridUtility = u;
            }
        }
        double bestPower = discrete.powerW();
        double bestUtility = discrete.utility();
        if (step > 0) {
            double left = feasible + Math.max(0, bestGrid - 1) * step;
            double right = Math.min(hi, feasible + Math.min(CONTINUOUS_GRID - 1, bestGrid + 1) * step);
            UnivariatePointValuePair refined = new BrentOptimizer(1e-10, 1e-9).optimize(new MaxEval(200),
                    new UnivariateObjectiveFunction(p -> utility(user, p, qos)), GoalType.MAXIMIZE,
                    new SearchInterval(left, right, Math.min(right, feasible + bestGrid * step)));
            if (refined.getValue() > bestUtility) {
                bestPower = refined.getPoint();
                bestUtility = refined.getValue();
            }
        }
        double gridPower = bestGrid == CONTINUOUS_GRID - 1 ? hi : feasible + bestGrid * step;
        if (bestGridUtility > bestUtility) {
            bestPower = gridPower;
            bestUtility = bestGridUtility;
        }
        return new ContinuousDecision(bestPower, bestUtility);
    }

    private int checkIndex(int powerIndex) {
        if (powerIndex < 0 || powerIndex >= config.powerLevels()) {
            throw new IllegalArgumentException("powerIndex must be in [0, " + config.powerLevels() + "), was "
                    + powerIndex);
        }
        return powerIndex;
    }

    /**
     * The oracle's choice.
     *
     * @param powerIndex the best power level
     * @param powerW     its power in watts
     * @param utility    its utility
     */
    public record Decision(int powerIndex, double powerW, double utility) {
    }

    /**
     * The continuous oracle's choice.
     *
     * @param powerW  the best power in watts, in {@code [min(powers), max(powers)]}
     * @param utility its utility, {@code >=} the utility of every discrete level
     */
    public record ContinuousDecision(double powerW, double utility) {
    }
}
