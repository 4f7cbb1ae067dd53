package org.netmoe.training.experiment.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.netmoe.envs.edge.EdgeConfig;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.config.ConfigLoader;

/** {@link EdgeFig4Config#bind}: the whole config bound over the defaults, every check before any work. */
class EdgeFig4ConfigTest {
    private static ObjectNode smoke(String... overrides) {
        ObjectNode tree = ConfigLoader.read(Path.of("..", "configs", "edge-fig4-smoke.yaml"));
        ConfigLoader.applyOverrides(tree, List.of(overrides));
        return tree;
    }

    @Test
    void bindsTheSmokeConfigOverTheDefaults() {
        EdgeFig4Config c = EdgeFig4Config.bind(smoke());
        assertEquals(1, c.seed());
        assertEquals(EdgeConfig.defaults(), c.edge(), "edge: {} is the env's defaults");
        assertEquals(EdgeFig4Config.defaultSac(), c.sac(), "the smoke file spells out the default SAC");
        assertEquals(new EdgeFig4Schedule(24, 250, 200, 4), c.schedule());
    }

    @Test
    void absentSectionsAreTheirDefaults() {
        ObjectNode tree = ConfigLoader.yaml().createObjectNode().put("experiment", "edge-fig4");
        EdgeFig4Config c = EdgeFig4Config.bind(tree);
        assertEquals(new EdgeFig4Config("edge-fig4", 1, EdgeConfig.defaults(), EdgeFig4Config.defaultSac(),
                EdgeFig4Schedule.defaults()), c);
    }

    @Test
    void aFieldSetOverridesOnlyThatField() {
        EdgeFig4Config c = EdgeFig4Config.bind(smoke("seed=7", "sac.batchSize=32", "edge.numDevices=12"));
        assertEquals(7, c.seed());
        assertEquals(32, c.sac().batchSize());
        assertEquals(EdgeFig4Config.defaultSac().bufferSize(), c.sac().bufferSize());
        assertEquals(12, c.edge().numDevices());
        assertEquals(EdgeConfig.defaults().numTopics(), c.edge().numTopics());
    }

    static Stream<Arguments> badFields() {
        return Stream.of(
                Arguments.of("schedule.finalEpochs=30", "schedule.finalEpochs must be in [1, 24], was 30"),
                Arguments.of("colour=blue", "colour: unknown field; allowed fields here: [edge, experiment, sac,"
                        + " schedule, seed]"),
                Arguments.of("sac.batchSize=0", "sac.batchSize must be > 0, was 0"),
                // 250 steps per epoch are not whole vector steps of 4 envs.
                Arguments.of("sac.numEnvs=4", "schedule.stepsPerEpoch must be a multiple of sac.numEnvs (4), was 250"),
                // A warm-up as long as all 24 × 250 training steps: SAC would never update.
                Arguments.of("sac.learningStarts=6000", "sac.learningStarts must be < the training steps,"
                        + " schedule.epochs × schedule.stepsPerEpoch = 6000 (else SAC never updates), was 6000"));
    }

    @ParameterizedTest
    @MethodSource("badFields")
    void rejectsABadFieldInOneMessageNamingIt(String set, String message) {
        ObjectNode tree = smoke(set);
        assertEquals(message, assertThrows(ConfigException.class, () -> EdgeFig4Config.bind(tree)).getMessage());
    }
}
