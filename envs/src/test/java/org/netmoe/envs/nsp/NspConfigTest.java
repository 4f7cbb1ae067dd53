package org.netmoe.envs.nsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NspConfigTest {

    /** The defaults with one component replaced, through the canonical constructor. */
    private static NspConfig withField(String name, Object value) {
        NspConfig d = NspConfig.defaults();
        RecordComponent[] components = NspConfig.class.getRecordComponents();
        Object[] args = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                args[i] = components[i].getName().equals(name) ? value : components[i].getAccessor().invoke(d);
            }
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            return NspConfig.class.getDeclaredConstructor(types).newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertRejected(String field, Object value, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withField(field, value));
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
        }
    }

    @Test
    void defaultsAreThePaperParameters() {
        NspConfig c = NspConfig.defaults();
        assertEquals(List.of(10.0, 15.0, 20.0, 25.0, 30.0), c.powers());
        assertEquals(10, c.antennas());
        assertEquals(6.0, c.theta());
        assertEquals(10.0, c.distance());
        assertEquals(2.0, c.pathLossExponent());
        assertEquals(1.0, c.noisePower());
        assertEquals(1.0, c.beta1());
        assertEquals(0.003, c.beta2());
        assertEquals(1e6, c.bandwidthHz());
        assertEquals(10.0, c.snrThreshold(), 1e-12);
        assertEquals(30.0, c.powerLimit());
        assertEquals(List.of(QosType.OP, QosType.DR, QosType.TP), c.qosTypeList());
        assertTrue(c.randomizeUsers());
        assertEquals(1, c.episodeSteps());
    }

    @Test
    void rejectsNegativeDistanceNamingTheField() {
        assertRejected("distance", -1.0, "distance", "-1.0");
    }

    @Test
    void rejectsPowersThatDoNotStrictlyIncrease() {
        assertRejected("powers", List.of(10.0, 10.0, 20.0), "powers", "strictly increasing");
    }

    @Test
    void rejectsNonPositivePowerNamingItsIndex() {
        assertRejected("powers", List.of(0.0, 10.0), "powers[0]", "> 0");
    }

    @Test
    void rejectsAntennasOutsideTheirRange() {
        assertRejected("antennas", 0, "antennas", "[1, 256]", "was 0");
    }

    @Test
    void rejectsPathLossExponentOutsideItsRange() {
        assertRejected("pathLossExponent", 7.0, "pathLossExponent", "[1.0, 6.0]", "7.0");
    }

    @Test
    void rejectsNegativePowerCost() {
        assertRejected("beta2", -0.1, "beta2", ">= 0");
    }

    @Test
    void rejectsPowerLimitBelowTheLowestPower() {
        assertRejected("powerLimit", 5.0, "powerLimit", "10.0", "5.0");
    }

    @Test
    void rejectsUnknownQosIdNamingTheKnownOnes() {
        assertRejected("qosTypes", List.of("op", "latency"), "qosTypes[1]", "latency", "[op, dr, tp, bep]");
    }

    @Test
    void rejectsRepeatedQosIds() {
        assertRejected("qosTypes", List.of("op", "op"), "qosTypes", "repeat");
    }

    @Test
    void rejectsBepQosWithoutIncludeBep() {
        assertRejected("qosTypes", List.of("op", "bep"), "bep", "includeBep");
    }

    @Test
    void rejectsPenaltyThatAFeasiblePowerCouldScore() {
        assertRejected("penaltyUtility", -0.05, "penaltyUtility", "-0.09", "-0.05");
    }

    @Test
    void rejectsUnknownActionSpaceNamingTheAllowedValues() {
        assertRejected("actionSpace", "box", "actionSpace", "[discrete, continuous]", "was box");
        assertEquals("discrete", NspConfig.defaults().actionSpace());
    }

    @Test
    void rejectsEpisodeStepsBelowOne() {
        assertRejected("episodeSteps", 0, "episodeSteps", "was 0");
    }

    @Test
    void rejectsAntennaRangeOutOfOrder() {
        NspConfig.Range r = new NspConfig.Range(1, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NspConfig.UserRanges(r, r, r, 8, 4));
        assertTrue(e.getMessage().contains("antennasMax"), e.getMessage());
    }

    @Test
    void rejectsEmptyQosBounds() {
        NspConfig.Range ok = new NspConfig.Range(0.5, 0.9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NspConfig.QosBounds(ok, new NspConfig.Range(2e6, 2e6), ok, ok));
        assertTrue(e.getMessage().contains("dr.max"), e.getMessage());
    }

    @Test
    void rejectsRangeWithMaxBelowMin() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NspConfig.Range(3, 2));
        assertTrue(e.getMessage().contains("max") && e.getMessage().contains("2.0"), e.getMessage());
    }
}
