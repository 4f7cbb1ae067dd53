package org.netmoe.envs.nsp;

import java.util.ArrayList;
import java.util.List;
import org.netmoe.envs.Require;

/**
 * The NSP's utility (paper Eq. 4–5) and its exact maximizer over the discrete power set, for any
 * user and any QoS type: every policy and gate is scored by its regret against {@link #best}.
 *
 * <p>Utility of power P for score Q: {@code β1·F(Q) − β2·P} when {@code Q ≥ Qmin} and
 * {@code P ≤ Pth}, with F from {@link QosType#satisfaction}; a violated constraint yields the
 * fixed {@link NspConfig#penaltyUtility()}, which lies below every feasible utility. Ties go to the
 * lower power, so a user no power can serve gets the lowest one.
 */
public final class NspOracle {
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
}
