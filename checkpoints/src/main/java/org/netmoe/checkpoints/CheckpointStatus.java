package org.netmoe.checkpoints;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One checkpoint directory of a store as found on disk, after full verification.
 *
 * @param directory the {@code step-<n>} directory
 * @param step      the step from the directory name
 * @param problem   empty when the checkpoint verifies; otherwise why it does not (the message of
 *                  the {@link InvalidCheckpointException} or I/O error)
 */
public record CheckpointStatus(Path directory, long step, Optional<String> problem) {

    public CheckpointStatus {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(problem, "problem");
    }

    /** Whether the checkpoint verified. */
    public boolean valid() {
        return problem.isEmpty();
    }
}
