package org.netmoe.agents.rl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Rl4jDqnConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        Rl4jDqnConfig c = Rl4jDqnConfig.defaults();
        assertEquals(List.of(64, 64), c.hiddenLayers());
        assertEquals(1e-3, c.learningRate());
        assertEquals(0.99, c.gamma());
        assertEquals(64, c.batchSize());
        assertEquals(10_000, c.replaySize());
        assertEquals(1_000, c.learningStarts());
        assertTrue(c.doubleDqn());
    }

    @Test
    void epsilonIsOneDuringWarmUpThenFallsLinearlyToItsEnd() {
        Rl4jDqnConfig c = with(Rl4jDqnConfig.defaults(), b -> b.set("learningStarts", 100)
                .set("epsilonStart", 0.8).set("epsilonEnd", 0.1).set("epsilonDecaySteps", 1000));
        assertEquals(1.0, c.epsilonAt(0));
        assertEquals(1.0, c.epsilonAt(99));
        assertEquals(0.8, c.epsilonAt(100), 1e-12);
        assertEquals(0.45, c.epsilonAt(600), 1e-12);
        assertEquals(0.1, c.epsilonAt(1100), 1e-12);
        assertEquals(0.1, c.epsilonAt(1_000_000), 1e-12);
    }

    @Test
    void hiddenLayersAreCopied() {
        List<Integer> widths = new ArrayList<>(List.of(8, 8));
        Rl4jDqnConfig c = with(Rl4jDqnConfig.defaults(), b -> b.set("hiddenLayers", widths));
        widths.set(0, -1);
        assertEquals(List.of(8, 8), c.hiddenLayers());
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("hiddenLayers", List.of()),
                Arguments.of("hiddenLayers[1]", Arrays.asList(64, 0)),
                Arguments.of("hiddenLayers[0]", Arrays.asList((Integer) null)),
                Arguments.of("learningRate", 0.0),
                Arguments.of("learningRate", Double.NaN),
                Arguments.of("gamma", 1.5),
                Arguments.of("batchSize", 0),
                Arguments.of("replaySize", 10),
                Arguments.of("learningStarts", -1),
                Arguments.of("targetUpdateSteps", 0),
                Arguments.of("epsilonStart", 1.1),
                Arguments.of("epsilonEnd", -0.1),
                Arguments.of("epsilonDecaySteps", 0),
                Arguments.of("errorClamp", 0.0),
                Arguments.of("rewardFactor", Double.POSITIVE_INFINITY),
                Arguments.of("maxEpisodeSteps", 0));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badValues")
    void rejectsABadValueNamingTheField(String field, Object value) {
        String name = field.replaceAll("\\[.*", "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> with(Rl4jDqnConfig.defaults(), b -> b.set(name, value)));
        assertTrue(e.getMessage().startsWith(field + " "), e.getMessage());
    }

    @Test
    void rejectsAnEndEpsilonAboveTheStartOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> with(Rl4jDqnConfig.defaults(), b -> b.set("epsilonStart", 0.1).set("epsilonEnd", 0.2)));
        assertTrue(e.getMessage().startsWith("epsilonEnd must be in [0.0, 0.1]"), e.getMessage());
    }

    @Test
    void rejectsAReplaySmallerThanABatchShowingTheBatchSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> with(Rl4jDqnConfig.defaults(), b -> b.set("replaySize", 32)));
        assertEquals("replaySize must be >= batchSize (64), was 32", e.getMessage());
    }

    /** A copy of {@code base} with some fields replaced by name, through the canonical constructor. */
    private static Rl4jDqnConfig with(Rl4jDqnConfig base, UnaryOperator<Fields> edit) {
        return edit.apply(new Fields(base)).build();
    }

    private static final class Fields {
        private final java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();

        Fields(Rl4jDqnConfig c) {
            for (var component : Rl4jDqnConfig.class.getRecordComponents()) {
                try {
                    values.put(component.getName(), component.getAccessor().invoke(c));
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        }

        Fields set(String name, Object value) {
            if (!values.containsKey(name)) {
                throw new AssertionError("no field " + name);
            }
            values.put(name, value);
            return this;
        }

        Rl4jDqnConfig build() {
            Class<?>[] types = Arrays.stream(Rl4jDqnConfig.class.getRecordComponents())
                    .map(java.lang.reflect.RecordComponent::getType).toArray(Class<?>[]::new);
            try {
                return Rl4jDqnConfig.class.getDeclaredConstructor(types).newInstance(values.values().toArray());
            } catch (java.lang.reflect.InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new AssertionError(e);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
    }
}
