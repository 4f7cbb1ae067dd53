package org.netmoe.training.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.plot.LearningCurves;
import org.netmoe.training.report.Plots;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code netmoe plot RUN_DIR...}: several runs' learning curves in one PNG. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Draw the learning curves of several run directories into one PNG: a metric of"
                + " metrics.csv (default rollout/episode_return, moving average) against env steps. Runs whose"
                + " config.yaml differs only in the seed are drawn as one mean curve with a 95 % confidence band."})
final class PlotCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run directories (train, resume, sweep tasks, experiment sub-runs).")
    List<Path> runDirs;

    @Option(names = "--metric", defaultValue = "rollout/episode_return",
            description = "The metric to draw (default ${DEFAULT-VALUE}), e.g. eval/mean_return.")
    String metric;

    @Option(names = "--smooth", defaultValue = "0",
            description = "Moving-average window in rows (default 0: about a fiftieth of each run's rows; 1: none).")
    int window;

    @Option(names = {"-o", "--output"}, defaultValue = "plot.png", description = "The PNG to write (default ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--overwrite", description = "Replace an existing output file.")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        if (window < 0) {
            throw new ConfigException("--smooth must be >= 0, was " + window);
        }
        if (Files.exists(output) && !overwrite) {
            throw new ConfigException("--output " + output + " exists; choose another file or add --overwrite");
        }
        for (Path dir : runDirs) {
            if (!Files.isDirectory(dir)) {
                throw new ConfigException("RUN_DIR " + dir + ": no such directory");
            }
        }
        List<Plots.Series> series = LearningCurves.series(runDirs, metric, window);
        Path parent = output.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Plots.line(output, metric + " against env steps", "env steps", metric, series,
                Plots.Range.forMetric(metric).orElse(null));
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + output + " (" + series.size() + " curve" + (series.size() == 1 ? "" : "s") + ")");
        out.flush();
        return 0;
    }
}
