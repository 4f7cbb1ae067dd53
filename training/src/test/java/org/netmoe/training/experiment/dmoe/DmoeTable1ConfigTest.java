package org.netmoe.training.experiment.dmoe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netmoe.envs.dmoe.DmoeConfig;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.config.ConfigLoader;

/** {@link DmoeTable1Config#bind}: the whole config merged over its defaults and checked before any work. */
class DmoeTable1ConfigTest {
    private static ObjectNode smoke(String... overrides) {
        ObjectNode tree = ConfigLoader.read(Path.of("..", "configs", "dmoe-table1-smoke.yaml"));
        ConfigLoader.applyOverrides(tree, List.of(overrides));
        return tree;
    }

    private static String error(ObjectNode tree) {
        return assertThrows(ConfigException.class, () -> DmoeTable1Config.bind(tree)).getMessage();
    }

    @Test
    void fieldsTheFileLeavesOutComeFromTheDefaults() {
        DmoeTable1Config.Checked checked = DmoeTable1Config.bind(smoke());
        DmoeTable1Config c = checked.config();
        assertEquals(1, c.seed());
        assertEquals(8, c.system().layers());
        assertEquals(56, c.system().subcarriers());
        assertEquals(DmoeConfig.defaults().experts(), c.system().experts(),
                "system is merged over DmoeConfig's defaults");
        assertEquals(List.of(0.6, 0.8, 0.9), c.dmoe().tradeoffGammas());
        assertEquals(Optional.empty(), c.selectorDir());
        assertEquals(Optional.empty(), checked.trace());
        ObjectNode run = checked.selectorRun().orElseThrow();
        assertEquals("dmoe-select", run.path("env").path("id").asText());
        assertEquals(2, run.path("env").path("params").path("maxExperts").asInt(),
                "the selector's D is dmoe.maxExperts");
    }

    @Test
    void withoutSelectorTokensTheSelectorMayBeAbsent() {
        ObjectNode tree = smoke("dmoe.selectorTokens=0");
        tree.remove("selector");
        assertFalse(DmoeTable1Config.bind(tree).selectorRun().isPresent());
        assertFalse(DmoeTable1Config.bind(smoke("dmoe.selectorTokens=0", "selector=")).selectorRun().isPresent());
    }

    @Test
    void aMissingSelectorIsNamedWhenItIsNeeded() {
        ObjectNode tree = smoke();
        tree.remove("selector");
        assertEquals("selector: missing (a netmoe train config: agent, train)", error(tree));
        assertEquals("selector: missing (a netmoe train config: agent, train)", error(smoke("selector=")));
    }

    @Test
    void errorsNameTheField() {
        assertEquals("dmoe.maxExperts must be <= system.experts = 8, was 9", error(smoke("dmoe.maxExperts=9")));
        assertEquals("dmoe.tradeoffZs[1] must be in (0, 1], was 1.5", error(smoke("dmoe.tradeoffZs=[0.3, 1.5]")));
        assertEquals("selector: agent.params.learningRate must be > 0 and finite, was -1.0",
                error(smoke("selector.agent.params.learningRate=-1")));
        assertEquals("colour: unknown field; allowed fields here: [dmoe, experiment, seed, selector, selectorDir,"
                + " system]", error(smoke("colour=blue")));
        assertEquals("dmoe.routerTrace: cannot read router trace /nonexistent/trace.csv: no such file",
                error(smoke("dmoe.routerTrace=/nonexistent/trace.csv")));
    }
}
