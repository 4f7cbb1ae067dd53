package org.netmoe.training.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.maze.MazeEnv;
import org.netmoe.moe.mix.ExpertInfo;
import org.netmoe.training.config.ConfigLoader;

class ExpertCatalogueTest {
    private static final String TRAINING = """
            agent: {id: dqn, params: {hiddenSizes: [8]}}
            train: {steps: 100, evalEpisodes: 0}
            """;

    private static ExpertCatalogue.Run resolve(int index, String id, String training) throws Exception {
        ObjectNode tree = (ObjectNode) ConfigLoader.yaml().readTree(training);
        ExpertInfo info = new ExpertInfo(id, "test expert", "goal", MazeEnv.SPEC.id(), "Discrete(4)");
        return ExpertCatalogue.resolve(index, "expert " + id, tree, 7, MazeEnv.SPEC.id(),
                ConfigLoader.yaml().createObjectNode(), Map.of(), info);
    }

    @Test
    void anExpertsSeedIsTheNamedSplitOfItsId() throws Exception {
        ExpertCatalogue.Run b = resolve(1, "b", TRAINING);
        assertEquals(RngStream.deriveSeed(7, "expert/b"), b.tree().path("seed").asLong());
        assertEquals(ExpertCatalogue.seed(7, "b"), b.tree().path("seed").asLong());
        // The seed follows the id, not the expert's place in the list.
        assertEquals(b.tree().path("seed").asLong(), resolve(0, "b", TRAINING).tree().path("seed").asLong());
        assertNotEquals(b.tree().path("seed").asLong(), resolve(1, "c", TRAINING).tree().path("seed").asLong());
        assertNotEquals(ExpertCatalogue.seed(7, "b"), ExpertCatalogue.seed(8, "b"));
    }

    @Test
    void aSeedInExpertTrainingIsKept() throws Exception {
        assertEquals(42, resolve(0, "a", TRAINING + "seed: 42\n").tree().path("seed").asLong());
    }
}
