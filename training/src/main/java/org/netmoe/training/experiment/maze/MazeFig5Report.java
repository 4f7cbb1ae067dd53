package org.netmoe.training.experiment.maze;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.netmoe.envs.maze.Cell;
import org.netmoe.envs.maze.MazeConfig;
import org.netmoe.envs.maze.MazeEnv;
import org.netmoe.moe.mix.Combiner;
import org.netmoe.moe.mix.Expert;
import org.netmoe.moe.mix.GateIds;
import org.netmoe.training.experiment.ExperimentContext;
import org.netmoe.training.experiment.maze.MazeRows.CurveRow;
import org.netmoe.training.experiment.maze.MazeRows.GateRow;
import org.netmoe.training.experiment.maze.MazeRows.PreferenceRow;
import org.netmoe.training.report.Plots;
import org.netmoe.training.report.Rows;

/** maze-fig5's files: the experts' preferences, the result tables, the success plots and {@code summary.md}. */
final class MazeFig5Report {
    private MazeFig5Report() {
    }

    /** Every expert's raw scores and normalized preferences in every cell, before and after the prize. */
    static void writePreferences(ExperimentContext ctx, Combiner combiner, MazeConfig maze) throws IOException {
        Rows<PreferenceRow> t = Rows.of(PreferenceRow.class);
        try (MazeEnv env = new MazeEnv(maze)) {
            for (int k = 0; k < combiner.experts().size(); k++) {
                Expert e = combiner.experts().get(k);
                for (int flag = 0; flag < 2; flag++) {
                    for (int y = 0; y < maze.height(); y++) {
                        for (int x = 0; x < maze.width(); x++) {
                            float[] obs = env.observation(new Cell(x, y), flag == 1);
                            double[] raw = e.scores(obs);
                            double[] p = combiner.preferences(k, obs);
                            for (int a = 0; a < raw.length; a++) {
                                t.add(new PreferenceRow(e.info().id(), x, y, flag, a, raw[a], p[a]));
                            }
                        }
                    }
                }
            }
        }
        t.writeCsv(ctx.file("expert-preferences.csv"));
    }

    /** The result tables, the plots and {@code summary.md}. */
    static void write(ExperimentContext ctx, MazeFig5Config c, List<Expert> experts, MazeFig5Experiment.Results r,
                      String llmNote) throws IOException {
        r.gates.writeCsv(ctx.file("results.csv"));
        r.single.writeCsv(ctx.file("experts.csv"));
        r.curves.writeCsv(ctx.file("network-gate-curves.csv"));
        for (MazeFig5Config.TaskSpec t : c.tasks()) {
            writeCurvePlot(ctx, t.id(), r.gates.where(g -> g.task().equals(t.id())).list(),
                    r.curves.where(p -> p.task().equals(t.id())).list());
        }
        writeSummary(ctx, c, experts, r, llmNote);
    }

    private static void writeCurvePlot(ExperimentContext ctx, String task, List<GateRow> gates, List<CurveRow> curve)
            throws IOException {
        double maxEp = curve.isEmpty() ? 1 : Math.max(1, curve.get(curve.size() - 1).episodes());
        List<Plots.Series> series = new ArrayList<>();
        if (!curve.isEmpty()) {
            series.add(Plots.Series.of("network (along training)", curve.stream().mapToDouble(CurveRow::episodes)
                    .toArray(), curve.stream().mapToDouble(CurveRow::successRate).toArray()));
        }
        for (GateRow g : gates) {
            if (!g.gate().equals(GateIds.NETWORK) && !Double.isNaN(g.successRate())) { // NaN: a failed gate
                series.add(Plots.Series.of(g.gate() + " (frozen, no training)", new double[] {0, maxEp},
                        new double[] {g.successRate(), g.successRate()}));
            }
        }
        Plots.line(ctx.file("plots/success-" + task + ".png"), "Success rate on " + task, "gate training episodes",
                "success rate", series, Plots.Range.UNIT);
    }

    private static void writeSummary(ExperimentContext ctx, MazeFig5Config c, List<Expert> experts,
                                     MazeFig5Experiment.Results r, String llmNote) throws IOException {
        StringBuilder md = new StringBuilder("# maze-fig5: mixture of frozen maze experts (LLM-enabled MoE, Fig. 5)\n\n");
        md.append("Experts (frozen DQN policies; preferences = softmax(Q/(τ·s)), τ = ").append(c.combiner().temperature())
                .append(", s = ").append(c.combiner().scaledByRange() ? "the expert's Q-value range" : "1")
                .append("; rule `").append(c.combiner().rule()).append("`):\n\n");
        for (Expert e : experts) {
            md.append("* `").append(e.info().id()).append("`: ").append(e.info().description()).append(" (trained for: ")
                    .append(e.info().trainedFor()).append(")\n");
        }
        MazeConfig maze = c.maze();
        md.append(String.format(Locale.ROOT, "%nEvaluation: %d episodes per gate and task, random start %s, slip"
                + " probability %.2f, time limit %d steps, actions %s.%n%n", c.evaluation().episodes(),
                maze.randomStart(), maze.slipProbability(), maze.maxEpisodeSteps(),
                c.evaluation().actions().equals("sample") ? "drawn from the combined policy π ∝ Π_k p_k^{w_k} (seeded)"
                        : "greedy (argmax of the combined score)"));
        md.append("## Gates\n\n").append(r.gates.toMarkdown(3)).append('\n');
        if (!llmNote.isEmpty()) {
            md.append(llmNote).append('\n');
        }
        md.append("## Single experts\n\n").append(r.single.toMarkdown(3)).append('\n');
        md.append("## Gate weights\n\n").append(r.gateLines).append('\n');
        md.append("Plots: `plots/success-<task>.png` (success rate against the network gate's training episodes; the"
                + " other gates are frozen lines), `plots/paths-<task>.png` (each gate's shortest successful path from"
                + " the start among " + MazeFig5Experiment.PATH_TRIES + " sampled episodes, with how many"
                + " succeeded).\n");
        Files.writeString(ctx.file("summary.md"), md.toString());
    }
}
