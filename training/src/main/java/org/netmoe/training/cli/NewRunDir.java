package org.netmoe.training.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Option;

/** Where {@code train} and {@code experiment} write a new run: {@code --run-dir} and {@code --overwrite}. */
final class NewRunDir {
    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "Run directory (default runs/<config name>-<timestamp>).")
    Path runDir;

    @Option(names = "--overwrite", description = "Empty an existing run directory first. Only a NetMoE run directory"
            + " (marked .netmoe-run) holding nothing but what NetMoE wrote is emptied; anything else is refused.")
    boolean overwrite;

    /** {@code --run-dir}, else {@code runs/<name of config without .yaml>-<yyyyMMdd-HHmmss>}. */
    Path resolve(Path config) {
        if (runDir != null) {
            return runDir;
        }
        String name = config.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return Path.of("runs", name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
}
