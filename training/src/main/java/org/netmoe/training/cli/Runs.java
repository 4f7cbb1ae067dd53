package org.netmoe.training.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.nd4j.linalg.factory.Nd4j;
import org.netmoe.checkpoints.Checkpoint;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.config.ConfigLoader;
import org.netmoe.training.experiment.Experiment;
import org.netmoe.training.experiment.ExperimentContext;
import org.netmoe.training.experiment.ExperimentRegistry;
import org.netmoe.training.run.ResolvedRun;
import org.netmoe.training.run.RunDirectory;
import org.netmoe.training.run.RunProvenance;
import org.netmoe.training.run.TrainOutcome;
import org.netmoe.training.run.TrainSession;

/**
 * NetMoE's runs as Java calls: what {@code netmoe train}, {@code resume} and {@code experiment} do
 * (the commands call these), returning a typed {@link RunResult}. Each prints its report lines to
 * {@code out} as the command does.
 *
 * <p>Bad input (the config, an override, the run directory, an argument) throws
 * {@link ConfigException} with a message naming what is wrong, before anything is trained where it
 * can be found early; an {@link IllegalArgumentException} raised during a run arrives as a
 * {@code ConfigException} with the same message, since the command line reports both as bad input
 * (exit code 2). Any other exception is a failure of the run itself.
 */
public final class Runs {
    // The commands' logger names: train.log and the console read as before these calls existed.
    private static final Logger TRAIN_LOG = LogManager.getLogger(TrainCommand.class);
    private static final Logger RESUME_LOG = LogManager.getLogger(ResumeCommand.class);

    private Runs() {
    }

    /**
     * {@code netmoe train}: trains the train config {@code config} (overrides applied) into a new
     * {@code runDir}, pausing with a checkpoint at env step {@code until} when given.
     *
     * @param overwrite empty an existing NetMoE run directory first ({@code --overwrite})
     * @throws ConfigException on bad input, e.g. {@code until <= 0}, or {@code runDir} exists and may not be emptied
     */
    public static RunResult train(ObjectNode config, Path runDir, boolean overwrite, OptionalLong until,
                                  PrintWriter out) throws IOException {
        try {
            Registries registries = Registries.standard();
            ResolvedRun run = ResolvedRun.resolve(config, registries.envs(), registries.agents());
            if (until.isPresent() && until.getAsLong() <= 0) {
                throw new ConfigException("--until must be > 0 env steps, was " + until.getAsLong());
            }
            if (until.isPresent() && !run.agentSpec().checkpointable()) {
                throw new ConfigException("--until: " + run.agentSpec().id() + " cannot be checkpointed (RL4J exports"
                        + " neither its replay memory nor its counters); train it without --until");
            }
            try (RunDirectory rd = RunDirectory.create(runDir, overwrite)) {
                rd.attachLog();
                String resolvedYaml = ConfigLoader.toYaml(run.toTree());
                rd.write("config.yaml", resolvedYaml);
                rd.write("provenance.yaml", ConfigLoader.toYaml(RunProvenance.capture(resolvedYaml, run.seed(),
                        backend())));
                TRAIN_LOG.info("run directory {}", runDir.toAbsolutePath());
                TRAIN_LOG.info("training {} on {} for {} env steps, seed {}", run.agentSpec().id(), run.envSpec().id(),
                        run.train().steps(), run.seed());
                if (!run.agentSpec().checkpointable()) {
                    TRAIN_LOG.warn("{} runs are not checkpointed and cannot be resumed", run.agentSpec().id());
                }
                TrainOutcome outcome = TrainSession.execute(run, runDir, resolvedYaml, Optional.empty(),
                        until.orElse(Long.MAX_VALUE), out);
                return new RunResult(RunResult.Kind.TRAIN, runDir, outcome.finished(),
                        OptionalLong.of(outcome.envSteps()), OptionalLong.empty());
            }
        } catch (IllegalArgumentException e) {
            throw badInput(e);
        }
    }

