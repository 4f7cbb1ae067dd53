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
import org.netmoe.training.plot.LearningCurves;

/**
 * One training session of a run directory, fresh ({@code train}) or continued ({@code resume}):
 * metrics (new, or restored to a checkpoint's content), the agent's training with checkpoints, the
 * final rows, the learning-curve plot ({@code plots/learning-curve.png}) and the summary; a paused
 * run prints how to continue it.
 */
public final class TrainSession {
    private static final Logger LOG = LogManager.getLogger(TrainSession.class);
    public static final String CHECKPOINTS = "checkpoints";

    private TrainSession() {
    }

    /**
     * Trains {@code run} in {@code dir} from {@code from} (empty: from scratch), pausing at
     * {@code stopAt}; writes checkpoints only when the agent is checkpointable. Returns what the
     * agent's training reports ({@link TrainOutcome#finished()} false when it paused at {@code stopAt}).
     */
    public static TrainOutcome execute(ResolvedRun run, Path dir, String resolvedYaml, Optional<Checkpoint> from, long stopAt,
                        PrintWriter out) throws IOException {
        boolean checkpointed = run.agentSpec().checkpointable();
        long startStep = from.map(Checkpoint::step).orElse(0L);
        try (CheckpointStore store = checkpointed
                ? CheckpointStore.open(dir.resolve(CHECKPOINTS), run.checkpoint().toConfig()) : null;
             MetricsWriter metrics = openMetrics(dir, from, resolvedYaml);
             Progress progress = Progress.start(run.agentSpec().id(), startStep, run.train().steps(),
                     run.train().logEvery())) {
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
                ReportLine.print(LOG, out, msg);
                return outcome;
            }
            writeFinalRows(metrics, outcome, startStep);
            metrics.flush();
            try {
                LearningCurves.writeRunPlot(dir);
            } catch (IOException | RuntimeException e) {
                // The run is trained and saved; a plot that cannot be drawn must not turn it into a failure.
                LOG.warn("learning-curve plot not written: {}", e.toString());
            }
            ReportLine.print(LOG, out, summary(run, outcome, startStep));
            out.println("run directory: " + dir);
            out.flush();
            return outcome;
        }
    }

    /** The closing line: what was trained, how fast in this process, and the greedy evaluation where defined. */
    private static String summary(ResolvedRun run, TrainOutcome outcome, long startStep) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "trained %s on %s: %d env steps, %d episodes",
                run.agentSpec().id(), run.envSpec().id(), outcome.envSteps(), outcome.episodes()));
        long stepsHere = outcome.envSteps() - startStep;
        if (stepsHere <= 0) {
            s.append("; the checkpoint it resumed from was already the end of the run");
        } else if (startStep > 0) {
            s.append(String.format(Locale.ROOT, "; resumed at env step %d: %d env steps in %.1f s (%.0f steps/s)",
                    startStep, stepsHere, outcome.wallSeconds(), outcome.stepsPerSecond(startStep)));
        } else {
            s.append(String.format(Locale.ROOT, ", %.1f s (%.0f steps/s)", outcome.wallSeconds(),
                    outcome.stepsPerSecond(startStep)));
        }
        GreedyEvaluation.Result eval = outcome.eval();
        if (eval.episodes() == 0) {
            return s.append("; no greedy evaluation (train.evalEpisodes: 0)").toString();
        }
        s.append(String.format(Locale.ROOT, "; greedy eval over %d episodes: mean return %.3f", eval.episodes(),
                eval.meanReturn()));
        // Success is defined by maze-like envs, the oracle by nsp-power: print each only where the env defines it.
        if (!Double.isNaN(eval.successRate())) {
            s.append(String.format(Locale.ROOT, ", success rate %.3f", eval.successRate()));
        }
        if (!Double.isNaN(eval.oracleFraction())) {
            s.append(String.format(Locale.ROOT, ", oracle fraction %.3f", eval.oracleFraction()));
        }
        return s.toString();
    }

    /**
     * New metrics files (the resolved config goes to TensorBoard's text tab as {@code hparams/config}),
     * or the checkpoint's restored.
     */
    private static MetricsWriter openMetrics(Path dir, Optional<Checkpoint> from, String resolvedYaml)
            throws IOException {
        if (from.isEmpty()) {
            MetricsWriter metrics = new MetricsWriter(dir);
            metrics.text(0, "hparams/config", "```yaml\n" + resolvedYaml + "\n```");
            return metrics;
        }
        byte[][] content = RunCheckpointer.metrics(from.get());
        return MetricsWriter.resume(dir, content[0], content[1], RunCheckpointer.events(from.get()));
    }

    private static void writeFinalRows(MetricsWriter metrics, TrainOutcome outcome, long startStep) {
        double stepsPerSecond = outcome.stepsPerSecond(startStep);
        if (!Double.isNaN(stepsPerSecond)) {
            metrics.record(outcome.envSteps(), "time/steps_per_second", stepsPerSecond);
        }
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
