package org.netmoe.training.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.netmoe.training.config.ConfigException;

/**
 * A run directory: {@code config.yaml} (the resolved config), {@code provenance.yaml},
 * {@code train.log}, {@code metrics.csv}/{@code metrics.jsonl}, and what the agent saves
 * (its policy).
 *
 * <p>NetMoE marks each run directory it creates with {@value #MARKER}, which also records the
 * entries NetMoE wrote there when the command ends, and empties only a directory it may (see
 * {@link RunOwnership}): never one without the marker, never one holding entries NetMoE did not
 * write, never the root, home or working directory. While a command works in a run directory it
 * holds an OS lock on {@value #LOCK} in it (released by {@link #close()}, or by the OS when the
 * process dies), so a second command there fails with one line instead of racing the first.
 */
public final class RunDirectory implements AutoCloseable {
    /** The marker file of a directory NetMoE created as a run directory. */
    public static final String MARKER = ".netmoe-run";
    /** The file a command locks while it works in the run directory; holds the process id. */
    public static final String LOCK = ".netmoe-lock";

    /** Numbers the {@code train.log} appenders of this JVM, so that each has its own name. */
    private static final AtomicLong APPENDERS = new AtomicLong();
    /** The appender of {@link #attachLog}, removed by {@link #close}; null when not attached. */
    private FileAppender logAppender;
    private final Path dir;
    private final FileChannel lockChannel;
    private final List<String> entriesAtOpen;

    private RunDirectory(Path dir, FileChannel lockChannel) throws IOException {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.entriesAtOpen = RunOwnership.names(dir);
    }

