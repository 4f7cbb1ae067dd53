package org.netmoe.training.experiment.edge;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.netmoe.agents.sac.SacConfig;
import org.netmoe.envs.edge.EdgeBaseline;
import org.netmoe.envs.edge.EdgeConfig;
import org.netmoe.training.experiment.Experiment;
import org.netmoe.training.experiment.ExperimentContext;
import org.netmoe.training.experiment.edge.EdgeFig4Rows.EpochRow;
import org.netmoe.training.experiment.edge.EdgeFig4Rows.MethodRow;
import org.netmoe.training.report.Rows;
import org.netmoe.training.report.Table;

/**
 * Paper <i>moe-generative-ai-mobile-edge</i>, Sec. IV-D, Fig. 4–5: discrete SAC learns which edge
 * device gets the subtask the user device cannot run ({@code edge-select}); after every training
 * epoch the greedy SAC policy and the baselines ({@code random}, {@code benchmark}: drop the subtask,
 * {@code greedy}: the topic-matched device of best expected reward, no learning, {@code upper-bound}: the
 * user device has the resources) are scored on the same fresh tasks. Writes
 * the reward-versus-epoch curves (Fig. 4), the mean and final reward per method (Fig. 5) and a summary.
 *
 * <p>The whole config is bound and checked first ({@link EdgeFig4Config#bind}): sections {@code edge}
 * ({@link EdgeConfig}), {@code sac} ({@link SacConfig}, defaults {@link EdgeFig4Config#defaultSac()}),
 * {@code schedule} ({@link EdgeFig4Schedule}).
 */
public final class EdgeFig4Experiment implements Experiment {
    /** The results row of the trained SAC policy. */
    public static final String SAC = "sac";
    /** The column of the best device in hindsight (noise known), a reference, not a method. */
    static final String HINDSIGHT = "best-in-hindsight";

    @Override
    public String id() {
        return "edge-fig4";
    }

    @Override
    public String description() {
        return "discrete SAC selects the edge expert for an offloaded GAI subtask, against random, benchmark"
                + " (drop it) and upper bound (MoE GAI in mobile edge networks, Fig. 4-5)";
    }

    @Override
    public void run(ExperimentContext ctx) throws IOException {
        EdgeFig4Config config = EdgeFig4Config.bind(ctx);
        EdgeFig4Schedule schedule = config.schedule();
        ctx.say(String.format(Locale.ROOT, "training discrete SAC on edge-select: %d epochs x %d tasks, %d evaluation"
                + " tasks per epoch", schedule.epochs(), schedule.stepsPerEpoch(), schedule.evalTasks()));
        long start = System.nanoTime();
        EdgeFig4Epochs.Outcome outcome = EdgeFig4Epochs.run(ctx, config);
        double seconds = (System.nanoTime() - start) / 1e9;
        Rows<MethodRow> results = results(ctx, outcome.scores(), schedule);
        results.writeCsv(ctx.file("results.csv"));
        curve(outcome).writeCsv(ctx.file("reward-vs-epoch.csv"));
        EdgeFig4Report.writePlots(ctx, outcome.scores(), schedule);
        EdgeFig4Report.writeSummary(ctx, config, results, outcome, seconds);
    }

    /** Each method's mean and final reward (Fig. 5), also printed. */
    private static Rows<MethodRow> results(ExperimentContext ctx, EpochScores scores, EdgeFig4Schedule schedule) {
        Rows<MethodRow> results = Rows.of(MethodRow.class);
        for (String m : scores.methods()) {
            MethodRow row = new MethodRow(m, scores.mean(m), scores.last(m, schedule.finalEpochs()));
            results.add(row);
            ctx.say(String.format(Locale.ROOT, "%-12s mean reward %.3f  final reward %.3f", m, row.meanReward(),
                    row.finalReward()));
        }
        return results;
    }

    /**
     * The reward-versus-epoch curves (Fig. 4): epoch, env steps, one column per method, the best device
     * in hindsight, SAC's training return. A {@link Table}, not {@link Rows}: the method columns follow
     * {@link EdgeBaseline#ids()} and are named like them ({@code upper-bound}), which no record can express.
     */
    private static Table curve(EdgeFig4Epochs.Outcome outcome) {
        EpochScores scores = outcome.scores();
        List<String> header = new ArrayList<>(List.of("epoch", "env_steps"));
        header.addAll(scores.methods());
        header.addAll(List.of(HINDSIGHT, "sac_train"));
        Table curve = Table.of(header.toArray(String[]::new));
        for (EpochRow e : outcome.epochs()) {
            List<Object> row = new ArrayList<>(List.of(e.epoch(), e.envSteps()));
            for (String m : scores.methods()) {
                row.add(scores.at(m, e.epoch() - 1));
            }
            row.add(e.bestInHindsight());
            row.add(e.sacTrain());
            curve.add(row.toArray());
        }
        return curve;
    }
}
