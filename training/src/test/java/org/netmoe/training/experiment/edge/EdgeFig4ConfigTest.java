package org.netmoe.training.experiment.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
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

    private static String error(ObjectNode tree) {
        return assertThrows(ConfigException.class, () -> EdgeFig4Config.bind(tree)).getMessage();
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

    @Test
    void rejectsFinalEpochsBeyondTheEpochsNamingTheField() {
        assertEquals("schedule.finalEpochs must be in [1, 24], was 30", error(smoke("schedule.finalEpochs=30")));
    }

    @Test
    void rejectsAnUnknownTopLevelField() {
        assertEquals("colour: unknown field; allowed fields here: [edge, experiment, sac, schedule, seed]",
                error(smoke("colour=blue")));
    }

    @Test
    void rejectsABadSacFieldWithItsPath() {
        assertEquals("sac.batchSize must be > 0, was 0", error(smoke("sac.batchSize=0")));
    }

    @Test
    void rejectsStepsPerEpochThatAreNotWholeVectorSteps() {
        assertEquals("schedule.stepsPerEpoch must be a multiple of sac.numEnvs (4), was 250",
                error(smoke("sac.numEnvs=4")));
    }

    @Test
    void rejectsAWarmUpThatOutlastsTraining() {
        assertEquals("sac.learningStarts must be < the training steps, schedule.epochs × schedule.stepsPerEpoch"
                + " = 6000 (else SAC never updates), was 6000", error(smoke("sac.learningStarts=6000")));
    }
}
