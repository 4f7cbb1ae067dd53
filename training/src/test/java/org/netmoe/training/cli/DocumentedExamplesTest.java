package org.netmoe.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.agents.ppo.PpoConfig;
import org.netmoe.envs.maze.MazeConfig;
import org.netmoe.training.config.ConfigLoader;
import org.netmoe.training.experiment.ExperimentContext;
import org.netmoe.training.run.ResolvedRun;

/**
 * Every {@code --set} example of the README and of the commands' {@code --help}, as the shell
 * passes it (quotes removed), does what the text says.
 */
class DocumentedExamplesTest {
    private static final Path CONFIGS = Path.of("..", "configs");

    private static String config(String name) {
        return CONFIGS.resolve(name).toString();
    }

    @Test
    void readmeBadInputExamplesPrintTheDocumentedLines(@TempDir Path tmp) {
        CliRun r = CliRun.of("nsp-curves", "--set", "env.params.distance=-3");
        assertEquals(2, r.code());
        assertEquals("netmoe: error: env.params.distance must be > 0 and finite, was -3.0", r.err().strip());
        // README: --set 'env.params.trap={x:9,y:1}'
        r = CliRun.of("train", "--config", config("maze-rl4j-dqn.yaml"), "--set", "env.params.trap={x:9,y:1}",
                "--run-dir", tmp.resolve("a").toString());
        assertEquals(2, r.code());
        assertEquals("netmoe: error: env.params.trap must be a cell inside the 7x3 grid (0 <= x < 7, 0 <= y < 3),"
                + " was (9,1)", r.err().strip());
        r = CliRun.of("train", "--config", config("maze-rl4j-dqn.yaml"), "--set", "agent.params.gama=0.9",
                "--run-dir", tmp.resolve("b").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().strip().startsWith("netmoe: error: agent.params.gama: unknown field; allowed fields here:"
                + " [batchSize, doubleDqn, "), r.err());
    }

    @Test
    void trainHelpAndReadmeOverridesTrain(@TempDir Path tmp) throws IOException {
        // train --help: --set train.steps=5000 --set env.params.task=goal+trap
        Path dir = tmp.resolve("help");
        CliRun r = CliRun.of("train", "--config", config("maze-dqn.yaml"), "--set", "train.steps=5000",
                "--set", "env.params.task=goal+trap", "--run-dir", dir.toString(), "--until", "100");
        assertEquals(0, r.code(), r.err());
        String resolved = Files.readString(dir.resolve("config.yaml"));
        assertTrue(resolved.contains("steps: 5000"), resolved);
        assertTrue(resolved.contains("- goal\n") && resolved.contains("- trap\n") && !resolved.contains("- prize"),
                resolved);
        // README Configs: --set train.steps=5000 --set env.params.slipProbability=0.1
        ResolvedRun run = ResolvedRun.load(CONFIGS.resolve("maze-dqn.yaml"),
                List.of("train.steps=5000", "env.params.slipProbability=0.1"), Registries.standard().envs(),
                Registries.standard().agents());
        assertEquals(5000, run.train().steps());
        assertEquals(0.1, ((MazeConfig) run.envConfig()).slipProbability());
        // README Configs: a mapping value, written as a shell argument usually is
        run = ResolvedRun.load(CONFIGS.resolve("maze-dqn.yaml"), List.of("env.params.trap={x:2,y:1}"),
                Registries.standard().envs(), Registries.standard().agents());
        assertEquals(2, ((MazeConfig) run.envConfig()).trap().x());
        // README MoE: --set agent.params.network.type=moe
        run = ResolvedRun.load(CONFIGS.resolve("maze-ppo.yaml"), List.of("agent.params.network.type=moe"),
                Registries.standard().envs(), Registries.standard().agents());
        assertTrue(((PpoConfig) run.agentConfig()).toString().contains("moe"), run.agentConfig().toString());
    }

    @Test
    void nspCurvesHelpOverridesRun() {
        CliRun r = CliRun.of("nsp-curves", "--set", "env.params.distance=12", "--set", "env.antennas=16");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("power,op,dr,tp"), r.out());
    }

    @Test
    void experimentOverridesSetTheirFields() {
        ObjectNode tree = ConfigLoader.read(CONFIGS.resolve("maze-fig5.yaml"));
        ConfigLoader.applyOverrides(tree, List.of("seed=2", "llm.baseUrl=http://localhost:11434/v1",
                "llm.model=llama3.1"));
        assertEquals(2, new ExperimentContext(tree, Path.of("."), null, Optional.empty()).seed());
        assertEquals("http://localhost:11434/v1", tree.path("llm").path("baseUrl").asText());
        assertEquals("llama3.1", tree.path("llm").path("model").asText());
        tree = ConfigLoader.read(CONFIGS.resolve("nsp-fig6.yaml"));
        ConfigLoader.applyOverrides(tree, List.of("llm.model=Qwen/Qwen2.5-7B-Instruct"));
        assertEquals("Qwen/Qwen2.5-7B-Instruct", tree.path("llm").path("model").asText());
        tree = ConfigLoader.read(CONFIGS.resolve("multibs-fig12.yaml"));
        ConfigLoader.applyOverrides(tree, List.of("diffusion.training=bc+actor"));
        assertEquals("bc+actor", tree.path("diffusion").path("training").asText());
    }
}
