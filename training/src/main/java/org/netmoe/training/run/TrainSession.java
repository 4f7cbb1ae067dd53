package org.netmoe.training.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.netmoe.checkpoints.Checkpoint;
import org.netmoe.checkpoints.CheckpointStore;

/**
 * One training session of a run directory, fresh ({@code train}) or continued ({@code resume}):
 * metrics (new, or restored to a checkpoint's content), the agent's training with checkpoints, the
 * final rows and the summary; a paused run prints how to continue it.
 */
public final class TrainSession {
    private static final Logger LOG = LogManager.getLogger(TrainSession.class);
    public static final String CHECKPOINTS = "checkpoints";

    private TrainSession() {
    }

    /**
     * Trains {@code run} in {@code dir} from {@code from} (empty: from scratch), pausing at
     * {@code stopAt}; writes checkpoints only when the agent is checkpointable.
     */
    public static void execute(ResolvedRun run, Path dir, String resolvedYaml, Optional<Checkpoint> from, long stopAt,
                        PrintWriter out) throws IOException {
        boolean checkpointed = run.agentSpec().checkpointable();
        try (CheckpointStore store = checkpointed
                ? CheckpointStore.open(dir.resolve(CHECKPOINTS), run.checkpoint().toConfig()) : null;
             MetricsWriter metrics = openMetrics(dir, from);
             Progress progress = Progress.start(run.agentSpec().id(), run.train().steps(), run.train().logEvery())) {
            RunCheckpointer checkpoints = checkpointed
                    ? RunCheckpointer.of(store, run.checkpoint().toConfig(), resolvedYaml, run.agentSpec().id(), metrics,
                            from, stopAt)
                    : RunCheckpointer.disabled();
            TrainContext ctx = new TrainContext(run.envSpec(), run.envConfig(), run.seed(), run.train(), dir,
                    metrics, progress, checkpoints);
            TrainOutcome outcome = run.agentSpec().train(ctx, run.agentConfig());
            if (!outcome.finished()) {
                String msg = "paused " + run.agentSpec().id() + " at env step " + outcome.envSteps() + " of "
                        + run.train().steps() + " with a checkpoint; continue with: netmoe resume --run-dir " + dir;
                LOG.info(msg);
                out.println(msg);
                out.flush();
                return;
            }
            writeFinalRows(metrics, outcome);
            String summary = String.format(Locale.ROOT,
                    "trained %s on %s: %d env steps, %d episodes, %.1f s (%.0f steps/s); greedy eval over %d episodes:"
                            + " mean return %.3f, success rate %.3f, oracle fraction %.3f", run.agentSpec().id(),
                    run.envSpec().id(), outcome.envSteps(), outcome.episodes(), outcome.wallSeconds(),
                    outcome.stepsPerSecond(), outcome.eval().episodes(), outcome.eval().meanReturn(),
                    outcome.eval().successRate(), outcome.eval().oracleFraction());
            LOG.info(summary);
            out.println(summary);
            out.println("run directory: " + dir);
            out.flush();
        }
    }

    private static MetricsWriter openMetrics(Path dir, Optional<Checkpoint> from) throws IOException {
        if (from.isEmpty()) {
            return new MetricsWriter(dir);
        }
        byte[][] content = RunCheckpointer.metrics(from.get());
        return MetricsWriter.resume(dir, content[0], content[1]);
    }

    private static void writeFinalRows(MetricsWriter metrics, TrainOutcome outcome) {
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
}
