package org.netmoe.training.resume;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.netmoe.checkpoints.Checkpoint;
import org.netmoe.checkpoints.CheckpointStore;
import org.netmoe.training.cli.CliRun;

/** Tiny run configs and in-process CLI calls shared by the resume tests. */
final class Runs {
    static final String DQN = """
            seed: 3
            env: {id: maze-3x7, params: {task: [goal, trap], randomStart: true, slipProbability: 0.1}}
            agent: {id: dqn, params: {hiddenSizes: [16], batchSize: 16, bufferSize: 400, learningStarts: 100,
                    targetUpdate: {period: 50}}}
            train: {steps: 600, logEvery: 100, evalEpisodes: 3}
            checkpoint: {every: 150, keep: 2}
            """;
    static final String PPO = """
            seed: 4
            env: {id: maze-3x7, params: {task: [goal, trap], randomStart: true}}
            agent: {id: ppo, params: {numEnvs: 2, rolloutSteps: 32, minibatches: 2, epochs: 2, hiddenSizes: [16]}}
            train: {steps: 640, logEvery: 64, evalEpisodes: 3}
            checkpoint: {every: 128, keep: 2}
            """;
    static final String SAC = """
            seed: 5
            env: {id: nsp-power, params: {actionSpace: continuous}}
            agent: {id: sac, params: {hiddenSizes: [16, 16], batchSize: 16, bufferSize: 300, learningStarts: 80}}
            train: {steps: 400, logEvery: 50, evalEpisodes: 3}
            checkpoint: {every: 100, keep: 2}
            """;

    private Runs() {
    }

    /** One in-process CLI invocation. */
    static CliRun cli(String... args) {
        return CliRun.of(args);
    }

    static Path config(Path dir, String name, String yaml) throws IOException {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    static Checkpoint newest(Path runDir) throws IOException {
        return CheckpointStore.readOnly(runDir.resolve("checkpoints")).latestValid().orElseThrow();
    }

    /** Every entry of {@code c} but the metrics copies, by name, as text for a readable diff. */
    static Map<String, String> stateEntries(Checkpoint c) {
        Map<String, String> m = new TreeMap<>();
        for (String name : c.entryNames()) {
            if (!name.startsWith("metrics/")) {
                m.put(name, org.netmoe.checkpoints.Checkpoints.sha256Hex(c.entry(name)));
            }
        }
        return m;
    }

    /** The rows of {@code metrics.csv} without wall-clock ({@code time/}) metrics. */
    static List<String> metricRows(Path runDir) throws IOException {
        return Files.readAllLines(runDir.resolve("metrics.csv")).stream().filter(l -> !l.contains(",time/")).toList();
    }

    /** The value of line {@code key=…} of {@code inspect}'s output. */
    static String inspect(Path runDir, String key) {
        CliRun r = cli("inspect", "--run-dir", runDir.toString());
        if (r.code() != 0) {
            throw new AssertionError("inspect failed: " + r.err());
        }
        return r.out().lines().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError("no " + key + "= in " + r.out()));
    }
}
