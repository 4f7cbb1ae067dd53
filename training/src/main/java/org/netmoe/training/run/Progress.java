package org.netmoe.training.run;

import java.time.Duration;
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
    private final long total;
    private final long logEvery;
    private final long startNanos = System.nanoTime();
    private long nextLog;
    private double recentReturn = Double.NaN;

    private Progress(ProgressBar bar, long total, long logEvery) {
        this.bar = bar;
        this.total = total;
        this.logEvery = logEvery;
        this.nextLog = logEvery;
    }

    /** A bar when stderr is a terminal ({@code System.console() != null}), log lines otherwise. */
    public static Progress start(String task, long totalSteps, long logEvery) {
        ProgressBar bar = System.console() == null ? null : new ProgressBarBuilder()
                .setTaskName(task).setInitialMax(totalSteps).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250).showSpeed().setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS)
                .setUnit(" steps", 1).build();
        return new Progress(bar, totalSteps, logEvery);
    }

    /** Progress that shows nothing (benchmarks). */
    public static Progress quiet() {
        return new Progress(null, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /** Reports that {@code step} env steps are done; {@code recentReturn} may be NaN until an episode ends. */
    public void update(long step, double recentReturn) {
        if (!Double.isNaN(recentReturn)) {
            this.recentReturn = recentReturn;
        }
        if (bar != null) {
            bar.stepTo(step);
            bar.setExtraMessage(String.format(Locale.ROOT, "return %.3f", this.recentReturn));
        } else if (step >= nextLog || step == total) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            double sps = step / Math.max(seconds, 1e-9);
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
