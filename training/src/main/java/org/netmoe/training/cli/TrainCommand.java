package org.netmoe.training.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code netmoe train}: trains one agent on one env into a run directory. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train one agent on one env. Writes a run directory with the resolved config.yaml,"
                + " provenance.yaml, train.log, metrics.csv (step,metric,value), metrics.jsonl, checkpoints/"
                + " (every checkpoint.every env steps) and the saved policy.")
final class TrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Experiment YAML file.")
    Path config;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Override a config field, e.g. --set train.steps=5000 --set env.params.task=goal+trap.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "Run directory (default runs/<config name>-<timestamp>).")
    Path runDir;

    @Option(names = "--overwrite", description = "Empty an existing run directory first. Only a NetMoE run directory"
            + " (marked .netmoe-run) holding nothing but what NetMoE wrote is emptied; anything else is refused.")
    boolean overwrite;

    @Option(names = "--until", paramLabel = "STEPS",
            description = "Pause at env step STEPS (PPO: the first iteration boundary at or past it) with a checkpoint,"
                    + " as if interrupted there; schedules still follow train.steps. Continue with netmoe resume.")
    Long until;

    @Override
    public Integer call() throws Exception {
        ObjectNode tree = ConfigLoader.read(config);
        JsonNode experiment = tree.get("experiment");
        if (experiment != null && experiment.isTextual()) {
            throw new ConfigException("this is an experiment config (experiment: " + experiment.asText()
                    + "): use netmoe experiment " + config);
        }
        ConfigLoader.applyOverrides(tree, overrides);
        Runs.train(tree, runDir != null ? runDir : defaultRunDir(config), overwrite,
                until != null ? OptionalLong.of(until) : OptionalLong.empty(), spec.commandLine().getOut());
        return 0;
    }

    private static Path defaultRunDir(Path config) {
        String name = config.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return Path.of("runs", name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
}
