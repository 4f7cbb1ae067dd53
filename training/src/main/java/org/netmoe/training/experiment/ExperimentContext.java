package org.netmoe.training.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.nd4j.linalg.factory.Nd4j;
import org.netmoe.checkpoints.Checkpoint;
import org.netmoe.checkpoints.CheckpointStore;
import org.netmoe.envs.EnvRegistry;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.config.ConfigLoader;
import org.netmoe.training.run.AgentRegistry;
import org.netmoe.training.run.ReportLine;
import org.netmoe.training.run.ResolvedRun;
import org.netmoe.training.run.RunDirectory;
import org.netmoe.training.run.RunProvenance;
import org.netmoe.training.run.TrainSession;

/**
 * What an {@link Experiment} runs with: its config tree (the YAML file with {@code --set}
 * overrides applied), its run directory, where to print, and an optional earlier run directory
 * whose LLM transcript replaces live LLM calls ({@code --llm-replay}).
 *
 * @param config    the experiment's config tree, including {@code experiment} and {@code seed}
 * @param runDir    the experiment's run directory (exists, empty unless reused)
 * @param out       where the experiment prints its report lines
 * @param llmReplay an earlier run directory to replay LLM answers from, or empty for live calls
 * @param resumes   told the checkpoint env step of every sub-run that {@link #trainOrReuse} resumes
 */
