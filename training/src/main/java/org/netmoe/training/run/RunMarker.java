package org.netmoe.training.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.netmoe.training.config.ConfigLoader;

/**
 * The content of a run directory's marker file {@value RunDirectory#MARKER}: what created the
 * directory, and the top-level entries NetMoE has written into it (recorded when each command
 * that worked in it ends). Its presence is what makes a directory NetMoE's to empty.
 *
 * @param createdBy what created the directory, e.g. {@code netmoe 0.1.0}
 * @param created   when (ISO-8601 instant)
 * @param entries   the top-level entry names NetMoE wrote, sorted
 */
record RunMarker(String createdBy, String created, List<String> entries) {
    private static final String HEADER = "# NetMoE run directory. netmoe --overwrite empties only directories with this"
            + " file, and refuses when they hold entries not listed here (or of the standard run layout).\n";

    RunMarker {
        entries = List.copyOf(new TreeSet<>(entries));
    }

    static RunMarker fresh() {
        return new RunMarker("netmoe " + RunProvenance.version(), Instant.now().toString(), List.of());
    }

    /** The marker of {@code dir}, or empty when it has none or it cannot be read as one. */
    static Optional<RunMarker> read(Path dir) {
        Path file = dir.resolve(RunDirectory.MARKER);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            RunMarker m = ConfigLoader.yaml().readValue(file.toFile(), RunMarker.class);
            return Optional.of(new RunMarker(m.createdBy(), m.created(), m.entries() == null ? List.of() : m.entries()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    RunMarker withEntries(List<String> more) {
        List<String> all = new ArrayList<>(entries);
        all.addAll(more);
        return new RunMarker(createdBy, created, all);
    }

    void write(Path dir) throws IOException {
        Files.writeString(dir.resolve(RunDirectory.MARKER), HEADER + ConfigLoader.toYaml(this));
    }
}
