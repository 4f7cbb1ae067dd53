package org.netmoe.checkpoints;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Child process of {@link CrashSafetyTest}: resumes after the newest valid checkpoint in
 * {@code args[0]} and saves a checkpoint every iteration until it is killed, printing
 * {@code ready} once the store is open and {@code saved <step>} after each save returns.
 */
public final class CheckpointWriterMain {

    static final long EVERY = 100;
    static final int KEEP = 2;
    static final int ENTRY_BYTES = 256 * 1024;

    private CheckpointWriterMain() {
    }

    public static void main(String[] args) throws IOException {
        try (CheckpointStore store = CheckpointStore.open(Path.of(args[0]),
                new CheckpointConfig(EVERY, KEEP))) {
            long step = store.latestValid().map(Checkpoint::step).orElse(0L);
            System.out.println("ready");
            System.out.flush();
            while (true) {
                step += EVERY;
                store.save(checkpoint(step));
                System.out.println("saved " + step);
                System.out.flush();
            }
        }
    }

    static Checkpoint checkpoint(long step) {
        return Checkpoint.builder(step)
                .counter("episodes", step / 10)
                .config("every: " + EVERY + "\n")
                .entry("net/online.params", CheckpointStoreTest.bytes(step, ENTRY_BYTES))
                .entry("net/target.params", CheckpointStoreTest.bytes(step + 1, ENTRY_BYTES))
                .entry("replay/buffer", CheckpointStoreTest.bytes(step + 2, 2 * ENTRY_BYTES))
                .entry("rng", CheckpointStoreTest.bytes(step + 3, 64))
                .build();
    }
}