public record ExperimentContext(ObjectNode config, Path runDir, PrintWriter out, Optional<Path> llmReplay,
                                LongConsumer resumes) {
    private static final Logger LOG = LogManager.getLogger(ExperimentContext.class);

    /** A context that tells nobody about resumed sub-runs. */
    public ExperimentContext(ObjectNode config, Path runDir, PrintWriter out, Optional<Path> llmReplay) {
        this(config, runDir, out, llmReplay, step -> { });
    }

    /** The experiment's root seed: the config's {@code seed} (default 1). */
    public long seed() {
        JsonNode s = config.get("seed");
        if (s == null || s.isNull()) {
            return 1;
        }
        if (!s.isIntegralNumber() || !s.canConvertToLong()) {
            throw new ConfigException("seed must be an integer, was " + s);
        }
        return s.asLong();
    }

    /** {@code name} inside the run directory (parent folders created). */
    public Path file(String name) throws IOException {
        Path p = runDir.resolve(name);
        Files.createDirectories(p.getParent());
        return p;
    }

    /** Prints one report line (also logged to {@code train.log}). */
    public void say(String line) {
        ReportLine.print(LOG, out, line);
    }

    /**
     * Trains the {@code netmoe train} config {@code trainTree} into {@code dir} (a sub-run with its
     * own config.yaml, metrics, checkpoints and saved policy), reuses {@code dir} when it already
     * holds a finished run of the same resolved config, or resumes it from its newest valid
     * checkpoint when a run of the same config was interrupted there. Returns the resolved run.
     *
     * @param label what the run is, for the report lines (e.g. "expert a (goal)")
     */
    public ResolvedRun trainOrReuse(String label, ObjectNode trainTree, Path dir) throws IOException {
        ResolvedRun run = ResolvedRun.resolve(trainTree, EnvRegistry.standard(), AgentRegistry.standard());
        String resolvedYaml = ConfigLoader.toYaml(run.toTree());
        Path done = dir.resolve(FINISHED);
        boolean sameConfig = Files.isRegularFile(dir.resolve("config.yaml"))
                && Files.readString(dir.resolve("config.yaml")).equals(resolvedYaml);
        if (sameConfig && Files.isRegularFile(done)) {
            say("reusing " + label + " from " + dir);
            return run;
        }
        Path checkpoints = dir.resolve(TrainSession.CHECKPOINTS);
        Optional<Checkpoint> from = sameConfig && run.agentSpec().checkpointable() && Files.isDirectory(checkpoints)
                ? CheckpointStore.readOnly(checkpoints).latestValid() : Optional.empty();
        if (from.isPresent()) {
            // An interrupted sub-run (e.g. a killed sweep task) continues exactly where its checkpoint stopped.
            try (RunDirectory rd = RunDirectory.existing(dir)) {
                say("resuming " + label + " from its checkpoint at env step " + from.get().step() + " in " + dir);
                resumes.accept(from.get().step());
                TrainSession.execute(run, dir, resolvedYaml, from, Long.MAX_VALUE, out);
                Files.writeString(done, "finished\n");
            }
            return run;
        }
        try (RunDirectory rd = RunDirectory.create(dir, true)) {
            rd.write("config.yaml", resolvedYaml);
            rd.write("provenance.yaml", ConfigLoader.toYaml(RunProvenance.capture(resolvedYaml, run.seed(),
                    Nd4j.getBackend().getClass().getSimpleName())));
            say("training " + label + ": " + run.agentSpec().id() + " on " + run.envSpec().id() + " for "
                    + run.train().steps() + " env steps into " + dir);
            TrainSession.execute(run, dir, resolvedYaml, Optional.empty(), Long.MAX_VALUE, out);
            Files.writeString(done, "finished\n");
        }
        return run;
    }

    /**
     * The finished sub-run in {@code dir}, a read-only input the config's field {@code field} names
     * (e.g. {@code expertsDir}, the experts of an earlier run): used only when it was trained with
     * exactly the resolved config of {@code trainTree}; nothing in it is written, retrained or
     * deleted (SPEC §8). Returns the resolved run.
     *
     * @param label what the run is, for the report lines (e.g. "expert a (goal)")
     * @throws ConfigException naming {@code dir} and what does not match when it holds no run, an
     *                         unfinished one, or one trained with another config
     */
    public ResolvedRun reuseInput(String field, String label, ObjectNode trainTree, Path dir) throws IOException {
        ResolvedRun run = ResolvedRun.resolve(trainTree, EnvRegistry.standard(), AgentRegistry.standard());
        String readOnly = "; " + field + " is a read-only input: point it to a directory trained with this config,"
                + " or remove " + field + " to train into the run directory";
        Path config = dir.resolve("config.yaml");
        if (!Files.isRegularFile(config)) {
            throw new ConfigException(field + " " + dir + " holds no trained run (no config.yaml)" + readOnly);
        }
        String resolvedYaml = ConfigLoader.toYaml(run.toTree());
        String stored = Files.readString(config);
        if (!stored.equals(resolvedYaml)) {
            // Both sides parsed from YAML, so equal numbers compare equal (int vs long nodes).
            JsonNode here = ConfigLoader.yaml().readTree(resolvedYaml);
            JsonNode there;
            try {
                there = ConfigLoader.yaml().readTree(stored);
            } catch (IOException e) {
                there = null;
            }
            String diff = there == null ? "its config.yaml is not YAML" : firstDifference("", there, here)
                    .orElse("its config.yaml is written differently");
            throw new ConfigException(field + " " + dir + " was trained with another config (" + diff + ")" + readOnly);
        }
        if (!Files.isRegularFile(dir.resolve(FINISHED))) {
            throw new ConfigException(field + " " + dir + " did not finish training (no " + FINISHED + ")" + readOnly);
        }
        say("reusing " + label + " from " + dir);
        return run;
    }

    /** The first field where {@code there} and {@code here} differ, as "path: X there, Y here". */
    private static Optional<String> firstDifference(String path, JsonNode there, JsonNode here) {
        if (there != null && here != null && there.isObject() && here.isObject()) {
            SortedSet<String> names = new TreeSet<>();
            there.fieldNames().forEachRemaining(names::add);
            here.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                Optional<String> d = firstDifference(path.isEmpty() ? name : path + "." + name, there.get(name),
                        here.get(name));
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        if (there == null ? here == null : there.equals(here)) {
            return Optional.empty();
        }
        return Optional.of(path + ": " + (there == null ? "absent" : there) + " there, " + (here == null ? "absent" : here)
                + " here");
    }

    /** The marker file a finished sub-run gets; a sub-run without it is trained again. */
    public static final String FINISHED = ".finished";
}
