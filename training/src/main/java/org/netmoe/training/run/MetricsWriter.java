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
import java.util.Optional;
import org.netmoe.tensorboard.EventFileWriter;

/**
 * Writes metrics against the global env step to {@code metrics.csv} (header {@code step,metric,value}),
 * {@code metrics.jsonl} and a TensorBoard event file {@code tb/events.out.tfevents.netmoe} in a run
 * directory (the metric name is the scalar's tag, the env step its step), so
 * {@code tensorboard --logdir runs/} shows and compares runs. Metric names are fixed, e.g.
 * {@code rollout/episode_return}, {@code rollout/episode_length}, {@code rollout/success},
 * {@code time/steps_per_second}, {@code eval/mean_return}, {@code eval/success_rate}.
 */
public final class MetricsWriter implements Closeable {
    /** The CSV file's name in the run directory. */
    public static final String CSV = "metrics.csv";
    /** The JSON-lines file's name in the run directory. */
    public static final String JSONL = "metrics.jsonl";
    /** The folder of the TensorBoard event file in the run directory. */
    public static final String TENSORBOARD = "tb";
    private final Path runDir;
    private final BufferedWriter csv;
    private final BufferedWriter jsonl;
    private final EventFileWriter events;

    /** Creates the three files in {@code runDir}. */
    public MetricsWriter(Path runDir) throws IOException {
        this(runDir, Files.newBufferedWriter(runDir.resolve(CSV), StandardCharsets.UTF_8),
                Files.newBufferedWriter(runDir.resolve(JSONL), StandardCharsets.UTF_8),
                EventFileWriter.create(eventFile(runDir), EventFileWriter::systemClock));
        csv.write("step,metric,value\n");
    }

    private MetricsWriter(Path runDir, BufferedWriter csv, BufferedWriter jsonl, EventFileWriter events) {
        this.runDir = runDir;
        this.csv = csv;
        this.jsonl = jsonl;
        this.events = events;
    }

    /** The TensorBoard event file of the run in {@code runDir}. */
    public static Path eventFile(Path runDir) {
        return runDir.resolve(TENSORBOARD).resolve(EventFileWriter.FILE_NAME);
    }

    /**
     * Replaces the files in {@code runDir} with exactly {@code csvContent}, {@code jsonlContent} and
     * {@code eventsContent} (what a checkpoint recorded; rows written after it are dropped) and appends
     * from there, so TensorBoard's curves go on without a repeated or missing step. A checkpoint from
     * before NetMoE wrote TensorBoard files has no event bytes: the event file is then rebuilt from the
     * CSV rows (values at the CSV's six significant digits, wall time of the resume).
     */
    public static MetricsWriter resume(Path runDir, byte[] csvContent, byte[] jsonlContent,
                                       Optional<byte[]> eventsContent) throws IOException {
        Files.write(runDir.resolve(CSV), csvContent);
        Files.write(runDir.resolve(JSONL), jsonlContent);
        Path file = eventFile(runDir);
        EventFileWriter events = eventsContent.isPresent()
                ? EventFileWriter.resume(file, eventsContent.get(), EventFileWriter::systemClock)
                : rebuilt(file, csvContent);
        return new MetricsWriter(runDir,
                Files.newBufferedWriter(runDir.resolve(CSV), StandardCharsets.UTF_8, StandardOpenOption.APPEND),
                Files.newBufferedWriter(runDir.resolve(JSONL), StandardCharsets.UTF_8, StandardOpenOption.APPEND),
                events);
    }

    private static EventFileWriter rebuilt(Path file, byte[] csvContent) throws IOException {
        EventFileWriter events = EventFileWriter.create(file, EventFileWriter::systemClock);
        String[] lines = new String(csvContent, StandardCharsets.UTF_8).split("\n");
        for (int i = 1; i < lines.length; i++) { // line 0 is the header
            String[] f = lines[i].split(",");
            if (f.length == 3) {
                events.scalar(Long.parseLong(f[0]), f[1], Double.parseDouble(f[2]));
            }
        }
        return events;
    }

    /**
     * Flushes and returns the bytes of {@code metrics.csv} (index 0), {@code metrics.jsonl} (index 1)
     * and the TensorBoard event file (index 2).
     */
    public byte[][] contents() throws IOException {
        flush();
        return new byte[][] {Files.readAllBytes(runDir.resolve(CSV)), Files.readAllBytes(runDir.resolve(JSONL)),
                Files.readAllBytes(eventFile(runDir))};
    }

    /** Records {@code metric = value} at env step {@code step}. */
    public void record(long step, String metric, double value) {
        try {
            String v = format(value);
            csv.write(step + "," + metric + "," + v + "\n");
            jsonl.write("{\"step\":" + step + ",\"metric\":\"" + metric + "\",\"value\":"
                    + (Double.isFinite(value) ? v : "null") + "}\n");
            events.scalar(step, metric, value);
        } catch (IOException e) {
            throw new UncheckedIOException("writing metrics", e);
        }
    }

    /**
     * Records {@code text} (Markdown) under {@code tag} at {@code step} in the TensorBoard file only
     * (its text tab), e.g. the run's resolved configuration as {@code hparams/config}.
     */
    public void text(long step, String tag, String text) {
        try {
            events.text(step, tag, text);
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
            events.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing metrics", e);
        }
    }

    @Override
    public void close() throws IOException {
        try (events; jsonl) {
            csv.close();
        }
    }
}
