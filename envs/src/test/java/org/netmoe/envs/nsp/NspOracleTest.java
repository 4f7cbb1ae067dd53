package org.netmoe.envs.nsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.junit.jupiter.api.Test;
import org.netmoe.core.rng.RngStream;

class NspOracleTest {
    private final NspConfig config = NspConfig.defaults().withQosTypes(List.of("op", "dr", "tp", "bep"));
    private final NspOracle oracle = new NspOracle(config);
    private final NspUser paperUser = config.defaultUser(QosType.TP);

    @Test
    void utilityMatchesHandComputedValues() {
        // OP at 20 W: reliability 1 − 0.3254998 = 0.6745002; F = (0.6745002 − 0.5)/(0.99 − 0.5)
        assertEquals((0.6745002 - 0.5) / 0.49 - 0.003 * 20, oracle.utility(paperUser, 2, QosType.OP), 1e-6);
        // DR at 25 W: F = (3 936 230 − 1e6)/(4e6 − 1e6)
        assertEquals((3_936_229.70 - 1e6) / 3e6 - 0.003 * 25, oracle.utility(paperUser, 3, QosType.DR), 1e-6);
        // TP at 30 W: F = (3 945 504 − 0.5e6)/(4e6 − 0.5e6)
        assertEquals((3_945_504.20 - 0.5e6) / 3.5e6 - 0.003 * 30, oracle.utility(paperUser, 4, QosType.TP), 1e-6);
    }

    @Test
    void satisfactionIsCappedAtOneAboveQmax() {
        // DR at 30 W is 4.18 Mbit/s, above Qmax = 4 Mbit/s: F = 1, utility = β1 − β2·P
        assertEquals(1 - 0.003 * 30, oracle.utility(paperUser, 4, QosType.DR), 1e-12);
    }

    @Test
    void scoreBelowQminYieldsThePenalty() {
        // OP at 10 W is 0.969: reliability 0.031 < Qmin = 0.5; TP at 10 W is 85 kbit/s < 0.5 Mbit/s
        assertEquals(config.penaltyUtility(), oracle.utility(paperUser, 0, QosType.OP));
        assertEquals(config.penaltyUtility(), oracle.utility(paperUser, 0, QosType.TP));
    }

    @Test
    void powerAboveTheLimitYieldsThePenalty() {
        NspConfig limited = new NspConfig(config.powers(), 10, 6, 10, 2, 1, 1, 0.003, 1e6, 10, 20.0,
                config.qosTypes(), false, config.userRanges(), config.qosBounds(), -1, 1, true, "discrete");
        NspOracle o = new NspOracle(limited);
        assertEquals(-1.0, o.utility(paperUser, 3, QosType.DR));
        assertEquals(2, o.best(paperUser, QosType.DR).powerIndex(), "the best power within Pth = 20 W");
    }

