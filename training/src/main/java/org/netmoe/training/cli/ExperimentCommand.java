package org.netmoe.training.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.config.ConfigLoader;
import org.netmoe.training.experiment.ExperimentRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code netmoe experiment FILE}: a whole paper figure (train experts, evaluate gates, report). */
@Command(name = "experiment",
        description = "Run a paper experiment from a YAML file whose field 'experiment:' names it. Writes a run"
                + " directory with config.yaml, provenance.yaml, train.log, summary.md, results.csv, plots/ and the"
                + " sub-runs it trains (experts, gate networks).")
final class ExperimentCommand extends CliCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "Experiment YAML file, e.g. configs/maze-fig5.yaml.")
    Path config;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a config field, e.g. --set seed=2.")
    List<String> overrides = new ArrayList<>();

    @Mixin
    NewRunDir newRunDir;

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
        Runs.experiment(tree, newRunDir.resolve(config), newRunDir.overwrite, reuse, Optional.ofNullable(llmReplay),
                out());
        return 0;
    }
}
