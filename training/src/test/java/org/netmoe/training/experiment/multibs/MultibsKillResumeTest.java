package org.netmoe.training.experiment.multibs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.checkpoints.Checkpoint;
import org.netmoe.checkpoints.CheckpointStore;
import org.netmoe.checkpoints.Checkpoints;
import org.netmoe.core.rng.RngStream;
import org.netmoe.training.cli.NetMoe;

/**
 * {@code netmoe experiment} on a small {@code multibs-fig12-smoke} variant ({@code bc+actor}, so the critic
 * is checkpointed too; an MoE and an MLP denoiser; one seed) in a child JVM, killed with SIGKILL at random
 * moments after a checkpoint exists and continued each time with {@code --reuse}, ends with the same
 * {@code results.csv}, {@code curves.csv} and final state (parameters, optimizers, replay, streams) of
 * every (architecture, seed) run as a child that was never interrupted.
 */
class MultibsKillResumeTest {
    private static final List<String> SMALL = List.of("--set", "training.seeds=1", "--set", "training.steps=240",
            "--set", "training.learningStarts=40", "--set", "training.evalEvery=60",
            "--set", "diffusion.training=bc+actor", "--set", "checkpoint={every: 20, keep: 2}", "--set",
            "architectures=[{id: moe-top2, type: moe, hiddenSizes: [20, 26, 32], experts: 4, topK: 2},"
                    + " {id: mlp, type: mlp, hiddenSizes: [20, 26, 32]}]");
    private static final int KILLS = 3;

    @TempDir
    Path tmp;

    @Test
    void killedAndResumedExperimentEndsLikeTheUninterruptedOne() throws Exception {
        Path reference = tmp.resolve("reference");
        assertEquals(0, finish(child(reference, false)), "the uninterrupted child run");

        Path run = tmp.resolve("run");
        RngStream delays = RngStream.of(2025);
        List<String> log = new ArrayList<>();
        Process p = child(run, false);
        for (int kill = 0; kill < KILLS; kill++) {
            // The last kill lands in the second architecture, so the first is then restored finished.
            if (!waitForCheckpoint(p, run, kill == KILLS - 1 ? "mlp" : "")) {
                break; // finished before we got to kill it
            }
            Thread.sleep(delays.nextInt(800));
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            log.add("kill " + kill + ": exit " + p.exitValue() + ", newest checkpoints " + newestSteps(run));
            p = child(run, true);
        }
        assertEquals(0, finish(p), "the last resume: " + log);
        assertTrue(log.size() >= 2, "at least two kills landed: " + log);
        String trainLog = Files.readString(run.resolve("train.log"));
        assertTrue(trainLog.contains("moe-top2  seed 1     resuming from its checkpoint at env step 240 of 240"), log
                + "\n" + trainLog);
        assertTrue(trainLog.contains("mlp       seed 1     resuming from its checkpoint"), log + "\n" + trainLog);
        for (String file : List.of("results.csv", "curves.csv")) {
            assertArrayEquals(Files.readAllBytes(reference.resolve(file)), Files.readAllBytes(run.resolve(file)),
                    file + " after " + log);
        }
        Map<String, Map<String, String>> expected = finalStates(reference);
        assertEquals(List.of("mlp/seed-1", "moe-top2/seed-1"), List.copyOf(expected.keySet()));
        assertEquals(expected, finalStates(run), log.toString());
    }

    private static Process child(Path runDir, boolean reuse) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), NetMoe.class.getName(), "experiment",
                Path.of("..", "configs", "multibs-fig12-smoke.yaml").toString(), "--run-dir", runDir.toString()));
        command.addAll(SMALL);
        if (reuse) {
            command.add("--reuse");
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb.start();
    }

    private static int finish(Process p) throws InterruptedException {
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child run did not finish in 600 s");
        }
        return p.exitValue();
    }

    /**
     * Waits until a run of the experiment whose architecture starts with {@code architecture} has a checkpoint
     * it did not have when called; false if the child exited first.
     */
    private static boolean waitForCheckpoint(Process p, Path run, String architecture) throws Exception {
        List<Path> before = checkpointDirs(run);
        while (p.isAlive()) {
            List<Path> now = checkpointDirs(run).stream()
                    .filter(d -> run.resolve("checkpoints").relativize(d).toString().startsWith(architecture)).toList();
            if (!before.containsAll(now)) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    private static List<Path> checkpointDirs(Path run) throws IOException {
        Path dir = run.resolve("checkpoints");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir, 3)) {
            return s.filter(f -> f.getFileName().toString().startsWith("step-")).toList();
        } catch (java.io.UncheckedIOException raced) {
            return List.of(); // a directory vanished while walked (retention): poll again
        }
    }

    private static Map<String, String> newestSteps(Path run) throws IOException {
        Map<String, String> steps = new TreeMap<>();
        finalStates(run).forEach((k, v) -> steps.put(k, v.get("step")));
        return steps;
    }

    /** Per {@code <architecture>/seed-<n>}: the SHA-256 of every entry of its newest valid checkpoint. */
    private static Map<String, Map<String, String>> finalStates(Path run) throws IOException {
        Map<String, Map<String, String>> states = new TreeMap<>();
        Path root = run.resolve("checkpoints");
        if (!Files.isDirectory(root)) {
            return states;
        }
        try (Stream<Path> archs = Files.list(root)) {
            for (Path arch : archs.filter(Files::isDirectory).toList()) {
                try (Stream<Path> seeds = Files.list(arch)) {
                    for (Path seed : seeds.filter(Files::isDirectory).toList()) {
                        Checkpoint c = CheckpointStore.readOnly(seed).latestValid().orElse(null);
                        if (c == null) {
                            continue;
                        }
                        Map<String, String> entries = new TreeMap<>();
                        entries.put("step", Long.toString(c.step()));
                        for (String name : c.entryNames()) {
                            entries.put(name, Checkpoints.sha256Hex(c.entry(name)));
                        }
                        states.put(arch.getFileName() + "/" + seed.getFileName(), entries);
                    }
                }
            }
        }
        return states;
    }
}
