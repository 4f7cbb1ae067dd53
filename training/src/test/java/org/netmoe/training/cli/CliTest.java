package org.netmoe.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands other issues and scripts rely on, run in-process as a user would call them. */
class CliTest {
    private static final Path MAZE_DQN = Path.of("..", "configs", "maze-dqn.yaml");

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void listPrintsIdsUnderTheThreeHeadings() {
        CliRun r = run("list");
        assertEquals(0, r.code());
        List<String> lines = r.out().lines().toList();
        assertEquals("envs:", lines.get(0));
        assertTrue(lines.containsAll(List.of("maze-3x7", "nsp-power", "agents:", "dqn", "ppo", "sac", "rl4j-dqn", "gates:")),
                r.out());
        assertTrue(lines.indexOf("maze-3x7") < lines.indexOf("agents:"));
        assertTrue(lines.indexOf("dqn") > lines.indexOf("agents:") && lines.indexOf("dqn") < lines.indexOf("gates:"));
    }

    @Test
    void nspCurvesPrintsTheSpecTableAsCsv() {
        CliRun r = run("nsp-curves");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("power,op,dr,tp", lines.get(0));
        assertEquals(6, lines.size());
        String[] p30 = lines.get(5).split(",");
        assertEquals(30.0, Double.parseDouble(p30[0]));
        assertEquals(0.056710, Double.parseDouble(p30[1]), 1e-6);
        assertEquals(4182705, Double.parseDouble(p30[2]), 1);
        assertEquals(3945504, Double.parseDouble(p30[3]), 1);
    }

    @Test
    void nspCurvesTakesPowersOverridesAndBep() {
        CliRun r = run("nsp-curves", "--power", "12,24", "--set", "env.distance=8", "--set", "env.params.includeBep=true");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("power,op,dr,tp,bep", lines.get(0));
        assertTrue(lines.get(1).startsWith("12,") && lines.get(2).startsWith("24,"), r.out());
    }

    @Test
    void benchEnvsCsvHasTheDocumentedHeaderAndARowPerEnvAndMode() {
        CliRun r = run("bench", "envs", "--csv", "--seconds", "0.02", "--num-envs", "4");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("env,mode,num_envs,steps_per_s", lines.get(0));
        assertTrue(lines.contains(lines.stream().filter(l -> l.startsWith("maze-3x7,vector,4,")).findFirst().orElse("-")));
        assertEquals(1 + 2 * Registries.standard().envs().ids().size(), lines.size(), r.out());
        for (String row : lines.subList(1, lines.size())) {
            assertTrue(Double.parseDouble(row.split(",")[3]) > 0, row);
        }
    }

    @Test
    void trainWritesARunDirectoryAndEvalReadsItsPolicy(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("run");
        CliRun r = run("train", "--config", MAZE_DQN.toString(), "--set", "train.steps=1500", "--set", "train.evalEpisodes=2",
                "--set", "agent.params.learningStarts=500", "--run-dir", dir.toString());
        assertEquals(0, r.code(), r.err());
        for (String f : List.of("config.yaml", "provenance.yaml", "train.log", "metrics.csv", "metrics.jsonl", "dqn-q.bin")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        List<String> metrics = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals("step,metric,value", metrics.get(0));
        assertTrue(metrics.stream().anyMatch(l -> l.contains(",rollout/episode_return,")));
        assertTrue(Files.readString(dir.resolve("config.yaml")).contains("steps: 1500"));
        assertTrue(r.out().contains("; greedy eval over 2 episodes: mean return "), r.out());
        assertTrue(r.out().contains(", success rate "), r.out());
        assertTrue(!r.out().contains("NaN") && !r.out().contains("oracle fraction"), "maze has no oracle: " + r.out());
        assertTrue(Files.readString(dir.resolve("train.log")).contains("trained dqn on maze-3x7: 1500 env steps"),
                "report lines reach train.log");

        CliRun eval = run("eval", "--run-dir", dir.toString(), "--episodes", "3");
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().startsWith("agent=dqn env=maze-3x7 episodes=3 mean_return="), eval.out());

        CliRun again = run("train", "--config", MAZE_DQN.toString(), "--run-dir", dir.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("already exists and is not empty"), again.err());
    }

    @Test
    void badConfigValuesAreOneLineErrorsNamingTheField(@TempDir Path tmp) {
        CliRun r = run("train", "--config", MAZE_DQN.toString(), "--set", "agent.params.gamma=1.5",
                "--run-dir", tmp.resolve("x").toString());
        assertEquals(2, r.code());
        assertEquals("netmoe: error: agent.params.gamma must be in [0.0, 1.0], was 1.5", r.err().strip());
        r = run("train", "--config", MAZE_DQN.toString(), "--set", "train.stepz=3", "--run-dir", tmp.resolve("y").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().strip().startsWith("netmoe: error: train.stepz: unknown field"), r.err());
        assertEquals(1, r.err().strip().lines().count());
        assertTrue(Files.notExists(tmp.resolve("x")), "nothing is written for a bad config");
    }

    @Test
    void trainAndExperimentPointToEachOtherForTheOtherKindOfConfig(@TempDir Path tmp) {
        String fig5 = Path.of("..", "configs", "maze-fig5.yaml").toString();
        CliRun r = run("train", "--config", fig5, "--run-dir", tmp.resolve("a").toString());
        assertEquals(2, r.code());
        assertEquals("netmoe: error: this is an experiment config (experiment: maze-fig5): use netmoe experiment "
                + fig5, r.err().strip());
        r = run("experiment", MAZE_DQN.toString(), "--run-dir", tmp.resolve("b").toString());
        assertEquals(2, r.code());
        assertEquals("netmoe: error: this is a train config (env: maze-3x7, agent: dqn): use netmoe train --config "
                + MAZE_DQN, r.err().strip());
        assertTrue(Files.notExists(tmp.resolve("a")) && Files.notExists(tmp.resolve("b")));
    }

    @Test
    void badFlagsAndFlagValuesAreOneLineErrors() {
        CliRun r = run("doctor", "--bench-seconds", "abc");
        assertEquals(2, r.code());
        assertEquals("netmoe: error: Invalid value for option '--bench-seconds': 'abc' is not a double"
                + " (see netmoe doctor --help)", r.err().strip());
        r = run("train");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--config"), r.err());
    }
}