    /**
     * {@code netmoe resume}: continues the run in {@code runDir} from its newest valid checkpoint,
     * with the config stored there, to the end of the run or to env step {@code until}. A run whose
     * newest valid checkpoint is its end is not trained again: {@code out} says so.
     *
     * @param err told why each newer, invalid checkpoint was skipped
     * @throws ConfigException when {@code runDir} has no valid checkpoint, or {@code until} is not past its step
     */
    public static RunResult resume(Path runDir, OptionalLong until, PrintWriter out, PrintWriter err)
            throws IOException {
        try {
            if (!Files.isDirectory(runDir.resolve(TrainSession.CHECKPOINTS))) {
                RunCheckpoints.list(runDir); // fails naming what is missing: the directory, or its checkpoints
            }
            try (RunDirectory rd = RunDirectory.existing(runDir)) {
                Checkpoint from = RunCheckpoints.newestValid(runDir, err);
                Registries registries = Registries.standard();
                JsonNode tree = ConfigLoader.yaml().readTree(from.config());
                if (!(tree instanceof ObjectNode config)) {
                    throw new ConfigException("checkpoint " + from.directory().orElseThrow() + " holds no config mapping");
                }
                ResolvedRun run = ResolvedRun.resolve(config, registries.envs(), registries.agents());
                OptionalLong resumedFrom = OptionalLong.of(from.step());
                if (from.step() >= run.finalEnvStep()) {
                    out.println("run " + runDir + " is already complete: its newest valid checkpoint is at env step "
                            + from.step() + ", the end of the run (train.steps " + run.train().steps()
                            + "); nothing to resume. Its policy: netmoe eval --run-dir " + runDir);
                    return new RunResult(RunResult.Kind.RESUME, runDir, true, resumedFrom, resumedFrom);
                }
                if (until.isPresent() && until.getAsLong() <= from.step()) {
                    throw new ConfigException("--until " + until.getAsLong() + " is not past the step of the newest"
                            + " valid checkpoint, " + from.step());
                }
                rd.attachLog();
                RESUME_LOG.info("resuming {} on {} in {} from {} (env step {} of {})", run.agentSpec().id(),
                        run.envSpec().id(), runDir, from.directory().orElseThrow(), from.step(), run.train().steps());
                TrainOutcome outcome = TrainSession.execute(run, runDir, from.config(), Optional.of(from),
                        until.orElse(Long.MAX_VALUE), out);
                return new RunResult(RunResult.Kind.RESUME, runDir, outcome.finished(),
                        OptionalLong.of(outcome.envSteps()), resumedFrom);
            }
        } catch (IllegalArgumentException e) {
            throw badInput(e);
        }
    }

    /**
     * {@code netmoe experiment}: runs the experiment that {@code config} (overrides applied) names in
     * its field {@code experiment} into {@code runDir}.
     *
     * @param overwrite empty an existing NetMoE run directory first ({@code --overwrite})
     * @param reuse     run in an existing run directory, reusing its finished sub-runs of unchanged config and
     *                  resuming an interrupted one from its checkpoint ({@code --reuse}); excludes {@code overwrite}
     * @param llmReplay an earlier run directory whose LLM transcript answers the LLM gate's calls ({@code --llm-replay})
     * @throws ConfigException on bad input, e.g. an unknown experiment, or both {@code overwrite} and {@code reuse}
     */
    public static RunResult experiment(ObjectNode config, Path runDir, boolean overwrite, boolean reuse,
                                       Optional<Path> llmReplay, PrintWriter out) throws IOException {
        try {
            JsonNode id = config.get("experiment");
            if (id == null || !id.isTextual()) {
                throw new ConfigException("experiment: missing; the config must name the experiment, one of "
                        + ExperimentRegistry.standard().ids());
            }
            Experiment experiment = ExperimentRegistry.standard().get(id.asText());
            if (llmReplay.isPresent() && !Files.isDirectory(llmReplay.get())) {
                throw new ConfigException("--llm-replay " + llmReplay.get() + " is not a run directory");
            }
            if (reuse && overwrite) {
                throw new ConfigException("--reuse and --overwrite exclude each other");
            }
            boolean continuing = reuse && (Files.isRegularFile(runDir.resolve(RunDirectory.MARKER))
                    || Files.isRegularFile(runDir.resolve("config.yaml")));
            AtomicLong resumedFrom = new AtomicLong(-1);
            try (RunDirectory rd = continuing ? RunDirectory.existing(runDir) : RunDirectory.create(runDir, overwrite)) {
                rd.attachLog();
                String yaml = ConfigLoader.toYaml(config);
                rd.write("config.yaml", yaml);
                ExperimentContext ctx = new ExperimentContext(config, runDir, out, llmReplay,
                        step -> resumedFrom.accumulateAndGet(step, Math::max));
                rd.write("provenance.yaml", ConfigLoader.toYaml(RunProvenance.capture(yaml, ctx.seed(), backend())));
                ctx.say("experiment " + experiment.id() + " (" + experiment.description() + ") into " + runDir);
                experiment.run(ctx);
                ctx.say("experiment " + experiment.id() + " done: " + runDir.resolve("summary.md"));
            }
            return new RunResult(RunResult.Kind.EXPERIMENT, runDir, true, OptionalLong.empty(),
                    resumedFrom.get() < 0 ? OptionalLong.empty() : OptionalLong.of(resumedFrom.get()));
        } catch (IllegalArgumentException e) {
            throw badInput(e);
        }
    }

    /** {@code e}'s message as one line, as the command line prints bad input (a value quoted from a file may span lines). */
    public static String oneLine(Exception e) {
        return String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " ");
    }

    private static ConfigException badInput(IllegalArgumentException e) {
        return new ConfigException(e.getMessage(), e);
    }

    private static String backend() {
        return Nd4j.getBackend().getClass().getSimpleName();
    }
}
