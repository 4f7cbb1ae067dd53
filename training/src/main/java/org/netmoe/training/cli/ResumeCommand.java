package org.netmoe.training.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.netmoe.training.run.TrainSession;
import org.netmoe.checkpoints.Checkpoint;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.config.ConfigLoader;
import org.netmoe.training.run.ResolvedRun;
import org.netmoe.training.run.RunDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code netmoe resume}: continues a run from its newest valid checkpoint. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue a run from its newest valid checkpoint (invalid newer ones are reported and skipped),"
                + " with the config stored in that checkpoint. On CPU the result is bit-identical to a run that was"
                + " never interrupted.")
final class ResumeCommand implements Callable<Integer> {
    private static final Logger LOG = LogManager.getLogger(ResumeCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--run-dir", required = true, paramLabel = "DIR", description = "The run directory to continue.")
    Path runDir;

    @Option(names = "--until", paramLabel = "STEPS",
            description = "Pause again at env step STEPS with a checkpoint (default: run to train.steps).")
    Long until;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(runDir.resolve(TrainSession.CHECKPOINTS))) {
            RunCheckpoints.list(runDir); // fails naming what is missing: the directory, or its checkpoints
        }
        try (RunDirectory rd = RunDirectory.existing(runDir)) {
            Checkpoint from = RunCheckpoints.newestValid(runDir, spec.commandLine().getErr());
            Registries registries = Registries.standard();
            JsonNode tree = ConfigLoader.yaml().readTree(from.config());
            if (!(tree instanceof ObjectNode config)) {
                throw new ConfigException("checkpoint " + from.directory().orElseThrow() + " holds no config mapping");
            }
            ResolvedRun run = ResolvedRun.resolve(config, registries.envs(), registries.agents());
            if (from.step() >= run.finalEnvStep()) {
                spec.commandLine().getOut().println("run " + runDir + " is already complete: its newest valid checkpoint"
                        + " is at env step " + from.step() + ", the end of the run (train.steps " + run.train().steps()
                        + "); nothing to resume. Its policy: netmoe eval --run-dir " + runDir);
                return 0;
            }
            if (until != null && until <= from.step()) {
                throw new ConfigException("--until " + until + " is not past the step of the newest valid checkpoint, "
                        + from.step());
            }
            rd.attachLog();
            LOG.info("resuming {} on {} in {} from {} (env step {} of {})", run.agentSpec().id(), run.envSpec().id(),
                    runDir, from.directory().orElseThrow(), from.step(), run.train().steps());
            TrainSession.execute(run, runDir, from.config(), Optional.of(from), until != null ? until : Long.MAX_VALUE,
                    spec.commandLine().getOut());
        }
        return 0;
    }
}
