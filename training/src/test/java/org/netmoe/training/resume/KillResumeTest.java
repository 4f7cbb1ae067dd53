package org.netmoe.training.resume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.core.rng.RngStream;
import org.netmoe.training.cli.NetMoe;

/**
 * The real CLI in a child JVM, killed with SIGKILL ({@link Process#destroyForcibly()}) several
 * times (at random moments after a checkpoint exists, and once while a checkpoint directory is
 * being written) and resumed each time, ends with the same parameters and metrics as a child that
 * was never interrupted.
 */
class KillResumeTest {
    private static final String CONFIG = """
            seed: 11
            env: {id: maze-3x7, params: {task: [goal, trap], randomStart: true, slipProbability: 0.1}}
            agent: {id: dqn, params: {hiddenSizes: [32, 32], batchSize: 32, bufferSize: 3000, learningStarts: 200,
                    targetUpdate: {period: 100}}}
            train: {steps: 12000, logEvery: 500, evalEpisodes: 5}
            checkpoint: {every: 250, keep: 2}
            """;
    private static final int KILLS = 4;

    @TempDir
    Path tmp;

    @Test
    void killedAndResumedRunEndsLikeTheUninterruptedOne() throws Exception {
        Path config = Runs.config(tmp, "kill", CONFIG);
        Path reference = tmp.resolve("reference");
        Process ref = child("train", "--config", config.toString(), "--run-dir", reference.toString());
        assertEquals(0, finish(ref), "the uninterrupted child run");

        Path run = tmp.resolve("run");
        RngStream delays = RngStream.of(2024);
        List<String> log = new ArrayList<>();
        Process p = child("train", "--config", config.toString(), "--run-dir", run.toString());
        for (int kill = 0; kill < KILLS; kill++) {
            boolean duringWrite = kill == 1;
            if (!waitForCheckpoint(p, run)) {
                break; // finished before we got to kill it
            }
            if (duringWrite) {
                waitForWriteInProgress(p, run);
            } else {
                Thread.sleep(delays.nextInt(1500));
            }
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            log.add("kill " + kill + (duringWrite ? " during a write" : "") + ": exit " + p.exitValue()
                    + ", newest valid " + newestStep(run));
            p = child("resume", "--run-dir", run.toString());
        }
        assertEquals(0, finish(p), "the last resume: " + log);
        assertTrue(log.size() >= 2, "at least two kills landed: " + log);
        assertEquals(Runs.inspect(reference, "params_sha256"), Runs.inspect(run, "params_sha256"), log.toString());
        assertEquals(Runs.inspect(reference, "step"), Runs.inspect(run, "step"));
        assertEquals(Runs.metricRows(reference), Runs.metricRows(run));
        assertArrayEquals(Files.readAllBytes(reference.resolve("dqn-q.bin")), Files.readAllBytes(run.resolve("dqn-q.bin")));
    }

    private static Process child(String... args) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), NetMoe.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb.start();
    }

    private static int finish(Process p) throws InterruptedException {
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child run did not finish in 300 s");
        }
        return p.exitValue();
    }

    /** Waits until {@code run} has a checkpoint newer than when called; false if the child exited first. */
    private static boolean waitForCheckpoint(Process p, Path run) throws Exception {
        long before = newestStep(run);
        while (p.isAlive()) {
            if (newestStep(run) > before) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    /** Polls for a {@code .tmp-*} directory: a checkpoint being written (or an old one being retired). */
    private static void waitForWriteInProgress(Process p, Path run) throws IOException {
        Path dir = run.resolve("checkpoints");
        while (p.isAlive()) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.anyMatch(f -> f.getFileName().toString().startsWith(".tmp-"))) {
                    return;
                }
            } catch (java.nio.file.NoSuchFileException raced) {
                // a .tmp- directory vanished while listed: keep polling
            }
        }
    }

    private static long newestStep(Path run) throws IOException {
        Path dir = run.resolve("checkpoints");
        if (!Files.isDirectory(dir)) {
            return -1;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("step-"))
                    .mapToLong(n -> Long.parseLong(n.substring(5))).max().orElse(-1);
        }
    }
}
