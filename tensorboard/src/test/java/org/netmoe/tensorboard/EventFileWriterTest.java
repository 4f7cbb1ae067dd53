package org.netmoe.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFileWriterTest {
    @TempDir
    Path dir;

    /** TFRecord's reference vector: the masked CRC-32C of "a" (0xc1d04330 before masking). */
    @Test
    void masksCrc32cAsTfRecordDoes() {
        int crc = 0xc1d04330;
        int masked = ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
        assertEquals(masked, EventFileWriter.maskedCrc(new byte[] {'a'}, 0, 1));
    }

    @Test
    void tensorBoardsReaderReadsEveryValueBack() throws Exception {
        Path file = dir.resolve("tb").resolve(EventFileWriter.FILE_NAME);
        AtomicInteger tick = new AtomicInteger();
        double[] values = {0.5, -1.25, 3.0e-7, 12345.678, Double.NaN};
        try (EventFileWriter w = EventFileWriter.create(file, () -> 1000 + tick.getAndIncrement())) {
            w.text(0, "hparams/config", "```yaml\nagent: dqn\n```");
            for (int i = 0; i < values.length; i++) {
                w.scalar(10L * i, "rollout/episode_return", values[i]);
                w.scalar(10L * i, "eval/success_rate", i / 4.0);
            }
            w.scalar(5_000_000_000L, "time/steps_per_second", 2900.5);
        }
        JsonNode read = TensorBoardReader.read(file, dir);
        JsonNode records = read.get("records");
        assertEquals("brain.Event:2", records.get(0).get("file_version").asText());
        assertEquals(1000.0, records.get(0).get("wall_time").asDouble());
        assertEquals(2 + 2 * values.length + 1, records.size());
        JsonNode returns = read.get("scalars").get("rollout/episode_return");
        assertEquals(values.length, returns.size());
        for (int i = 0; i < values.length; i++) {
            assertEquals(10L * i, returns.get(i).get(0).asLong());
            float expected = (float) values[i];
            JsonNode v = returns.get(i).get(1);
            if (Float.isNaN(expected)) {
                assertTrue(v.isNull() || "NaN".equals(v.asText()) || Double.isNaN(v.asDouble()), v.toString());
            } else {
                assertEquals(expected, (float) v.asDouble());
            }
        }
        JsonNode success = read.get("scalars").get("eval/success_rate");
        for (int i = 0; i < values.length; i++) {
            assertEquals(i / 4.0, success.get(i).get(1).asDouble());
        }
        assertEquals(5_000_000_000L, read.get("scalars").get("time/steps_per_second").get(0).get(0).asLong());
        assertEquals(2900.5, read.get("scalars").get("time/steps_per_second").get(0).get(1).asDouble());
        JsonNode text = read.get("texts").get("hparams/config");
        assertEquals("```yaml\nagent: dqn\n```", text.get(0).get(1).asText());
        assertEquals("text", records.get(1).get("values").get(0).get("plugin").asText());
    }

    @Test
    void aCorruptRecordIsRejectedByTensorBoardsReader() throws Exception {
        Path file = dir.resolve(EventFileWriter.FILE_NAME);
        try (EventFileWriter w = EventFileWriter.create(file, () -> 1.0)) {
            w.scalar(1, "a", 1.0);
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 6] ^= 0x01; // inside the second record's payload
        Files.write(file, bytes);
        JsonNode read = TensorBoardReader.read(file, dir);
        // The reader stops at the record whose CRC does not match: only the file-version record is left.
        assertEquals(1, read.get("records").size());
    }

    @Test
    void resumeReplacesTheContentAndAppends() throws Exception {
        Path file = dir.resolve(EventFileWriter.FILE_NAME);
        byte[] atCheckpoint;
        try (EventFileWriter w = EventFileWriter.create(file, () -> 1.0)) {
            w.scalar(1, "a", 1.0);
            w.flush();
            atCheckpoint = Files.readAllBytes(file);
            w.scalar(2, "a", 2.0); // written after the checkpoint: dropped by the resume
        }
        try (EventFileWriter w = EventFileWriter.resume(file, atCheckpoint, () -> 2.0)) {
            w.scalar(2, "a", 20.0);
        }
        JsonNode a = TensorBoardReader.read(file, dir).get("scalars").get("a");
        assertEquals(2, a.size());
        assertEquals(20.0, a.get(1).get(1).asDouble());
    }
}
