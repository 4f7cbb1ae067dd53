package org.netmoe.training.run;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Training progress: a progress bar (steps/s, ETA, recent return) on a terminal, plain log lines
 * every {@code logEvery} steps otherwise.
 */
public final class Progress implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(Progress.class);
    private final ProgressBar bar;
    private final long startStep;
    private final long total;
    private final long logEvery;
    private final long startNanos = System.nanoTime();
    private long nextLog;
    private double recentReturn = Double.NaN;

    private Progress(ProgressBar bar, long startStep, long total, long logEvery) {
        this.bar = bar;
        this.startStep = startStep;
        this.total = total;
        this.logEvery = logEvery;
        this.nextLog = logEvery == Long.MAX_VALUE ? logEvery : (startStep / logEvery + 1) * logEvery;
    }

    /**
     * A bar when stderr is a terminal ({@code System.console() != null}), log lines otherwise. Steps
     * per second count only the steps after {@code startStep} (0, or the step a resumed run starts at).
     */
    public static Progress start(String task, long startStep, long totalSteps, long logEvery) {
        ProgressBar bar = System.console() == null ? null : bar(task, startStep, totalSteps).build();
        return new Progress(bar, startStep, totalSteps, logEvery);
    }

    /** The bar's settings; a resumed run's bar starts at its step with no time elapsed, so its speed is this process's. */
    static ProgressBarBuilder bar(String task, long startStep, long totalSteps) {
        return new ProgressBarBuilder()
                .setTaskName(task).setInitialMax(totalSteps).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250).showSpeed().setSpeedUnit(ChronoUnit.SECONDS)
                .setUnit(" steps", 1).startsFrom(startStep, Duration.ZERO);
    }

    /** Progress shown on {@code bar} (tests). */
    static Progress onBar(ProgressBar bar, long startStep, long totalSteps) {
        return new Progress(bar, startStep, totalSteps, Long.MAX_VALUE);
    }

    /** Progress that shows nothing (benchmarks). */
    public static Progress quiet() {
        return new Progress(null, 0, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /** Reports that {@code step} env steps are done; {@code recentReturn} may be NaN until an episode ends. */
    public void update(long step, double recentReturn) {
        if (!Double.isNaN(recentReturn)) {
            this.recentReturn = recentReturn;
        }
        if (bar != null) {
            bar.stepTo(step);
            // The bar prints the extra message right after "steps/s": it needs its own separator.
            bar.setExtraMessage(Double.isNaN(this.recentReturn) ? ""
                    : String.format(Locale.ROOT, " return %.3f", this.recentReturn));
        } else if (step >= nextLog || step == total) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            double sps = (step - startStep) / Math.max(seconds, 1e-9);
            Duration eta = Duration.ofSeconds((long) ((total - step) / Math.max(sps, 1e-9)));
            LOG.info(String.format(Locale.ROOT, "step %d/%d  %.0f steps/s  ETA %s  recent return %.3f",
                    step, total, sps, eta.toString().substring(2).toLowerCase(Locale.ROOT), this.recentReturn));
            while (nextLog <= step) {
                nextLog += logEvery;
            }
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
