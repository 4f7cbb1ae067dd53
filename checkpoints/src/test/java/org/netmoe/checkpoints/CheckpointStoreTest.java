package org.netmoe.checkpoints;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {

    @TempDir
    Path runDir;

    private Path checkpoints() {
        return runDir.resolve("checkpoints");
    }

    static Checkpoint sample(long step, double score) {
        return Checkpoint.builder(step)
                .counter("episodes", step / 10)
                .counter("updates", step / 4)
                .score(score)
                .config("agent: dqn\nseed: 7\n")
                .metadata("agent", "dqn")
                .entry("dqn/online.params", bytes(step, 1000))
                .entry("dqn/target.params", bytes(step + 1, 1000))
                .entry("rng/explore", bytes(step + 2, 16))
                .entry("empty", new byte[0])
                .build();
    }

    static byte[] bytes(long seed, int length) {
        byte[] bytes = new byte[length];
        long x = seed * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            bytes[i] = (byte) x;
        }
        return bytes;
    }

    private List<Long> steps(CheckpointStore store) throws IOException {
        return store.list().stream().map(CheckpointStatus::step).toList();
    }

    @Test
    void roundTripKeepsEntriesCountersConfigScoreAndMetadata() throws IOException {
        Checkpoint saved = sample(1200, 3.25);
        try (CheckpointStore store = CheckpointStore.open(checkpoints(), CheckpointConfig.defaults())) {
            Path dir = store.save(saved);
            assertEquals(checkpoints().resolve("step-000000001200"), dir);

            Checkpoint loaded = store.load(dir);
            assertEquals(Checkpoint.CURRENT_FORMAT, loaded.formatVersion());
            assertEquals(1200, loaded.step());
            assertEquals(saved.createdAt(), loaded.createdAt());
            assertEquals(OptionalDouble.of(3.25), loaded.score());
            assertEquals(Map.of("episodes", 120L, "updates", 300L), loaded.counters());
            assertEquals(120, loaded.counter("episodes"));
            assertEquals(Map.of("agent", "dqn"), loaded.metadata());
            assertEquals("agent: dqn\nseed: 7\n", loaded.config());
            assertEquals(saved.entryNames(), loaded.entryNames());
            for (String name : saved.entryNames()) {
                assertArrayEquals(saved.entry(name), loaded.entry(name), name);
            }
            assertEquals(dir, loaded.directory().orElseThrow());
            assertArrayEquals(saved.entry("dqn/online.params"),
                    Files.readAllBytes(dir.resolve("entries/dqn/online.params")));
        }
    }

    @Test
    void missingEntryOfALoadedCheckpointNamesTheDirectory() throws IOException {
        try (CheckpointStore store = CheckpointStore.open(checkpoints(), CheckpointConfig.defaults())) {
            Checkpoint loaded = store.load(store.save(sample(5, 0)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loaded.entry("ppo/actor.params"));
            assertTrue(e.getMessage().startsWith("checkpoint " + checkpoints().resolve(
                    "step-000000000005") + " has no entry 'ppo/actor.params'"), e.getMessage());
        }
    }

    @Test
    void aCheckpointWithoutScoreOrEntriesRoundTrips() throws IOException {
        try (CheckpointStore store = CheckpointStore.open(checkpoints(), CheckpointConfig.defaults())) {
            Checkpoint loaded = store.load(store.save(Checkpoint.builder(0).build()));
            assertTrue(loaded.score().isEmpty());
            assertTrue(loaded.entryNames().isEmpty());
            assertEquals("", loaded.config());
        }
    }

    @Test
    void retentionKeepsTheLastKAndTheBest() throws IOException {
        try (CheckpointStore store = CheckpointStore.open(checkpoints(), new CheckpointConfig(100, 2))) {
            store.save(sample(100, 1.0));
            store.save(sample(200, 9.0)); // the best
            store.save(sample(300, 2.0));
            store.save(sample(400, 3.0));
            store.save(sample(500, 4.0));
            assertEquals(List.of(200L, 400L, 500L), steps(store));
            store.save(sample(600, 9.5)); // a new best: 200 is now just old
            assertEquals(List.of(500L, 600L), steps(store));
            assertTrue(store.list().stream().allMatch(CheckpointStatus::valid));
        }
    }

    @Test
    void retentionNeverDeletesAnInvalidCheckpoint() throws IOException {
        try (CheckpointStore store = CheckpointStore.open(checkpoints(), new CheckpointConfig(100, 1))) {
            Path broken = store.save(sample(100, 0));
            Files.delete(broken.resolve("entries/rng/explore"));
        }
        // the next writer finds it invalid, keeps it for inspection and lists it as invalid
        try (CheckpointStore store = CheckpointStore.open(checkpoints(), new CheckpointConfig(100, 1))) {
            store.save(sample(200, 0));
            store.save(sample(300, 0));
            assertEquals(List.of(100L, 300L), steps(store));
            assertFalse(store.list().get(0).valid());
        }
    }

    @Test
    void savingAStepAgainReplacesIt() throws IOException {
        try (CheckpointStore store = CheckpointStore.open(checkpoints(), CheckpointConfig.defaults())) {
            Path dir = store.save(sample(100, 1.0));
            Files.write(dir.resolve("entries/empty"), new byte[] {1}); // corrupt the first copy
            store.save(sample(100, 2.0));
            assertEquals(OptionalDouble.of(2.0), store.load(dir).score());
            assertEquals(List.of(100L), steps(store));
        }
    }

    @Test
    void aSecondWriterIsRefusedWhileTheFirstIsOpen() throws IOException {
        try (CheckpointStore store = CheckpointStore.open(checkpoints(), CheckpointConfig.defaults())) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> CheckpointStore.open(checkpoints(), CheckpointConfig.defaults()));
            assertTrue(e.getMessage().contains("already open for writing"), e.getMessage());
        }
        CheckpointStore.open(checkpoints(), CheckpointConfig.defaults()).close();
    }

    @Test
    void aReadOnlyStoreListsAndLoadsButCannotSave() throws IOException {
        try (CheckpointStore store = CheckpointStore.open(checkpoints(), CheckpointConfig.defaults())) {
            store.save(sample(100, 1.0));
            // a reader (inspect) may look while the writer holds the lock
            CheckpointStore reader = CheckpointStore.readOnly(checkpoints());
            assertEquals(100, reader.latestValid().orElseThrow().step());
            assertThrows(IllegalStateException.class, () -> reader.save(sample(200, 0)));
        }
        assertTrue(CheckpointStore.readOnly(runDir.resolve("absent")).list().isEmpty());
        assertTrue(CheckpointStore.readOnly(runDir.resolve("absent")).latestValid().isEmpty());
    }

    @Test
    void aClosedStoreCannotSave() throws IOException {
        CheckpointStore store = CheckpointStore.open(checkpoints(), CheckpointConfig.defaults());
        store.close();
        assertThrows(IllegalStateException.class, () -> store.save(sample(1, 0)));
    }

    @Test
    void aLeftoverTemporaryDirectoryIsIgnoredAndCleanedOnOpen() throws IOException {
        try (CheckpointStore store = CheckpointStore.open(checkpoints(), CheckpointConfig.defaults())) {
            store.save(sample(100, 1.0));
        }
        // a writer killed mid-write leaves a temporary directory with part of the files
        Path leftover = checkpoints().resolve(".tmp-200-4242-0");
        Files.createDirectories(leftover.resolve("entries/dqn"));
        Files.write(leftover.resolve("entries/dqn/online.params"), new byte[10]);
        Files.writeString(leftover.resolve("config.yaml"), "agent: dqn\n", StandardCharsets.UTF_8);

        CheckpointStore reader = CheckpointStore.readOnly(checkpoints());
        assertEquals(List.of(100L), steps(reader));
        assertEquals(100, reader.latestValid().orElseThrow().step());
        assertTrue(Files.exists(leftover), "a reader must not delete a writer's files");

        try (CheckpointStore store = CheckpointStore.open(checkpoints(), CheckpointConfig.defaults())) {
            assertFalse(Files.exists(leftover));
            store.save(sample(200, 1.0));
            assertEquals(List.of(100L, 200L), steps(store));
        }
        try (Stream<Path> children = Files.list(checkpoints())) {
            assertEquals(List.of(".lock", "step-000000000100", "step-000000000200"),
                    children.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
