package org.netmoe.training.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.netmoe.checkpoints.Checkpoint;
import org.netmoe.checkpoints.CheckpointStatus;
import org.netmoe.training.checkpoint.ParamsHash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code netmoe inspect}: the checkpoints of a run and the identity of the newest valid one. */
@Command(name = "inspect",
        description = "List a run's checkpoints (valid or why not), then for the newest valid one print the lines"
                + " step=<n>, params_sha256=<hex> (SHA-256 over every *.params entry, big-endian float32, in"
                + " name order) and its counters, so two runs can be compared from the shell.")
final class InspectCommand extends CliCommand implements Callable<Integer> {
    @Option(names = "--run-dir", required = true, paramLabel = "DIR", description = "The run directory.")
    Path runDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        for (CheckpointStatus s : RunCheckpoints.list(runDir)) {
            out.println("checkpoint " + s.directory().getFileName() + "  " + (s.valid() ? "valid"
                    : "INVALID: " + s.problem().orElse("?")));
        }
        out.flush();
        Checkpoint newest = RunCheckpoints.newestValid(runDir, err());
        out.println("newest valid: " + newest.directory().orElseThrow());
        out.println("agent=" + newest.metadata().getOrDefault("agent", "?"));
        out.println("step=" + newest.step());
        out.println("params_sha256=" + ParamsHash.of(newest));
        newest.counters().forEach((k, v) -> out.println("counter." + k + "=" + v));
        out.flush();
        return 0;
    }
}
