package org.netmoe.training.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.agents.diffusion.BetaSchedule;
import org.netmoe.agents.diffusion.DiffusionConfig;
import org.netmoe.core.Require;

class ConfigLoaderTest {

    /** A config record like an env's params. */
    record Params(double distance, int antennas, String mode, List<Double> powers, Cell start) {
        Params {
            Require.positive("distance", distance);
            Require.positive("antennas", antennas);
            Require.oneOf("mode", mode, List.of("onehot", "coords"));
        }
    }

    record Cell(int x, int y) {
        Cell {
            Require.inRange("x", x, 0, 6);
        }
    }

    static final Params DEFAULTS = new Params(10, 4, "onehot", List.of(10.0, 20.0), new Cell(0, 0));

    private static ObjectNode yaml(String text) throws IOException {
        return (ObjectNode) ConfigLoader.yaml().readTree(text);
    }

    private static String error(String yamlText) {
        return assertThrows(ConfigException.class,
                () -> ConfigLoader.bindOver(DEFAULTS, yaml(yamlText), "env.params")).getMessage();
    }

    @Test
    void mergesUserFieldsOverDefaults() throws IOException {
        Params p = ConfigLoader.bindOver(DEFAULTS, yaml("distance: 20\nstart: {y: 2}"), "env.params");
        assertEquals(new Params(20, 4, "onehot", List.of(10.0, 20.0), new Cell(0, 2)), p);
    }

    @Test
    void invalidValueNamesTheFieldPathAndTheRange() {
        assertEquals("env.params.distance must be > 0 and finite, was -1.0", error("distance: -1"));
        assertEquals("env.params.start.x must be in [0, 6], was 9", error("start: {x: 9}"));
    }

    @Test
    void invalidChoiceListsTheAllowedValues() {
        assertEquals("env.params.mode must be one of [onehot, coords], was grid", error("mode: grid"));
    }

    @Test
    void unknownFieldNamesThePathAndTheAllowedFields() {
        String msg = error("distanse: 3");
        assertEquals("env.params.distanse: unknown field; allowed fields here: [antennas, distance, mode, powers, start]", msg);
    }

    @Test
    void wrongTypeNamesTheFieldAndTheExpectedType() {
        String msg = error("antennas: many");
        assertTrue(msg.startsWith("env.params.antennas: expected an integer"), msg);
    }

    @Test
    void overridesSetNestedFieldsParsedAsYaml() throws IOException {
        ObjectNode tree = yaml("env: {id: x, params: {distance: 3}}");
        ConfigLoader.applyOverrides(tree, List.of("env.params.distance=7.5", "env.params.powers=[1, 2]",
                "train.steps=100"));
        JsonNode params = tree.get("env").get("params");
        assertEquals(7.5, params.get("distance").asDouble());
        assertEquals(2, params.get("powers").size());
        assertEquals(100, tree.get("train").get("steps").asInt());
    }

    @Test
    void malformedOverrideIsAOneLineError() throws IOException {
        ObjectNode tree = yaml("env: {id: x}");
        String msg = assertThrows(ConfigException.class,
                () -> ConfigLoader.applyOverrides(tree, List.of("env.id"))).getMessage();
        assertEquals("--set env.id: expected path.to.field=value", msg);
        msg = assertThrows(ConfigException.class,
                () -> ConfigLoader.applyOverrides(tree, List.of("env.id.x=3"))).getMessage();
        assertEquals("--set env.id.x: env.id is a value, not a section", msg);
    }

    @Test
    void missingAndBrokenFilesAreNamed(@TempDir Path dir) throws IOException {
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.read(dir.resolve("nope.yaml")))
                .getMessage().contains("config file not found"));
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "env: [unclosed\n");
        String msg = assertThrows(ConfigException.class, () -> ConfigLoader.read(bad)).getMessage();
        assertTrue(msg.startsWith(bad + ": invalid YAML at line"), msg);
    }

    @Test
    void modeEnumsBindFromTheirConfigSpellingAndRejectOthersListingThem() throws IOException {
        DiffusionConfig d = ConfigLoader.bindOver(DiffusionConfig.defaults(),
                yaml("{training: bc+actor, schedule: cosine}"), "diffusion");
        assertEquals(DiffusionConfig.Training.BC_ACTOR, d.training());
        assertEquals(BetaSchedule.COSINE, d.schedule());
        ObjectNode tree = yaml("diffusion: {training: bc}");
        ConfigLoader.applyOverrides(tree, List.of("diffusion.training=bc+actor", "diffusion.schedule=linear"));
        d = ConfigLoader.bindOver(DiffusionConfig.defaults(), tree.get("diffusion"), "diffusion");
        assertEquals(new DiffusionConfig(5, BetaSchedule.LINEAR, 8, 1e-3, 1.0, 1.0, DiffusionConfig.Training.BC_ACTOR,
                1.0), d);
        assertEquals("diffusion.training must be one of [bc, actor, bc+actor], was ppo", assertThrows(
                ConfigException.class, () -> ConfigLoader.bindOver(DiffusionConfig.defaults(), yaml("training: ppo"),
                        "diffusion")).getMessage());
        assertEquals("diffusion.schedule must be one of [linear, cosine, vp], was VP", assertThrows(
                ConfigException.class, () -> ConfigLoader.bindOver(DiffusionConfig.defaults(), yaml("schedule: VP"),
                        "diffusion")).getMessage());
    }
}
