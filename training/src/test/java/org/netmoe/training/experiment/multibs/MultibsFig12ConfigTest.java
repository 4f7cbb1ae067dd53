package org.netmoe.training.experiment.multibs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.netmoe.checkpoints.CheckpointConfig;
import org.netmoe.envs.multibs.MultiBsConfig;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.config.ConfigLoader;

/** {@link MultibsFig12Config#bind}: the whole config is bound and every cross-field rule checked before any work. */
class MultibsFig12ConfigTest {
    private static final Path SMOKE = Path.of("..", "configs", "multibs-fig12-smoke.yaml");

    private static MultibsFig12Config bind(String... sets) {
        ObjectNode tree = ConfigLoader.read(SMOKE);
        ConfigLoader.applyOverrides(tree, List.of(sets));
        return MultibsFig12Config.bind(tree);
    }

    @Test
    void sectionsLeftOutComeFromTheDefaults() {
        ObjectNode tree = ConfigLoader.read(SMOKE);
        tree.remove(List.of("seed", "critic", "checkpoint"));
        ConfigLoader.applyOverrides(tree, List.of("diffusion={steps: 7}"));
        MultibsFig12Config c = MultibsFig12Config.bind(tree);
        assertEquals(1, c.seed());
        assertEquals(MultibsFig12Config.CHECKPOINT_DEFAULTS, c.checkpoint());
        assertEquals(7, c.diffusion().steps());
        assertEquals(List.of("moe-top1", "moe-top2", "mlp", "mlp-deep"), List.copyOf(c.denoisers().keySet()));
    }

    @Test
    void theFullConfigBindsOverTheEnvDefaults() {
        MultibsFig12Config c = MultibsFig12Config.bind(ConfigLoader.read(SMOKE.resolveSibling("multibs-fig12.yaml")));
        assertEquals(10, c.training().seeds());
        assertEquals(MultiBsConfig.defaults(), c.env());
        assertEquals(new CheckpointConfig(500, 2), c.checkpoint());
    }

    @Test
    void theRunConfigOfACheckpointIsTheSameForEveryEqualConfig() {
        MultibsFig12Config c = bind();
        MultibsFig12Config same = bind("checkpoint.every=7");
        String id = c.architectures().get(0).id();
        assertEquals(c.runConfig(1, id, c.denoisers().get(id)), same.runConfig(1, id, same.denoisers().get(id)));
        assertNotEquals(c.runConfig(1, id, c.denoisers().get(id)), c.runConfig(2, id, c.denoisers().get(id)));
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of(List.of("env.episodeSteps=2"),
                        "env.episodeSteps: multibs-fig12 serves one UE per episode, was 2"),
                Arguments.of(List.of("architectures=[]"), "architectures: must list at least one architecture"),
                Arguments.of(List.of("architectures=[{id: a/b, type: mlp, hiddenSizes: [8]}]"),
                        "architectures[0]: id must be letters, digits, '.', '_' and '-' (it names the checkpoint"
                                + " directory), was a/b"),
                Arguments.of(List.of("architectures=[{id: a, type: mlp, hiddenSizes: [8]},"
                        + " {id: a, type: mlp, hiddenSizes: [4]}]"), "architectures[1]: id a is used twice"),
                Arguments.of(List.of("users.x0=290"), "users: the grid [290.0, 320.0] x [60.0, 80.0] m must lie within"
                        + " the env's area [0, 300.0] x [0, 200.0] m"),
                Arguments.of(List.of("training="), "training: missing"),
                Arguments.of(List.of("colour=blue"), "colour: unknown field; allowed fields here: [architectures,"
                        + " checkpoint, critic, diffusion, env, experiment, seed, training, users]"));
    }

    @ParameterizedTest
    @MethodSource("badConfigs")
    void aBadFieldIsOneLineNamingIt(List<String> sets, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> bind(sets.toArray(String[]::new)));
        assertEquals(message, e.getMessage());
    }
}
