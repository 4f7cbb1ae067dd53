package org.netmoe.training.experiment.edge;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import org.netmoe.envs.edge.EdgeConfig;
import org.netmoe.training.experiment.ExperimentContext;
import org.netmoe.training.experiment.edge.EdgeFig4Rows.MethodRow;
import org.netmoe.training.report.Plots;
import org.netmoe.training.report.Rows;

/** The plots (Fig. 4 curves, Fig. 5 bars) and {@code summary.md} of {@link EdgeFig4Experiment}. */
final class EdgeFig4Report {
    /** The paper's Fig. 5 values (mean, final) per method, for the summary. */
    private static final Map<String, double[]> PAPER = Map.of(EdgeFig4Experiment.SAC, new double[] {41.1, 42.6},
            "random", new double[] {39.6, 40.5}, "benchmark", new double[] {39.8, 39.5},
            "upper-bound", new double[] {43.6, 43.6});

    private EdgeFig4Report() {
    }

    static void writePlots(ExperimentContext ctx, EpochScores scores, EdgeFig4Schedule schedule)
            throws IOException {
        double[] epochs = new double[schedule.epochs()];
        for (int e = 0; e < epochs.length; e++) {
            epochs[e] = e + 1;
        }
        List<Plots.Series> lines = new ArrayList<>();
        for (String m : scores.methods()) {
            lines.add(Plots.Series.of(m, epochs, scores.curve(m)));
        }
        Plots.line(ctx.file("plots/reward-vs-epoch.png"), "Reward vs epoch (edge-select; paper Fig. 4)", "epoch",
                "mean reward on the epoch's evaluation tasks", lines);
        // A bar chart with the y axis starting near the smallest value: all rewards share the local base.
        CategoryChart chart = new CategoryChartBuilder().width(Plots.WIDTH).height(Plots.HEIGHT)
                .title("Mean and final reward per method (edge-select; paper Fig. 5)").xAxisTitle("method")
                .yAxisTitle("reward").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        double lowest = Double.POSITIVE_INFINITY;
        List<Double> means = new ArrayList<>();
        List<Double> finals = new ArrayList<>();
        for (String m : scores.methods()) {
            means.add(scores.mean(m));
            finals.add(scores.last(m, schedule.finalEpochs()));
            lowest = Math.min(lowest, Math.min(scores.mean(m), scores.last(m, schedule.finalEpochs())));
        }
        chart.getStyler().setYAxisMin(Math.floor(lowest - 1));
        chart.addSeries("mean", scores.methods(), means);
        chart.addSeries("final", scores.methods(), finals);
        Plots.save(chart, ctx.file("plots/mean-final-reward.png"));
    }

    static void writeSummary(ExperimentContext ctx, EdgeFig4Config config, Rows<MethodRow> results,
                             EdgeFig4Epochs.Outcome outcome, double seconds) throws IOException {
        EdgeConfig edge = config.edge();
        EdgeFig4Schedule schedule = config.schedule();
        EpochScores scores = outcome.scores();
        StringBuilder md = new StringBuilder("# edge-fig4: edge expert selection with discrete SAC"
                + " (MoE GAI in mobile edge networks, Fig. 4-5)\n\n");
        md.append(String.format(Locale.ROOT, "Env `edge-select`: %d edge devices, %d topics, SNR U[%.0f, %.0f] dB,"
                + " %.0f Hz, %.2f W, %d subtasks per task (one offloaded). Seed %d.%n%n", edge.numDevices(),
                edge.numTopics(), edge.snrDb().min(), edge.snrDb().max(), edge.bandwidthHz(), edge.powerW(),
                edge.numSubtasks(), config.seed()));
        md.append(String.format(Locale.ROOT, "SAC trained for %d epochs x %d tasks (%d env steps; training and"
                + " evaluation took %.1f s). After each"
                + " epoch every method is scored on the same %d fresh tasks (SAC: its greedy device, argmax π).%n%n",
                schedule.epochs(), schedule.stepsPerEpoch(), schedule.totalSteps(), seconds, schedule.evalTasks()));
        md.append(String.format(Locale.ROOT, "* **mean reward**: the average over all %d epochs of the method's mean"
                + " reward on that epoch's evaluation tasks;%n* **final reward**: the same average over the last %d"
                + " epochs.%n%n", schedule.epochs(), schedule.finalEpochs()));
        md.append(results.toMarkdown(3)).append('\n');
        md.append(String.format(Locale.ROOT, "For reference, the best device in hindsight (scores' noise known) gets"
                + " %.3f over the final epochs.%n%n", outcome.hindsightFinal()));
        md.append("## Against the paper (Fig. 5)\n\n| method | paper mean | paper final | here mean | here final |\n"
                + "|---|---|---|---|---|\n");
        for (String m : scores.methods()) {
            double[] p = PAPER.get(m);
            if (p == null) {
                continue; // NetMoE's greedy heuristic is not in the paper
            }
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.3f | %.3f |%n", m, p[0], p[1], scores.mean(m),
                    scores.last(m, schedule.finalEpochs())));
        }
        md.append('\n').append(ordering(scores, schedule)).append("\n\n");
        md.append("## Choices over the final epochs\n\n").append(outcome.choices().toMarkdown(3)).append('\n');
        md.append("`match_rate`: share of tasks sent to an expert of the subtask's topic; `completed_fraction`: mean"
                + " share of the content the device could generate; costs in reward units.\n\n");
        md.append("Files: `results.csv`, `reward-vs-epoch.csv`, `plots/reward-vs-epoch.png` (Fig. 4),"
                + " `plots/mean-final-reward.png` (Fig. 5), `sac-actor.bin`.\n");
        Files.writeString(ctx.file("summary.md"), md.toString());
    }

    /** The final-reward ordering in words, checked against the paper's claims. */
    private static String ordering(EpochScores scores, EdgeFig4Schedule schedule) {
        int f = schedule.finalEpochs();
        double sac = scores.last(EdgeFig4Experiment.SAC, f);
        double upper = scores.last("upper-bound", f);
        boolean beatsBaselines = sac > scores.last("random", f) && sac > scores.last("benchmark", f);
        double greedy = scores.last("greedy", f);
        return String.format(Locale.ROOT, "Paper: SAC beats random and benchmark and ends within %.1f %% of the upper"
                + " bound. Here: SAC %s both baselines on final reward and ends %.1f %% below the upper bound;"
                + " the greedy heuristic (not in the paper, no learning) ends at %.3f, %.3f %s SAC (one seed).",
                100 * (43.6 - 42.6) / 43.6, beatsBaselines ? "beats" : "does NOT beat", 100 * (upper - sac) / upper,
                greedy, Math.abs(greedy - sac), greedy > sac ? "above" : "below");
    }
}
