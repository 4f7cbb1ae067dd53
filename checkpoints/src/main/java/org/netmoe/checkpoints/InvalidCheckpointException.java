package org.netmoe.checkpoints;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint directory that does not verify: manifest missing or unreadable, an unknown format
 * version, or an entry missing, truncated or with the wrong SHA-256. The message names the
 * directory and, where one is at fault, the entry.
 */
public final class InvalidCheckpointException extends IOException {

    private final Path directory;

    InvalidCheckpointException(Path directory, String problem) {
        super("checkpoint " + directory + ": " + problem);
        this.directory = directory;
    }

    InvalidCheckpointException(Path directory, String problem, Throwable cause) {
        super("checkpoint " + directory + ": " + problem, cause);
        this.directory = directory;
    }

    /** The checkpoint directory that failed to verify. */
    public Path directory() {
        return directory;
    }
}
