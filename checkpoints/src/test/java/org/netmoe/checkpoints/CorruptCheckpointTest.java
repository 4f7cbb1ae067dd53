package org.netmoe.checkpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each way a checkpoint can be damaged is rejected with a message naming what is wrong. */
class CorruptCheckpointTest {

    @TempDir
    Path checkpoints;

    enum Damage {
        FLIPPED_BYTE("entry 'dqn/online.params' fails its SHA-256 check") {
            @Override
            void apply(Path dir) throws IOException {
                try (RandomAccessFile file = new RandomAccessFile(
                        dir.resolve("entries/dqn/online.params").toFile(), "rw")) {
                    file.seek(500);
                    int b = file.read();
                    file.seek(500);
                    file.write(b ^ 0x10);
                }
            }
        },
        TRUNCATED_ENTRY("entry 'dqn/online.params' has 600 bytes, the manifest records 1000") {
            @Override
            void apply(Path dir) throws IOException {
                try (RandomAccessFile file = new RandomAccessFile(
                        dir.resolve("entries/dqn/online.params").toFile(), "rw")) {
                    file.setLength(600);
                }
            }
        },
        MISSING_ENTRY("entry 'rng/explore' is missing") {
            @Override
            void apply(Path dir) throws IOException {
                Files.delete(dir.resolve("entries/rng/explore"));
            }
        },
        CHANGED_CONFIG("file 'config.yaml' fails its SHA-256 check") {
            @Override
            void apply(Path dir) throws IOException {
                Files.writeString(dir.resolve("config.yaml"), "agent: ppo\nseed: 7\n");
            }
        },
        MISSING_MANIFEST("manifest.json is missing") {
            @Override
            void apply(Path dir) throws IOException {
                Files.delete(dir.resolve("manifest.json"));
            }
        },
        GARBLED_MANIFEST("manifest.json is not valid JSON") {
            @Override
            void apply(Path dir) throws IOException {
                byte[] json = Files.readAllBytes(dir.resolve("manifest.json"));
                Files.write(dir.resolve("manifest.json"), Arrays.copyOf(json, json.length / 2));
            }
        },
        FUTURE_VERSION("checkpoint format 3, this build reads up to 1") {
            @Override
            void apply(Path dir) throws IOException {
                Path manifest = dir.resolve("manifest.json");
                String json = Files.readString(manifest, StandardCharsets.UTF_8);
                Files.writeString(manifest, json.replace("\"formatVersion\" : 1",
                        "\"formatVersion\" : 3"));
            }
        },
        ESCAPING_ENTRY_NAME("entry name must be '/'-separated segments") {
            @Override
            void apply(Path dir) throws IOException {
                Path manifest = dir.resolve("manifest.json");
                String json = Files.readString(manifest, StandardCharsets.UTF_8);
                Files.writeString(manifest, json.replace("\"rng/explore\"", "\"../../explore\""));
            }
        };

        final String expected;

        Damage(String expected) {
            this.expected = expected;
        }

        abstract void apply(Path dir) throws IOException;
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void damagedCheckpointIsRejectedAndLatestValidFallsBack(Damage damage) throws IOException {
        try (CheckpointStore store = CheckpointStore.open(checkpoints, new CheckpointConfig(100, 3))) {
            store.save(CheckpointStoreTest.sample(100, 1.0));
            Path newest = store.save(CheckpointStoreTest.sample(200, 1.0));
            damage.apply(newest);

            InvalidCheckpointException e = assertThrows(InvalidCheckpointException.class,
                    () -> store.load(newest));
            assertTrue(e.getMessage().startsWith("checkpoint " + newest + ": "), e.getMessage());
            assertTrue(e.getMessage().contains(damage.expected), e.getMessage());
            assertEquals(newest, e.directory());

            assertEquals(100, store.latestValid().orElseThrow().step());
            List<CheckpointStatus> statuses = store.list();
            assertTrue(statuses.get(0).valid());
            assertFalse(statuses.get(1).valid());
            assertEquals(e.getMessage(), statuses.get(1).problem().orElseThrow());
            assertTrue(Files.isDirectory(newest), "an invalid checkpoint is never deleted");
        }
    }
}
