package org.netmoe.training.run;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Writes metrics against the global env step to {@code metrics.csv} (header {@code step,metric,value})
 * and {@code metrics.jsonl} in a run directory. Metric names are fixed, e.g.
 * {@code rollout/episode_return}, {@code rollout/episode_length}, {@code rollout/success},
 * {@code time/steps_per_second}, {@code eval/mean_return}, {@code eval/success_rate}.
 */
public final class MetricsWriter implements Closeable {
    /** The CSV file's name in the run directory. */
    public static final String CSV = "metrics.csv";
    /** The JSON-lines file's name in the run directory. */
    public static final String JSONL = "metrics.jsonl";
    private final Path runDir;
    private final BufferedWriter csv;
    private final BufferedWriter jsonl;

    /** Creates both files in {@code runDir}. */
    public MetricsWriter(Path runDir) throws IOException {
        this.runDir = runDir;
        this.csv = Files.newBufferedWriter(runDir.resolve(CSV), StandardCharsets.UTF_8);
        this.jsonl = Files.newBufferedWriter(runDir.resolve(JSONL), StandardCharsets.UTF_8);
        csv.write("step,metric,value\n");
    }

    private MetricsWriter(Path runDir, BufferedWriter csv, BufferedWriter jsonl) {
        this.runDir = runDir;
        this.csv = csv;
        this.jsonl = jsonl;
    }

    /**
     * Replaces both files in {@code runDir} with exactly {@code csvContent} and {@code jsonlContent}
     * (what a checkpoint recorded; rows written after it are dropped) and appends from there.
     */
    public static MetricsWriter resume(Path runDir, byte[] csvContent, byte[] jsonlContent) throws IOException {
        Files.write(runDir.resolve(CSV), csvContent);
        Files.write(runDir.resolve(JSONL), jsonlContent);
        return new MetricsWriter(runDir,
                Files.newBufferedWriter(runDir.resolve(CSV), StandardCharsets.UTF_8, StandardOpenOption.APPEND),
                Files.newBufferedWriter(runDir.resolve(JSONL), StandardCharsets.UTF_8, StandardOpenOption.APPEND));
    }

    /** Flushes and returns the bytes of {@code metrics.csv} (index 0) and {@code metrics.jsonl} (index 1). */
    public byte[][] contents() throws IOException {
        flush();
        return new byte[][] {Files.readAllBytes(runDir.resolve(CSV)), Files.readAllBytes(runDir.resolve(JSONL))};
    }

    /** Records {@code metric = value} at env step {@code step}. */
    public void record(long step, String metric, double value) {
        try {
            String v = format(value);
            csv.write(step + "," + metric + "," + v + "\n");
            jsonl.write("{\"step\":" + step + ",\"metric\":\"" + metric + "\",\"value\":"
                    + (Double.isFinite(value) ? v : "null") + "}\n");
        } catch (IOException e) {
            throw new UncheckedIOException("writing metrics", e);
        }
    }

    private static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.6g", value);
    }

    /** Forces buffered rows to disk. */
    public void flush() {
        try {
            csv.flush();
            jsonl.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing metrics", e);
        }
    }

    @Override
    public void close() throws IOException {
        csv.close();
        jsonl.close();
    }
}
