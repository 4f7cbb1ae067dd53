package org.netmoe.training.run;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.netmoe.agents.loop.RunPlan;
import org.netmoe.checkpoints.Checkpoint;
import org.netmoe.checkpoints.CheckpointConfig;
import org.netmoe.checkpoints.CheckpointStore;

/**
 * Where a training run's checkpoints go and where a resumed run starts. A checkpoint holds the
 * agent's entries (added by the trainer), the resolved config, the agent id, and the metrics
 * written so far ({@code metrics/metrics.csv.deflate}, {@code metrics/metrics.jsonl.deflate},
 * {@code metrics/tfevents.deflate}: the files, flushed and compressed), so a resumed run rewrites them
 * to exactly that content and appends: no row or TensorBoard event is lost or repeated.
 */
public final class RunCheckpointer {
    private static final Logger LOG = LogManager.getLogger(RunCheckpointer.class);
    private static final String CSV_ENTRY = "metrics/metrics.csv.deflate";
    private static final String JSONL_ENTRY = "metrics/metrics.jsonl.deflate";
    private static final String EVENTS_ENTRY = "metrics/tfevents.deflate";

    /** Where checkpoints go and what each one records besides the agent's entries; null when disabled. */
    private final Target target;
    private final Checkpoint from;
    private final long stopAt;

    private RunCheckpointer(Target target, Checkpoint from, long stopAt) {
        this.target = target;
        this.from = from;
        this.stopAt = stopAt;
    }

    /** No checkpoints: a run that goes to its end (benchmarks, agents that cannot be checkpointed). */
    public static RunCheckpointer disabled() {
        return new RunCheckpointer(null, null, Long.MAX_VALUE);
    }

    /**
     * Checkpoints into {@code store} when {@code every} says so and at {@code stopAt}, continuing
     * from {@code from} when present.
     */
    public static RunCheckpointer of(CheckpointStore store, CheckpointConfig every, String resolvedConfig,
                                     String agentId, MetricsWriter metrics, Optional<Checkpoint> from, long stopAt) {
        return new RunCheckpointer(new Target(store, every, resolvedConfig, agentId, metrics), from.orElse(null),
                stopAt);
    }

    /** The checkpoint the run continues from; empty for a fresh run. */
    public Optional<Checkpoint> resumeFrom() {
        return Optional.ofNullable(from);
    }

    /**
     * The plan of a run of {@code totalSteps}: pause at {@code --until}, and at each checkpoint add
     * the agent's entries and counters through {@code agentState}.
     */
    public RunPlan plan(long totalSteps, Consumer<Checkpoint.Builder> agentState) {
        long stop = Math.min(stopAt, totalSteps);
        if (target == null) {
            return new RunPlan(totalSteps, stop, Optional.empty(), null);
        }
        return new RunPlan(totalSteps, stop, Optional.of(target.every), step -> target.save(step, agentState));
    }

    /**
     * An enabled checkpointer's store and schedule, and what every checkpoint records besides the
     * agent's entries: the resolved config, the agent id, the NetMoE version and the metrics so far.
     */
    private record Target(CheckpointStore store, CheckpointConfig every, String config, String agentId,
                          MetricsWriter metrics) {
        void save(long step, Consumer<Checkpoint.Builder> agentState) {
            try {
                Checkpoint.Builder b = Checkpoint.builder(step).config(config).metadata("agent", agentId)
                        .metadata("netmoe", RunProvenance.version());
                agentState.accept(b);
                byte[][] files = metrics.contents();
                b.entry(CSV_ENTRY, deflate(files[0]));
                b.entry(JSONL_ENTRY, deflate(files[1]));
                b.entry(EVENTS_ENTRY, deflate(files[2]));
                Path dir = store.save(b.build());
                LOG.info("checkpoint at step {}: {}", step, dir);
            } catch (IOException e) {
                throw new UncheckedIOException("saving the checkpoint at step " + step + " in " + store.directory(), e);
            }
        }
    }

    /** The {@code metrics.csv} and {@code metrics.jsonl} contents recorded in {@code c}. */
    public static byte[][] metrics(Checkpoint c) {
        return new byte[][] {inflate(c, CSV_ENTRY), inflate(c, JSONL_ENTRY)};
    }

    /**
     * The TensorBoard event file recorded in {@code c}; empty for a checkpoint written before NetMoE
     * wrote TensorBoard files.
     */
    public static Optional<byte[]> events(Checkpoint c) {
        return c.entryNames().contains(EVENTS_ENTRY) ? Optional.of(inflate(c, EVENTS_ENTRY)) : Optional.empty();
    }

    private static byte[] deflate(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
            z.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] inflate(Checkpoint c, String name) {
        try (InflaterInputStream z = new InflaterInputStream(new ByteArrayInputStream(c.entry(name)))) {
            return z.readAllBytes();
        } catch (IOException e) {
            throw new IllegalArgumentException("checkpoint entry '" + name + "' is not valid deflate data: "
                    + e.getMessage(), e);
        }
    }
}
