package org.netmoe.sweep;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * Where a sweep's files live (a folder every executor sees, on a cluster a shared filesystem) and
 * what every task reports.
 *
 * <pre>
 * sweepDir/sweep.yaml              the sweep file as run (with --set applied)
 * sweepDir/configs/t000.yaml       each task's config
 * sweepDir/runs/t000/              each task's run directory (checkpoints, metrics, results)
 * sweepDir/runs/t000.out           each task's command output, every attempt appended
 * sweepDir/sweep.csv, summary.md, plots/   the aggregate
 * </pre>
 *
 * @param sweepDir the sweep directory (absolute)
 * @param results  the final metrics of a task
 * @param curve    the learning curve of a task, or null
 */
public record SweepLayout(String sweepDir, ResultSpec results, CurveSpec curve) implements Serializable {
    /** The marker a task's run directory gets once its command finished. */
    public static final String FINISHED = ".sweep-finished";

    public Path dir() {
        return Path.of(sweepDir);
    }

    /** The task's config file. */
    public Path config(SweepTask task) {
        return dir().resolve("configs").resolve(task.id() + ".yaml");
    }

    /** The task's run directory. */
    public Path runDir(SweepTask task) {
        return dir().resolve("runs").resolve(task.id());
    }

    /** The task's command output. */
    public Path output(SweepTask task) {
        return dir().resolve("runs").resolve(task.id() + ".out");
    }
}
