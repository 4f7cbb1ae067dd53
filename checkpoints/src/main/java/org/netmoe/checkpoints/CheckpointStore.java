package org.netmoe.checkpoints;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The checkpoints of one run, in its {@code checkpoints/} directory. The layout is described in
 * the {@linkplain org.netmoe.checkpoints package documentation}.
 *
 * <p>A store {@link #open opened} for writing holds an exclusive lock on {@code .lock} (one writer
 * per run; the OS drops the lock when the process dies) and deletes the temporary directories a
 * crashed writer left behind. A {@link #readOnly read-only} store (for {@code inspect} or
 * {@code resume}'s look-up) takes no lock and changes nothing. Checkpoints are only ever read with
 * full verification; one that fails is reported and skipped, never deleted. A store is used by one
 * thread. The lock is a {@link WriterLock}, the choice of what to keep a {@link Retention}.
 */
public final class CheckpointStore implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CheckpointStore.class.getName());
    private static final String TEMP_PREFIX = ".tmp-";

    private final Path directory;
    private final WriterLock lock;
    private final Retention retention;
    private long temporaries;

    private CheckpointStore(Path directory, WriterLock lock, Retention retention) {
        this.directory = directory;
        this.lock = lock;
        this.retention = retention;
    }

    /**
     * Opens {@code checkpointsDir} (created if absent) for writing with the given retention, and
     * deletes temporary directories left by an interrupted write.
     *
     * @throws IllegalStateException if another store (in this or another process) has it open
     * @throws IOException           if the directory cannot be created, locked or cleaned
     */
    public static CheckpointStore open(Path checkpointsDir, CheckpointConfig config)
            throws IOException {
        Files.createDirectories(checkpointsDir);
        CheckpointStore store = new CheckpointStore(checkpointsDir, WriterLock.acquire(checkpointsDir),
                new Retention(config.keep()));
        try {
            store.deleteTemporaries();
        } catch (IOException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /** A store that lists and loads the checkpoints of {@code checkpointsDir} without writing. */
    public static CheckpointStore readOnly(Path checkpointsDir) {
        return new CheckpointStore(checkpointsDir, null, null);
    }

    /** The {@code checkpoints/} directory. */
    public Path directory() {
        return directory;
    }

    /**
     * Writes {@code checkpoint} atomically as {@code step-<step>}, then applies retention.
     *
     * <p>Every file goes into a temporary directory {@code .tmp-<step>-<pid>-<n>} and is fsynced,
     * the directory tree is fsynced, and only then is it renamed to {@code step-<step>} and the
     * parent fsynced. A crash at any point leaves the previous checkpoints plus either nothing or
     * the complete new one under a final name. An existing valid directory of the same step is
     * replaced (a resumed run writing a step again); an existing one that fails verification is
     * first renamed to {@link #asideName(Path) <name>.bad-<n>} and kept for inspection. Retention then keeps the {@link CheckpointConfig#keep()}
     * valid checkpoints of highest step plus the valid one of highest score, deleting other valid
     * ones by first renaming them to a temporary name; checkpoints that fail verification are kept
     * for inspection. A writer verifies each existing checkpoint once and remembers the result
     * (the ones it wrote itself count as valid), so each save reads only the new checkpoint.
     *
     * @return the new checkpoint's directory
     * @throws IllegalStateException for a read-only or closed store
     */
    public Path save(Checkpoint checkpoint) throws IOException {
        requireWritable();
        deleteTemporaries();
        String name = CheckpointFiles.directoryName(checkpoint.step());
        Path temporary = temporary(checkpoint.step());
        try {
            CheckpointFiles.write(checkpoint, temporary);
        } catch (IOException | RuntimeException e) {
            try {
                DurableFiles.deleteTree(temporary);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new IOException("writing checkpoint of step " + checkpoint.step() + " into "
                    + temporary, e);
        }
        Path target = directory.resolve(name);
        Path replaced = null;
        if (Files.exists(target) && isValid(target)) {
            LOG.log(Level.WARNING, "replacing existing checkpoint {0}", target);
            replaced = moveAside(target);
        } else if (Files.exists(target)) {
            // A damaged checkpoint that resume skipped: never overwrite it, it is evidence.
            Path bad = asideName(target);
            Files.move(target, bad, StandardCopyOption.ATOMIC_MOVE);
            DurableFiles.syncDirectory(directory);
            LOG.log(Level.WARNING, "moved invalid checkpoint {0} to {1} for inspection before writing step {2}"
                    + " again", target, bad, Long.toString(checkpoint.step()));
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        DurableFiles.syncDirectory(directory);
        if (replaced != null) {
            DurableFiles.deleteTree(replaced);
        }
        retention.remember(name, CheckpointFiles.readManifest(target));
        for (Path dir : retention.discarded(checkpointDirectories(), target)) {
            DurableFiles.deleteTree(moveAside(dir));
        }
        return target;
    }

    /**
     * Where {@link #save} moves the invalid checkpoint {@code dir} before writing its step again:
     * {@code <dir>.bad-<n>} with the smallest {@code n >= 1} not taken. Such a directory is never
     * listed, loaded, retained or deleted by a store.
     */
    public static Path asideName(Path dir) {
        for (int n = 1; ; n++) {
            Path bad = dir.resolveSibling(dir.getFileName() + ".bad-" + n);
            if (!Files.exists(bad)) {
                return bad;
            }
        }
    }

    /** Every {@code step-<n>} directory, by increasing step, each fully verified. */
    public List<CheckpointStatus> list() throws IOException {
        List<CheckpointStatus> statuses = new ArrayList<>();
        for (Path dir : checkpointDirectories()) {
            long step = CheckpointFiles.stepOf(dir).orElseThrow();
            try {
                CheckpointFiles.verify(dir);
                statuses.add(new CheckpointStatus(dir, step, Optional.empty()));
            } catch (IOException e) {
                statuses.add(new CheckpointStatus(dir, step, Optional.of(e.getMessage())));
            }
        }
        return statuses;
    }

    /**
     * The checkpoint of highest step that verifies, loaded; each newer one that fails is logged
     * (WARNING, with the reason) and skipped, and left on disk. Empty when none verifies.
     */
    public Optional<Checkpoint> latestValid() throws IOException {
        List<Path> dirs = checkpointDirectories();
        for (int i = dirs.size() - 1; i >= 0; i--) {
            try {
                return Optional.of(CheckpointFiles.read(dirs.get(i)));
            } catch (IOException e) {
                LOG.log(Level.WARNING, "skipping {0}", e.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * Loads the checkpoint in {@code dir} (relative paths are resolved against
     * {@link #directory()}), verifying the manifest, the format version and the size and SHA-256
     * of every file.
     *
     * @throws InvalidCheckpointException naming the directory, and the entry at fault, when the
     *                                    checkpoint does not verify
     */
    public Checkpoint load(Path dir) throws IOException {
        return CheckpointFiles.read(directory.resolve(dir));
    }

    /** Releases the writer's lock; a read-only store has nothing to release. */
    @Override
    public void close() throws IOException {
        if (lock != null) {
            lock.close();
        }
    }

    private void requireWritable() {
        if (lock == null) {
            throw new IllegalStateException("checkpoint store " + directory + " is read-only");
        }
        if (!lock.isOpen()) {
            throw new IllegalStateException("checkpoint store " + directory + " is closed");
        }
    }

    private static boolean isValid(Path dir) {
        try {
            CheckpointFiles.verify(dir);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Renames a final directory to a temporary name, so that it stops being visible at once. */
    private Path moveAside(Path dir) throws IOException {
        Path aside = temporary(CheckpointFiles.stepOf(dir).orElseThrow());
        Files.move(dir, aside, StandardCopyOption.ATOMIC_MOVE);
        DurableFiles.syncDirectory(directory);
        return aside;
    }

    private Path temporary(long step) {
        return directory.resolve(TEMP_PREFIX + step + "-" + ProcessHandle.current().pid() + "-"
                + temporaries++);
    }

    private void deleteTemporaries() throws IOException {
        try (Stream<Path> children = Files.list(directory)) {
            for (Path child : children.filter(p -> p.getFileName().toString().startsWith(TEMP_PREFIX))
                    .toList()) {
                LOG.log(Level.INFO, "deleting {0}, left by an interrupted checkpoint write", child);
                DurableFiles.deleteTree(child);
            }
        }
    }

    private List<Path> checkpointDirectories() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(directory)) {
            return children.filter(p -> CheckpointFiles.stepOf(p).isPresent() && Files.isDirectory(p))
                    .sorted(Comparator.comparingLong((Path p) -> CheckpointFiles.stepOf(p).orElseThrow())
                            .thenComparing(Path::toString))
                    .toList();
        }
    }
}
