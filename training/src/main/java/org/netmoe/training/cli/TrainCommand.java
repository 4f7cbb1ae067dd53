package org.netmoe.training.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.netmoe.training.config.ConfigLoader;
import org.netmoe.training.run.GreedyEvaluation;
import org.netmoe.training.run.MetricsWriter;
import org.netmoe.training.run.Progress;
import org.netmoe.training.run.ResolvedRun;
import org.netmoe.training.run.RunDirectory;
import org.netmoe.training.run.RunProvenance;
import org.netmoe.training.run.TrainContext;
import org.netmoe.training.run.TrainOutcome;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code netmoe train}: trains one agent on one env into a run directory. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train one agent on one env. Writes a run directory with the resolved config.yaml,"
                + " provenance.yaml, train.log, metrics.csv (step,metric,value), metrics.jsonl and the saved policy.")
final class TrainCommand implements java.util.concurrent.Callable<Integer> {
    private static final Logger LOG = LogManager.getLogger(TrainCommand.class);

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

    @Option(names = "--overwrite", description = "Replace an existing non-empty run directory.")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        Registries registries = Registries.standard();
        ResolvedRun run = ResolvedRun.load(config, overrides, registries.envs(), registries.agents());
        Path dir = runDir != null ? runDir : defaultRunDir(config);
        RunDirectory rd = RunDirectory.create(dir, overwrite);
        rd.attachLog();
        String resolvedYaml = ConfigLoader.toYaml(run.toTree());
        rd.write("config.yaml", resolvedYaml);
        rd.write("provenance.yaml", ConfigLoader.toYaml(RunProvenance.capture(resolvedYaml, run.seed(), backend())));
        LOG.info("run directory {}", dir.toAbsolutePath());
        LOG.info("training {} on {} for {} env steps, seed {}", run.agentSpec().id(), run.envSpec().id(),
                run.train().steps(), run.seed());
        TrainOutcome outcome;
        try (MetricsWriter metrics = new MetricsWriter(dir);
             Progress progress = Progress.start(run.agentSpec().id(), run.train().steps(), run.train().logEvery())) {
            TrainContext ctx = new TrainContext(run.envSpec(), run.envConfig(), run.seed(), run.train(), dir,
                    metrics, progress);
            outcome = run.agentSpec().train(ctx, run.agentConfig());
            metrics.record(outcome.envSteps(), "time/steps_per_second", outcome.stepsPerSecond());
            GreedyEvaluation.Result eval = outcome.eval();
            if (eval.episodes() > 0) {
                metrics.record(outcome.envSteps(), "eval/mean_return", eval.meanReturn());
            }
            if (!Double.isNaN(eval.successRate())) {
                metrics.record(outcome.envSteps(), "eval/success_rate", eval.successRate());
            }
            if (!Double.isNaN(eval.oracleFraction())) {
                metrics.record(outcome.envSteps(), "eval/oracle_fraction", eval.oracleFraction());
            }
        }
        String summary = String.format(Locale.ROOT,
                "trained %s on %s: %d env steps, %d episodes, %.1f s (%.0f steps/s); greedy eval over %d episodes:"
                        + " mean return %.3f, success rate %.3f, oracle fraction %.3f", run.agentSpec().id(),
                run.envSpec().id(), outcome.envSteps(), outcome.episodes(), outcome.wallSeconds(),
                outcome.stepsPerSecond(), outcome.eval().episodes(), outcome.eval().meanReturn(),
                outcome.eval().successRate(), outcome.eval().oracleFraction());
        LOG.info(summary);
        PrintWriter out = spec.commandLine().getOut();
        out.println(summary);
        out.println("run directory: " + dir);
        out.flush();
        return 0;
    }

    private static Path defaultRunDir(Path config) {
        String name = config.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return Path.of("runs", name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    private static String backend() {
        return org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName();
    }
}
