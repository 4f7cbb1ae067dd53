package org.netmoe.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: bad input that used to end in a stack trace, an out-of-memory error or silent acceptance
 * is one line naming the field, file or value, exit code 2, and nothing is written.
 */
class BadInputTest {
    private static final Path MAZE_DQN = Path.of("..", "configs", "maze-dqn.yaml");
    private static final Path MAZE_PPO = Path.of("..", "configs", "maze-ppo.yaml");

    /** The one stderr line of a run that must fail with exit code 2. */
    private static String error(CliRun r) {
        assertEquals(2, r.code(), r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("netmoe: error: "), err);
        return err.substring("netmoe: error: ".length());
    }

    private static String train(Path config, Path runDir, String... sets) {
        String[] args = new String[4 + 2 * sets.length];
        args[0] = "train";
        args[1] = "--config=" + config;
        args[2] = "--run-dir";
        args[3] = runDir.toString();
        for (int i = 0; i < sets.length; i++) {
            args[4 + 2 * i] = "--set";
            args[5 + 2 * i] = sets[i];
        }
        String message = error(CliRun.of(args));
        assertTrue(Files.notExists(runDir), "nothing is written for a bad config: " + message);
        return message;
    }

    @Test
    void deeplyNestedYamlNamesTheFile(@TempDir Path tmp) throws IOException {
        Path deep = tmp.resolve("deep.yaml");
        Files.writeString(deep, "seed:\n  " + "- ".repeat(1100) + "1\n");
        assertEquals(deep + ": invalid YAML: Document nesting depth (1001) exceeds the maximum allowed (1000, from"
                + " `StreamReadConstraints.getMaxNestingDepth()`)", train(deep, tmp.resolve("r1")));
        // The reported case: 3000 indented levels, 9 MB, past SnakeYAML's code point limit (an error without a line).
        Path huge = tmp.resolve("huge.yaml");
        StringBuilder text = new StringBuilder("a:\n");
        for (int i = 1; i < 3000; i++) {
            text.append("  ".repeat(i)).append('b').append(i).append(":\n");
        }
        Files.writeString(huge, text);
        assertEquals("config file " + huge + " is larger than the 1 MiB limit", train(huge, tmp.resolve("r2")));
    }

    @Test
    void replayBufferBeyondTheMaximumNamesTheFieldAndTheMaximum(@TempDir Path tmp) {
        assertEquals("agent.params.bufferSize must be in [1, 10000000], was 2000000000",
                train(MAZE_DQN, tmp.resolve("r"), "agent.params.bufferSize=2000000000"));
    }

    @Test
    void routerTraceIsReadUpToASizeCap(@TempDir Path tmp) {
        assumeTrue(Files.isReadable(Path.of("/dev/zero")));
        String message = error(CliRun.experiment("dmoe-table1-smoke.yaml", tmp.resolve("r"), "--set",
                "dmoe.routerTrace=/dev/zero"));
        assertEquals("dmoe.routerTrace: router trace /dev/zero is larger than the 64 MiB limit", message);
    }

    @Test
    void ppoRolloutMustFitTheRunAndTheMaximum(@TempDir Path tmp) {
        assertEquals("agent.params.numEnvs * rolloutSteps must be <= 1048576, was 100000 * 64 = 6400000",
                train(MAZE_PPO, tmp.resolve("r1"), "agent.params.numEnvs=100000"));
        assertEquals("agent.params.numEnvs * agent.params.rolloutSteps = 1000 * 64 = 64000 env steps per rollout,"
                + " more than train.steps = 40000; lower numEnvs or rolloutSteps, or raise train.steps",
                train(MAZE_PPO, tmp.resolve("r2"), "agent.params.numEnvs=1000"));
    }

    @Test
    void duplicateKeysAreRefusedNamingTheFileAndKey(@TempDir Path tmp) throws IOException {
        Path dup = tmp.resolve("dup.yaml");
        Files.writeString(dup, "seed: 1\nseed: 2\nenv: {id: maze-3x7}\nagent: {id: dqn}\n");
        assertEquals(dup + ": invalid YAML at line 2: Duplicate field 'seed'", train(dup, tmp.resolve("r1")));
        assertEquals("--set agent.params: cannot parse value '{batchSize: 32, batchSize: 64}' (Duplicate field"
                + " 'batchSize')", train(MAZE_DQN, tmp.resolve("r2"), "agent.params={batchSize: 32, batchSize: 64}"));
    }

    @Test
    void fractionalIntegersAreRefusedNamingTheField(@TempDir Path tmp) throws IOException {
        Path frac = tmp.resolve("frac.yaml");
        Files.writeString(frac, "env: {id: maze-3x7}\nagent: {id: dqn}\ntrain: {steps: 6000.7}\n");
        assertEquals("train.steps: expected an integer, was '6000.7'", train(frac, tmp.resolve("r1")));
        assertEquals("train.steps: expected an integer, was '6000.7'",
                train(MAZE_DQN, tmp.resolve("r2"), "train.steps=6000.7"));
        assertEquals("agent.params.hiddenSizes[0]: expected an integer, was '64.5'",
                train(MAZE_DQN, tmp.resolve("r3"), "agent.params.hiddenSizes=[64.5]"));
        assertEquals("agent.params.learningStarts: expected an integer, was '1000.5'",
                train(MAZE_DQN, tmp.resolve("r4"), "agent.params.learningStarts=1000.5"));
    }
}
