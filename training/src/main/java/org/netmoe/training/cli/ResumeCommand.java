package org.netmoe.training.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code netmoe resume}: continues a run from its newest valid checkpoint. */
@Command(name = "resume",
        description = "Continue a run from its newest valid checkpoint (invalid newer ones are reported and skipped),"
                + " with the config stored in that checkpoint. On CPU the result is bit-identical to a run that was"
                + " never interrupted.")
final class ResumeCommand extends CliCommand implements Callable<Integer> {
    @Option(names = "--run-dir", required = true, paramLabel = "DIR", description = "The run directory to continue.")
    Path runDir;

    @Option(names = "--until", paramLabel = "STEPS",
            description = "Pause again at env step STEPS with a checkpoint (default: run to train.steps).")
    Long until;

    @Override
    public Integer call() throws Exception {
        Runs.resume(runDir, optionalSteps(until), out(), err());
        return 0;
    }
}
