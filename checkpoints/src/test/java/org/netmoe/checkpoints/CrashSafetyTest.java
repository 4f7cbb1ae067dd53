package org.netmoe.checkpoints;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that writes checkpoints in a loop with SIGKILL at random moments (mostly
 * during a write or a retention delete), then checks that every visible checkpoint verifies and
 * that nothing the child reported as saved was lost.
 */
class CrashSafetyTest {

    private static final long SEED = 20261122L;
    private static final int KILLS = 5;
    private static final int MAX_KILL_DELAY_MILLIS = 250;

    @TempDir
    Path checkpoints;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void sigkillAtRandomMomentsNeverLeavesAHalfCheckpointOrLosesASavedOne() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED);
        long lastReported = 0;
        int killsMidWrite = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = startChild();
            BlockingQueue<String> lines = readLines(child);
            // the first child must save once; later ones may die before or during their first save
            String awaited = kill == 0 ? "saved" : "ready";
            String line;
            do {
                line = lines.poll(20, TimeUnit.SECONDS);
                assertNotNull(line, "child printed no '" + awaited + "' line (seed " + SEED + ")");
                lastReported = Math.max(lastReported, savedStep(line));
            } while (!line.startsWith(awaited));
            Thread.sleep(random.nextInt(MAX_KILL_DELAY_MILLIS));
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            for (String rest = lines.poll(1, TimeUnit.SECONDS); rest != null && !rest.equals(EOF);
                 rest = lines.poll(1, TimeUnit.SECONDS)) {
                lastReported = Math.max(lastReported, savedStep(rest));
            }

            try (Stream<Path> children = Files.list(checkpoints)) {
                killsMidWrite += children.anyMatch(p -> p.getFileName().toString()
                        .startsWith(".tmp-")) ? 1 : 0;
            }
            CheckpointStore reader = CheckpointStore.readOnly(checkpoints);
            List<CheckpointStatus> statuses = reader.list();
            for (CheckpointStatus status : statuses) {
                assertTrue(status.valid(), "after kill " + kill + " (seed " + SEED + "): "
                        + status.problem().orElse(""));
            }
            Checkpoint latest = reader.latestValid().orElseThrow();
            assertTrue(latest.step() >= lastReported, "kill " + kill + " lost step " + lastReported
                    + "; newest valid is " + latest.step() + " (seed " + SEED + ")");
            assertArrayEquals(CheckpointWriterMain.checkpoint(latest.step()).entry("replay/buffer"),
                    latest.entry("replay/buffer"));
        }

        System.out.printf("CrashSafetyTest: %d kills, %d left a temporary directory, newest"
                + " reported save step %d (seed %d)%n", KILLS, killsMidWrite, lastReported, SEED);
        try (CheckpointStore writer = CheckpointStore.open(checkpoints, new CheckpointConfig(100, 2))) {
            try (Stream<Path> children = Files.list(checkpoints)) {
                assertFalse(children.anyMatch(p -> p.getFileName().toString().startsWith(".tmp-")),
                        "opening for writing deletes the temporaries a killed writer left");
            }
            assertEquals(lastReported > 0, writer.latestValid().isPresent());
        }
    }

    private static final String EOF = "\u0000eof";

    private static long savedStep(String line) {
        return line.startsWith("saved ") ? Long.parseLong(line.substring(6).trim()) : 0;
    }

    private Process startChild() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-Xmx128m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                CheckpointWriterMain.class.getName(), checkpoints.toString())
                .redirectErrorStream(true)
                .start();
    }

    /** Lines of the child's output, then {@link #EOF}, read on a daemon thread. */
    private static BlockingQueue<String> readLines(Process child) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("read error: " + e);
            }
            lines.add(EOF);
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }
}
