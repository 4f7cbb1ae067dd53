package org.netmoe.training.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whether NetMoE may empty a directory (SPEC §8: it deletes only what it created). A directory is
 * NetMoE's when it carries the marker and every top-level entry is one NetMoE wrote there: an entry
 * of the standard run layout, an entry the marker records, a sub-run directory that is NetMoE's
 * itself, or a folder of such sub-runs. A directory made by a NetMoE older than the marker is
 * recognised only when it holds {@code config.yaml}, {@code provenance.yaml} and nothing outside
 * the standard run layout. The file system root, the home directory, the working directory and
 * their ancestors are never NetMoE's, marker or not.
 */
final class RunOwnership {
    /**
     * What {@code train}/{@code resume} and an experiment's sub-runs write: config, provenance, log,
     * metrics, checkpoints, the policy of each agent (dqn, ppo, sac, rl4j-dqn) and its export ({@code netmoe export}), the sub-run and sweep
     * task completion files, the marker and the lock.
     */
    static final Set<String> LAYOUT = Set.of("config.yaml", "provenance.yaml", "train.log", MetricsWriter.CSV,
            MetricsWriter.JSONL, MetricsWriter.TENSORBOARD, "best", "plots", TrainSession.CHECKPOINTS, "dqn-q.bin",
            "ppo-policy.bin", "sac-actor.bin", "rl4j-dqn.zip", "policy.onnx", ".finished", ".sweep-finished",
            RunDirectory.MARKER, RunDirectory.LOCK);

    private RunOwnership() {
    }

    /**
     * Why {@code dir} must never be emptied, whatever it holds, or empty: it is the file system root,
     * {@code home}, {@code cwd}, or an ancestor of either.
     */
    static Optional<String> protectedLocation(Path dir, Path cwd, Path home) throws IOException {
        Path real = dir.toRealPath();
        Path realCwd = cwd.toAbsolutePath().toRealPath();
        Path realHome = home.toAbsolutePath().toRealPath();
        if (real.getParent() == null) {
            return Optional.of("it is the file system root");
        }
        if (real.equals(realHome)) {
            return Optional.of("it is your home directory");
        }
        if (real.equals(realCwd)) {
            return Optional.of("it is the current directory");
        }
        if (realCwd.startsWith(real)) {
            return Optional.of("it contains the current directory");
        }
        if (realHome.startsWith(real)) {
            return Optional.of("it contains your home directory");
        }
        return Optional.empty();
    }

    /**
     * Why NetMoE may not empty the existing directory {@code dir} (not a run directory, or the
     * entries it did not write), or empty when it may.
     */
    static Optional<String> notOwned(Path dir) throws IOException {
        List<String> names = names(dir);
        Optional<RunMarker> marker = RunMarker.read(dir);
        if (marker.isEmpty()) {
            if (Files.isRegularFile(dir.resolve(RunDirectory.MARKER))) {
                return Optional.of("its marker " + RunDirectory.MARKER + " cannot be read");
            }
            boolean legacy = names.contains("config.yaml") && names.contains("provenance.yaml")
                    && LAYOUT.containsAll(names);
            return legacy ? Optional.empty()
                    : Optional.of("it is not a NetMoE run directory (it has no " + RunDirectory.MARKER + " marker)");
        }
        List<String> foreign = new ArrayList<>();
        for (String name : names) {
            Path entry = dir.resolve(name);
            if (!LAYOUT.contains(name) && !marker.get().entries().contains(name) && !subRuns(entry)) {
                foreign.add(Files.isDirectory(entry) ? name + "/" : name);
            }
        }
        return foreign.isEmpty() ? Optional.empty()
                : Optional.of("it holds entries NetMoE did not write: " + String.join(", ", foreign));
    }

    /** Whether {@code entry} is a sub-run NetMoE may empty, or a non-empty folder of only such sub-runs. */
    private static boolean subRuns(Path entry) throws IOException {
        if (!Files.isDirectory(entry) || Files.isSymbolicLink(entry)) {
            return false;
        }
        if (Files.isRegularFile(entry.resolve(RunDirectory.MARKER))) {
            return notOwned(entry).isEmpty();
        }
        List<String> children = names(entry);
        for (String child : children) {
            Path c = entry.resolve(child);
            if (!Files.isDirectory(c) || Files.isSymbolicLink(c) || notOwned(c).isPresent()) {
                return false;
            }
        }
        return !children.isEmpty();
    }

    /** The names of the entries directly in {@code dir}, sorted. */
    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
