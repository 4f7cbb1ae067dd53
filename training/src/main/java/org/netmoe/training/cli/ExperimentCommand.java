package org.netmoe.training.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.config.ConfigLoader;
import org.netmoe.training.experiment.Experiment;
import org.netmoe.training.experiment.ExperimentContext;
import org.netmoe.training.experiment.ExperimentRegistry;
import org.netmoe.training.run.RunDirectory;
import org.netmoe.training.run.RunProvenance;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code netmoe experiment FILE}: a whole paper figure (train experts, evaluate gates, report). */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Run a paper experiment from a YAML file whose field 'experiment:' names it. Writes a run"
                + " directory with config.yaml, provenance.yaml, train.log, summary.md, results.csv, plots/ and the"
                + " sub-runs it trains (experts, gate networks).")
final class ExperimentCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Experiment YAML file, e.g. configs/maze-fig5.yaml.")
    Path config;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a config field, e.g. --set seed=2.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "Run directory (default runs/<config name>-<timestamp>).")
    Path runDir;

    @Option(names = "--overwrite", description = "Empty an existing run directory first. Only a NetMoE run directory"
            + " (marked .netmoe-run) holding nothing but what NetMoE wrote is emptied; anything else is refused.")
    boolean overwrite;

    @Option(names = "--reuse", description = "Run in an existing run directory, reusing its finished sub-runs"
            + " (experts, gate networks) whose resolved config is unchanged.")
    boolean reuse;

    @Option(names = "--llm-replay", paramLabel = "RUN_DIR",
            description = "Answer the LLM gate's calls from RUN_DIR's LLM transcript instead of the endpoint"
                    + " (offline, identical decisions).")
    Path llmReplay;

    @Override
    public Integer call() throws Exception {
        ObjectNode tree = ConfigLoader.read(config);
        ConfigLoader.applyOverrides(tree, overrides);
        JsonNode id = tree.get("experiment");
        if ((id == null || id.isNull()) && tree.has("env") && tree.has("agent")) {
            throw new ConfigException("this is a train config (env: " + tree.path("env").path("id").asText("?")
                    + ", agent: " + tree.path("agent").path("id").asText("?") + "): use netmoe train --config " + config);
        }
        if (id == null || !id.isTextual()) {
            throw new ConfigException("experiment: missing; " + config + " must name the experiment, one of "
                    + ExperimentRegistry.standard().ids());
        }
        Experiment experiment = ExperimentRegistry.standard().get(id.asText());
        if (llmReplay != null && !Files.isDirectory(llmReplay)) {
            throw new ConfigException("--llm-replay " + llmReplay + " is not a run directory");
        }
        Path dir = runDir != null ? runDir : defaultRunDir(config);
        if (reuse && overwrite) {
            throw new ConfigException("--reuse and --overwrite exclude each other");
        }
        boolean continuing = reuse && (Files.isRegularFile(dir.resolve(RunDirectory.MARKER))
                || Files.isRegularFile(dir.resolve("config.yaml")));
        try (RunDirectory rd = continuing ? RunDirectory.existing(dir) : RunDirectory.create(dir, overwrite)) {
            rd.attachLog();
            String yaml = ConfigLoader.toYaml(tree);
            rd.write("config.yaml", yaml);
            ExperimentContext ctx = new ExperimentContext(tree, dir, spec.commandLine().getOut(),
                    Optional.ofNullable(llmReplay));
            rd.write("provenance.yaml", ConfigLoader.toYaml(RunProvenance.capture(yaml, ctx.seed(),
                    org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName())));
            ctx.say("experiment " + experiment.id() + " (" + experiment.description() + ") into " + dir);
            experiment.run(ctx);
            ctx.say("experiment " + experiment.id() + " done: " + dir.resolve("summary.md"));
        }
        return 0;
    }

    private static Path defaultRunDir(Path config) {
        String name = config.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return Path.of("runs", name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
}
