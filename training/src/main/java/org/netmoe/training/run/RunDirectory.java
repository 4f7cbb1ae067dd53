package org.netmoe.training.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.netmoe.training.config.ConfigException;

/**
 * A run directory: {@code config.yaml} (the resolved config), {@code provenance.yaml},
 * {@code train.log}, {@code metrics.csv}/{@code metrics.jsonl}, and what the agent saves
 * (its policy). An existing non-empty directory is never overwritten unless asked.
 */
public final class RunDirectory {
    private final Path dir;

    private RunDirectory(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates (or, with {@code overwrite}, empties) {@code dir}.
     *
     * @throws ConfigException if {@code dir} exists, is not empty and {@code overwrite} is false
     */
    public static RunDirectory create(Path dir, boolean overwrite) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ConfigException("--run-dir " + dir + " exists and is not a directory");
        }
        if (Files.isDirectory(dir) && !isEmpty(dir)) {
            if (!overwrite) {
                throw new ConfigException("run directory " + dir
                        + " already exists and is not empty; choose another --run-dir or pass --overwrite");
            }
            deleteContents(dir);
        }
        Files.createDirectories(dir);
        return new RunDirectory(dir);
    }

    /**
     * An existing run directory, to continue a run in.
     *
     * @throws ConfigException if {@code dir} is not a directory
     */
    public static RunDirectory existing(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("--run-dir " + dir + " is not a run directory (it does not exist)");
        }
        return new RunDirectory(dir);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void deleteContents(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
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

    /** Sends this process's log (INFO and above) to {@code train.log} in the run directory too. */
    public void attachLog() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        PatternLayout layout = PatternLayout.newBuilder().withConfiguration(config)
                .withPattern("%d{ISO8601} %-5level %c{1} - %msg%n").build();
        FileAppender appender = FileAppender.newBuilder().setName("run-log")
                .withFileName(dir.resolve("train.log").toString()).setLayout(layout)
                .setConfiguration(config).build();
        appender.start();
        config.addAppender(appender);
        config.getRootLogger().addAppender(appender, Level.INFO, null);
        ctx.updateLoggers();
    }
}