    @Test
    void bestIsTheArgmaxOfAnIndependentBruteForceOverRandomUsersAndEveryQosType() {
        RngStream rng = RngStream.of(99);
        for (int n = 0; n < 200; n++) {
            NspUser user = new NspUser(2 + 14 * rng.nextDouble(), 3 + 6 * rng.nextDouble(), 1 + rng.nextInt(16),
                    1.8 + 0.4 * rng.nextDouble(), QosType.OP);
            for (QosType qos : QosType.values()) {
                NspOracle.Decision d = oracle.best(user, qos);
                int bruteIndex = 0;
                double bruteUtility = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < config.powerLevels(); i++) {
                    double u = bruteForceUtility(user, config.power(i), qos);
                    assertEquals(u, oracle.utility(user, i, qos), 1e-9, "utility of " + user + " at level " + i);
                    if (u > bruteUtility + 1e-12) {
                        bruteIndex = i;
                        bruteUtility = u;
                    }
                }
                assertEquals(bruteIndex, d.powerIndex(), qos + " for " + user);
                assertEquals(bruteUtility, d.utility(), 1e-9);
                assertEquals(config.power(d.powerIndex()), d.powerW());
            }
        }
    }

    @Test
    void optimalPowerVariesWithTheUserUnderEveryQosType() {
        RngStream rng = RngStream.of(7);
        NspPowerEnv env = new NspPowerEnv(config);
        for (QosType qos : QosType.values()) {
            Set<Integer> optima = new HashSet<>();
            for (int n = 0; n < 300; n++) {
                env.reset(rng.nextLong(), java.util.Map.of());
                optima.add(oracle.best(env.user(), qos).powerIndex());
            }
            assertTrue(optima.size() >= 4, qos + " optima over random users: " + optima);
        }
    }

    @Test
    void continuousOptimumIsAtLeastEveryDiscreteLevelAndAFineGridOverRandomUsersAndEveryQosType() {
        RngStream rng = RngStream.of(123);
        int strictlyBetter = 0;
        for (int n = 0; n < 60; n++) {
            NspUser user = new NspUser(2 + 14 * rng.nextDouble(), 3 + 6 * rng.nextDouble(), 1 + rng.nextInt(16),
                    1.8 + 0.4 * rng.nextDouble(), QosType.OP);
            for (QosType qos : QosType.values()) {
                NspOracle.ContinuousDecision c = oracle.bestContinuous(user, qos);
                assertTrue(c.powerW() >= 10 && c.powerW() <= 30, "power " + c.powerW());
                assertEquals(oracle.utility(user, c.powerW(), qos), c.utility(), 1e-12, "utility at the reported power");
                for (int i = 0; i < config.powerLevels(); i++) {
                    assertTrue(c.utility() >= oracle.utility(user, i, qos), qos + " level " + i + " beats " + c);
                }
                double grid = Double.NEGATIVE_INFINITY;
                for (int k = 0; k <= 4000; k++) {
                    grid = Math.max(grid, oracle.utility(user, 10 + 20.0 * k / 4000, qos));
                }
                // A 5 mW grid can only approach the optimum from below; 1e-9 allows for rounding.
                assertTrue(c.utility() >= grid - 1e-9, qos + " for " + user + ": grid " + grid + " > " + c);
                if (c.utility() > oracle.best(user, qos).utility() + 1e-4) {
                    strictlyBetter++;
                }
            }
        }
        assertTrue(strictlyBetter > 50, "the continuous optimum should usually beat the levels, did " + strictlyBetter);
    }

    @Test
    void continuousOptimumOfAnUnservableUserIsTheLowestPowerWithThePenalty() {
        NspUser far = new NspUser(1000, 1, 1, 4, QosType.DR);
        NspOracle.ContinuousDecision c = oracle.bestContinuous(far, QosType.DR);
        assertEquals(10.0, c.powerW());
        assertEquals(config.penaltyUtility(), c.utility());
    }

    /** Eq. 4–5 written out from the definitions, with the metrics from Commons Math distributions. */
    private double bruteForceUtility(NspUser user, double power, QosType qos) {
        double scale = user.theta() * power * Math.pow(user.distance(), -user.pathLossExponent());
        double op = new GammaDistribution(user.antennas(), scale).cumulativeProbability(10.0);
        double dr = 1e6 * NspLink.spectralEfficiency(user.antennas(), scale); // checked against integration in NspLinkTest
        double bep = NspLink.bitErrorProbability(user.antennas(), scale);
        double[] qAndBounds = switch (qos) {
            case OP -> new double[] {1 - op, 0.5, 0.99};
            case DR -> new double[] {dr, 1e6, 4e6};
            case TP -> new double[] {(1 - op) * dr, 0.5e6, 4e6};
            case BEP -> new double[] {-Math.log10(bep), 3, 6};
        };
        double q = qAndBounds[0];
        if (q < qAndBounds[1]) {
            return -1;
        }
        return Math.min(1, (q - qAndBounds[1]) / (qAndBounds[2] - qAndBounds[1])) - 0.003 * power;
    }
}
