package org.netmoe.training.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code netmoe train}: trains one agent on one env into a run directory. */
@Command(name = "train",
        description = "Train one agent on one env. Writes a run directory with the resolved config.yaml,"
                + " provenance.yaml, train.log, metrics.csv (step,metric,value), metrics.jsonl, checkpoints/"
                + " (every checkpoint.every env steps) and the saved policy.")
final class TrainCommand extends CliCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Experiment YAML file.")
    Path config;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Override a config field, e.g. --set train.steps=5000 --set env.params.task=goal+trap.")
    List<String> overrides = new ArrayList<>();

    @Mixin
    NewRunDir newRunDir;

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
        Runs.train(tree, newRunDir.resolve(config), newRunDir.overwrite, optionalSteps(until), out());
        return 0;
    }
}
