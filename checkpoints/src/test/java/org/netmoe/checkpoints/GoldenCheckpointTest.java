package org.netmoe.checkpoints;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** A format-1 checkpoint written by the first release stays readable (a golden file, as in Tribuo). */
class GoldenCheckpointTest {

    private static Path goldenRoot() throws URISyntaxException {
        return Path.of(GoldenCheckpointTest.class.getResource("/golden/format-1").toURI());
    }

    @Test
    void readsTheFormat1GoldenCheckpoint() throws IOException, URISyntaxException {
        CheckpointStore store = CheckpointStore.readOnly(goldenRoot());
        Checkpoint golden = store.latestValid().orElseThrow();

        assertEquals(1, golden.formatVersion());
        assertEquals(42, golden.step());
        assertEquals(Instant.parse("2026-11-22T20:20:40.768709936Z"), golden.createdAt());
        assertEquals(OptionalDouble.of(-1.5), golden.score());
        assertEquals(Map.of("episodes", 3L, "updates", 10L), golden.counters());
        assertEquals(Map.of("agent", "dqn"), golden.metadata());
        assertEquals("agent: dqn\nseed: 7\n", golden.config());
        assertArrayEquals("online-params-v1".getBytes(StandardCharsets.UTF_8),
                golden.entry("dqn/online.params"));
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 255}, golden.entry("rng/explore"));
        assertEquals("388d2dd3c7191616f01fa8695c5cf1de75508bf05724066976b1ef54b68fa200",
                Checkpoints.sha256Hex(golden.entry("dqn/online.params")));
        assertEquals(List.of(new CheckpointStatus(goldenRoot().resolve("step-000000000042"), 42,
                Optional.empty())), store.list());
    }
}
