package org.netmoe.training.experiment.nsp;

import java.util.List;
import org.netmoe.envs.nsp.NspConfig;
import org.netmoe.envs.nsp.NspOracle;
import org.netmoe.envs.nsp.NspUser;
import org.netmoe.envs.nsp.QosMetrics;

/**
 * The NSP utility of Eq. 4 for a configured QoS type: {@code β1·F(Q) − β2·P}, and the env's
 * {@code penaltyUtility} when {@code Q < qmin} or {@code P > Pth} (the same rule as the env's
 * built-in types, so the {@code tp} definition {@code score: tp} with the env's tp bounds gives
 * the env's own utility). The exact optimum over the power levels is the oracle.
 */
public final class RequirementUtility {
    private final NspConfig config;
    private final NspOracle link;
    private final QosDefinition.Scorer scorer;

    public RequirementUtility(NspConfig config, QosDefinition qos) {
        this.config = config;
        this.link = new NspOracle(config);
        this.scorer = qos.scorer();
    }

    /** The utility at power level {@code i} given the metrics there. */
    public double utility(QosMetrics m, int i) {
        double p = config.power(i);
        double f = scorer.satisfaction(m, p);
        if (f < 0 || p > config.powerLimit()) {
            return config.penaltyUtility();
        }
        return config.beta1() * f - config.beta2() * p;
    }

    /** The utility of every power level for {@code user}. */
    public double[] utilities(NspUser user) {
        List<QosMetrics> ms = link.metricsAtAllPowers(user);
        double[] u = new double[ms.size()];
        for (int i = 0; i < u.length; i++) {
            u[i] = utility(ms.get(i), i);
        }
        return u;
    }

    public NspConfig config() {
        return config;
    }
}
