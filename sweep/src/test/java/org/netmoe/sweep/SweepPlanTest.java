package org.netmoe.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.config.ConfigLoader;

class SweepPlanTest {
    private static final Path CONFIGS = Path.of("..", "configs");

    @Test
    void mazeSweepIsFig5OverFiveSeedsAndBothCombinerRules() {
        SweepPlan plan = SweepPlan.load(CONFIGS.resolve("maze-sweep.yaml"), List.of());
        assertEquals(SweepTask.Kind.EXPERIMENT, plan.kind());
        assertEquals(10, plan.tasks().size());
        for (String rule : List.of("product", "mixture")) {
            List<SweepTask> tasks = plan.tasks().stream()
                    .filter(t -> t.configuration().equals("combiner.rule=" + rule)).toList();
            assertEquals(List.of("1", "2", "3", "4", "5"), tasks.stream().map(SweepTask::seed).toList(), rule);
            SweepTask fourth = tasks.get(3);
            assertTrue(fourth.configYaml().matches("(?s).*experiment: \"?maze-fig5.*"), fourth.configYaml());
            assertTrue(fourth.configYaml().contains("seed: 4"), fourth.configYaml());
            assertTrue(fourth.configYaml().matches("(?s).*rule: \"?" + rule + ".*"), fourth.configYaml());
        }
        assertEquals("maze-fig5", ConfigLoader.read(CONFIGS.resolve("maze-fig5.yaml")).get("experiment").asText());
        assertEquals(List.of("gate", "task"), plan.results().keys());
    }

    @Test
    void edgeSweepIsFig4OverFiveSeeds() {
        SweepPlan plan = SweepPlan.load(CONFIGS.resolve("edge-sweep.yaml"), List.of());
        assertEquals(SweepTask.Kind.EXPERIMENT, plan.kind());
        assertEquals(List.of("1", "2", "3", "4", "5"), plan.tasks().stream().map(SweepTask::seed).toList());
        assertTrue(plan.tasks().get(2).configYaml().matches("(?s).*experiment: \"?edge-fig4.*"),
                plan.tasks().get(2).configYaml());
        assertEquals(List.of("method"), plan.results().keys());
        assertEquals(List.of("mean_reward", "final_reward"), plan.results().values());
    }

    @Test
    void aNestedSetOverrideChangesOneFieldAndKeepsTheRestOfItsSection() throws IOException {
        SweepPlan plan = SweepPlan.load(CONFIGS.resolve("maze-sweep.yaml"),
                List.of("seeds=[1]", "set.evaluation.episodes=7"));
        com.fasterxml.jackson.databind.JsonNode evaluation = ConfigLoader.yaml()
                .readTree(plan.tasks().get(0).configYaml()).get("evaluation");
        assertEquals(7, evaluation.get("episodes").asInt(), evaluation.toString());
        assertEquals("sample", evaluation.get("actions").asText(), evaluation.toString());
        assertTrue(evaluation.has("pathPlot"), evaluation.toString());
    }

    @Test
    void gridTimesSeedsWithSetAndCliOverrides(@TempDir Path dir) throws IOException {
        Files.copy(CONFIGS.resolve("maze-dqn.yaml"), dir.resolve("base.yaml"));
        Files.writeString(dir.resolve("s.yaml"), """
                base: base.yaml
                seeds: [1, 2]
                grid:
                  agent.params.learningRate: [0.001, 0.003]
                  env.params.task: [[goal], [goal, trap]]
                set: {train.steps: 1234}
                """);
        SweepPlan plan = SweepPlan.load(dir.resolve("s.yaml"), List.of("seeds=[7, 8, 9]"));
        assertEquals(3 * 2 * 2, plan.tasks().size());
        SweepTask last = plan.tasks().get(11);
        assertEquals("9", last.seed());
        assertEquals("agent.params.learningRate=0.003, env.params.task=[\"goal\",\"trap\"]", last.configuration());
        assertTrue(last.configYaml().contains("steps: 1234"), last.configYaml());
        assertEquals(SweepTask.Kind.TRAIN, plan.kind());
        assertEquals("metrics.csv", plan.results().file());
    }

    @Test
    void badTaskValuesAndUnknownFieldsNameWhatIsWrong(@TempDir Path dir) throws IOException {
        Files.copy(CONFIGS.resolve("maze-dqn.yaml"), dir.resolve("base.yaml"));
        Files.writeString(dir.resolve("bad.yaml"), "base: base.yaml\ngrid: {agent.params.learningRate: [-1]}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> SweepPlan.load(dir.resolve("bad.yaml"), List.of()));
        assertTrue(e.getMessage().startsWith("task t000 {seed=1, agent.params.learningRate=-1}"), e.getMessage());
        assertTrue(e.getMessage().contains("learningRate"), e.getMessage());
        Files.writeString(dir.resolve("typo.yaml"), "base: base.yaml\nseed: [1]\n");
        ConfigException u = assertThrows(ConfigException.class, () -> SweepPlan.load(dir.resolve("typo.yaml"), List.of()));
        assertTrue(u.getMessage().startsWith("sweep.seed: unknown field"), u.getMessage());
        Files.writeString(dir.resolve("empty.yaml"), "base: base.yaml\ngrid: {agent.id: []}\n");
        ConfigException g = assertThrows(ConfigException.class, () -> SweepPlan.load(dir.resolve("empty.yaml"), List.of()));
        assertTrue(g.getMessage().contains("grid.agent.id must be a non-empty list"), g.getMessage());
    }
}
