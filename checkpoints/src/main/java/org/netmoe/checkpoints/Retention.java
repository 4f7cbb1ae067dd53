package org.netmoe.checkpoints;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A writer's retention policy and its memory of verification results. After a save it keeps the
 * {@code keep} valid checkpoints of highest step, the one just written, and the valid one of
 * highest score (ties: highest step); the other valid ones are discarded. Checkpoints that fail
 * verification are kept for inspection. Each existing checkpoint is verified once; the ones the
 * writer wrote itself are remembered as valid.
 */
final class Retention {
    private static final System.Logger LOG = System.getLogger(CheckpointStore.class.getName());

    private final int keep;
    /** Verification results by directory name: the manifest, or empty if invalid. */
    private final Map<String, Optional<Manifest>> verified = new HashMap<>();

    /** @param keep how many valid checkpoints of highest step to keep, {@code > 0} */
    Retention(int keep) {
        this.keep = keep;
    }

    /** Records that the writer wrote checkpoint directory {@code name} with {@code manifest}. */
    void remember(String name, Manifest manifest) {
        verified.put(name, Optional.of(manifest));
    }

    /**
     * The valid checkpoints among {@code dirs} (by increasing step) that the policy discards after
     * {@code newest} was written; they are forgotten, the caller deletes them.
     */
    List<Path> discarded(List<Path> dirs, Path newest) {
        List<Path> valid = new ArrayList<>();
        for (Path dir : dirs) {
            Optional<Manifest> manifest = verified.computeIfAbsent(dir.getFileName().toString(),
                    name -> verifyQuietly(dir));
            if (manifest.isPresent()) {
                valid.add(dir);
            }
        }
        Set<Path> kept = new HashSet<>(valid.subList(Math.max(0, valid.size() - keep), valid.size()));
        kept.add(newest);
        valid.stream()
                .filter(dir -> manifestOf(dir).score().isPresent())
                .max(Comparator.comparingDouble((Path dir) -> manifestOf(dir).score().getAsDouble())
                        .thenComparingLong(dir -> manifestOf(dir).step()))
                .ifPresent(kept::add);
        List<Path> discarded = new ArrayList<>();
        for (Path dir : valid) {
            if (!kept.contains(dir)) {
                verified.remove(dir.getFileName().toString());
                discarded.add(dir);
            }
        }
        return discarded;
    }

    private Manifest manifestOf(Path dir) {
        return verified.get(dir.getFileName().toString()).orElseThrow();
    }

    private static Optional<Manifest> verifyQuietly(Path dir) {
        try {
            return Optional.of(CheckpointFiles.verify(dir));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "keeping invalid checkpoint for inspection: {0}", e.getMessage());
            return Optional.empty();
        }
    }
}
