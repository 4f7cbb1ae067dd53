package org.netmoe.training.experiment.nsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netmoe.envs.nsp.NspConfig;
import org.netmoe.envs.nsp.NspUser;
import org.netmoe.envs.nsp.QosType;
import org.netmoe.moe.mix.Combiner;
import org.netmoe.training.config.ConfigLoader;

/**
 * The decision structure of the paper's Fig. 6 at its default user (M = 10, θ = 6, D = 10 m, α = 2),
 * from the closed forms under the bounds of the committed configs: the OP expert's utility peaks at
 * a lower power than the DR expert's, and the throughput requirement's optimum lies between them or
 * at one of them (the paper: OP 15 W, DR 20 W, their combination 20 W, which maximizes throughput).
 */
class NspFig6StructureTest {
    @ParameterizedTest
    @ValueSource(strings = {"nsp-fig6.yaml", "nsp-fig6-smoke.yaml"})
    void atTheDefaultUserOpPrefersLessPowerThanDrAndThroughputLiesBetween(String file) {
        NspFig6Config.Checked checked = NspFig6Config.bind(ConfigLoader.read(Path.of("..", "configs", file)));
        NspFig6Config c = checked.config();
        NspConfig nsp = c.nsp();
        assertEquals(NspConfig.defaults().defaultUser(QosType.TP), nsp.defaultUser(QosType.TP),
                "the config keeps the paper's default user");
        NspUser user = nsp.defaultUser(QosType.TP);
        double[] op = new RequirementUtility(c.users(), c.qos().get("op")).utilities(user);
        double[] dr = new RequirementUtility(c.users(), c.qos().get("dr")).utilities(user);
        double[] tp = new RequirementUtility(c.users(), checked.requirementQos()).utilities(user);
        String curves = "op " + Arrays.toString(op) + ", dr " + Arrays.toString(dr) + ", " + c.requirement().qos()
                + " " + Arrays.toString(tp);
        int opBest = Combiner.argmax(op);
        int drBest = Combiner.argmax(dr);
        int tpBest = Combiner.argmax(tp);
        assertTrue(opBest < drBest, "op must peak below dr: " + curves);
        assertTrue(tpBest >= opBest && tpBest <= drBest, "the throughput optimum must lie in [op, dr]: " + curves);
        // The powers the paper reports in Fig. 6.
        assertEquals(15.0, nsp.power(opBest), curves);
        assertEquals(20.0, nsp.power(drBest), curves);
        assertEquals(20.0, nsp.power(tpBest), curves);
        // Each preference is strict by at least one power step's cost (β2 · 5 W), not a tie.
        assertTrue(op[opBest] - op[drBest] >= nsp.beta2() * 5 - 1e-12, curves);
        assertTrue(dr[drBest] - dr[opBest] >= nsp.beta2() * 5 - 1e-12, curves);
    }
}
