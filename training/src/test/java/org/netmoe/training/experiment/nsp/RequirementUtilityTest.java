package org.netmoe.training.experiment.nsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.netmoe.envs.nsp.NspConfig;
import org.netmoe.envs.nsp.NspOracle;
import org.netmoe.envs.nsp.NspPowerEnv;
import org.netmoe.envs.nsp.NspUser;
import org.netmoe.envs.nsp.QosType;
import org.netmoe.training.config.ConfigException;

class RequirementUtilityTest {
    private static final NspConfig NSP = NspConfig.defaults();

    @Test
    void configDefinedThroughputEqualsTheEnvsBuiltInUtilityForRandomUsers() {
        NspConfig.QosBounds b = NSP.qosBounds();
        RequirementUtility custom = new RequirementUtility(NSP,
                new QosDefinition("gaming", "", "(1 - op) * dr", b.tp().min(), b.tp().max()));
        RequirementUtility reliability = new RequirementUtility(NSP,
                new QosDefinition("rel", "", "1 - op", b.op().min(), b.op().max()));
        NspOracle oracle = new NspOracle(NSP);
        try (NspPowerEnv env = new NspPowerEnv(NSP)) {
            env.reset(3);
            for (int k = 0; k < 200; k++) {
                NspUser u = env.user();
                double[] tp = custom.utilities(u);
                double[] op = reliability.utilities(u);
                for (int i = 0; i < tp.length; i++) {
                    assertEquals(oracle.utility(u, i, QosType.TP), tp[i], 1e-9, "tp user " + k + " power " + i);
                    assertEquals(oracle.utility(u, i, QosType.OP), op[i], 1e-9, "op user " + k + " power " + i);
                }
                env.reset();
            }
        }
    }

    @Test
    void powerEntersThroughTheVariableP() {
        // Q = 10 - p with bounds [0, 20]: F = (10 - p)/20, utility = F - 0.003 p (or the penalty when Q < 0).
        RequirementUtility u = new RequirementUtility(NSP, new QosDefinition("x", "", "10 - p", 0, 20));
        double[] v = u.utilities(NSP.defaultUser(QosType.TP));
        assertEquals((10 - 10) / 20.0 - 0.003 * 10, v[0], 1e-12);
        assertEquals(NSP.penaltyUtility(), v[1], 0.0, "Q = -5 < qmin violates the constraint");
    }

    @Test
    void badDefinitionsNameTheField() {
        ConfigException e = assertThrows(ConfigException.class, () -> new QosDefinition("g", "", "(1 - op * dr", 0, 1));
        assertTrue(e.getMessage().startsWith("qosTypes.g.score: "), e.getMessage());
        e = assertThrows(ConfigException.class, () -> new QosDefinition("g", "", "latency * 2", 0, 1));
        assertTrue(e.getMessage().startsWith("qosTypes.g.score: "), e.getMessage());
        e = assertThrows(ConfigException.class, () -> new QosDefinition("g", "", "dr", 5, 5));
        assertTrue(e.getMessage().contains("qmax must be > qmin"), e.getMessage());
        assertTrue(new QosDefinition("b", "", "-log10(bep)", 3, 6).needsBep());
    }
}