    /**
     * Creates {@code dir} as a marked run directory and locks it; an existing empty directory is
     * taken as it is, and an existing non-empty one is emptied with {@code overwrite} when NetMoE
     * may (see {@link RunOwnership}).
     *
     * @throws ConfigException if {@code dir} is not a directory, is not empty and {@code overwrite}
     *                         is false, may not be emptied, or is in use by another command
     */
    public static RunDirectory create(Path dir, boolean overwrite) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ConfigException("--run-dir " + dir + " exists and is not a directory");
        }
        if (Files.isDirectory(dir) && !RunOwnership.names(dir).isEmpty()) {
            if (!overwrite) {
                throw new ConfigException("run directory " + dir + " already exists and is not empty; choose another"
                        + " --run-dir" + (Files.isRegularFile(dir.resolve(MARKER)) ? " or pass --overwrite" : ""));
            }
            Path real = dir.toRealPath();
            Optional<String> forbidden = RunOwnership.protectedLocation(real, Path.of(""),
                    Path.of(System.getProperty("user.home")));
            if (forbidden.isPresent()) {
                throw refusal(dir, forbidden.get(), "choose a run directory of its own, e.g. runs/NAME");
            }
            // A marked directory is locked before it is judged: a running command's entries are not recorded yet.
            FileChannel lock = Files.isRegularFile(real.resolve(MARKER)) ? lock(dir) : null;
            try {
                Optional<String> notOwned = RunOwnership.notOwned(real);
                if (notOwned.isPresent()) {
                    throw refusal(dir, notOwned.get(), Files.isRegularFile(real.resolve(MARKER))
                            ? "move them out or choose another --run-dir" : "choose another --run-dir");
                }
                if (lock == null) {
                    lock = lock(dir);
                }
                deleteContentsButLock(real);
                RunMarker.fresh().write(dir);
                return new RunDirectory(dir, lock);
            } catch (IOException | RuntimeException e) {
                if (lock != null) {
                    lock.close();
                }
                throw e;
            }
        }
        Files.createDirectories(dir);
        FileChannel lock = lock(dir);
        try {
            RunMarker.fresh().write(dir);
            return new RunDirectory(dir, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * An existing run directory (marked, or with a {@code config.yaml} from an older NetMoE), to
     * continue a run in, locked.
     *
     * @throws ConfigException if {@code dir} is not a run directory or is in use by another command
     */
    public static RunDirectory existing(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("--run-dir " + dir + " is not a run directory (it does not exist)");
        }
        if (!Files.isRegularFile(dir.resolve(MARKER)) && !Files.isRegularFile(dir.resolve("config.yaml"))) {
            throw new ConfigException("--run-dir " + dir + " is not a run directory (it has neither " + MARKER
                    + " nor config.yaml)");
        }
        FileChannel lock = lock(dir);
        try {
            return new RunDirectory(dir, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static ConfigException refusal(Path dir, String why, String whatToDo) {
        return new ConfigException("will not empty " + dir + " for --overwrite: " + why + "; " + whatToDo);
    }

    /**
     * Locks {@code dir}'s {@value #LOCK} for this process and writes its pid there.
     *
     * @throws ConfigException if another command (in this or another process) holds the lock
     */
    private static FileChannel lock(Path dir) throws IOException {
        Path file = dir.resolve(LOCK);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another command of this JVM (an in-process sweep task, a test)
        }
        if (lock == null) {
            channel.close();
            String pid;
            try {
                pid = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                pid = "";
            }
            throw new ConfigException("run directory " + dir + " is in use by another netmoe process"
                    + (pid.isEmpty() ? "" : " (pid " + pid + ")") + "; wait for it to end or choose another --run-dir");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        return channel;
    }

    private static void deleteContentsButLock(Path dir) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.walk(dir)) {
            all = s.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            if (!p.equals(dir) && !p.equals(dir.resolve(LOCK))) {
                Files.delete(p);
            }
        }
    }

    /**
     * Records in the marker the entries this command added to the directory (entries a user put
     * there before it started stay unrecorded) and releases the lock. A directory without a marker
     * (made by an older NetMoE) gets none.
     */
    @Override
    public void close() throws IOException {
        detachLog();
        try (lockChannel) {
            Optional<RunMarker> marker = RunMarker.read(dir);
            if (marker.isPresent() && Files.isDirectory(dir)) {
                List<String> added = new ArrayList<>(RunOwnership.names(dir));
                added.removeAll(entriesAtOpen);
                marker.get().withEntries(added).write(dir);
            }
        }
    }

    public Path path() {
        return dir;
    }

    /** Writes {@code name} with {@code text}. */
    public void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    /**
     * Sends this thread's log (INFO and above) to {@code train.log} in the run directory too, until
     * {@link #close}. Each run directory has its own appender that takes only the events of the thread
     * that attached it, so commands run one after another in one JVM (tests) or side by side (a sweep's
     * tasks in one executor) each log into their own {@code train.log}.
     */
    public void attachLog() {
        if (logAppender != null) {
            return;
        }
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        PatternLayout layout = PatternLayout.newBuilder().withConfiguration(config)
                .withPattern("%d{ISO8601} %-5level %c{1} - %msg%n").build();
        long thread = Thread.currentThread().getId();
        Filter onlyThisThread = new AbstractFilter(Filter.Result.NEUTRAL, Filter.Result.DENY) {
            @Override
            public Filter.Result filter(LogEvent event) {
                return event.getThreadId() == thread ? onMatch : onMismatch;
            }
        };
        FileAppender appender = FileAppender.newBuilder().setName("run-log-" + APPENDERS.incrementAndGet())
                .withFileName(dir.resolve("train.log").toString()).setLayout(layout).setFilter(onlyThisThread)
                .setConfiguration(config).build();
        appender.start();
        config.addAppender(appender);
        config.getRootLogger().addAppender(appender, Level.INFO, null);
        ctx.updateLoggers();
        logAppender = appender;
    }

    private void detachLog() {
        if (logAppender == null) {
            return;
        }
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        config.getRootLogger().removeAppender(logAppender.getName());
        config.getAppenders().remove(logAppender.getName());
        ctx.updateLoggers();
        logAppender.stop();
        logAppender = null;
    }
}
