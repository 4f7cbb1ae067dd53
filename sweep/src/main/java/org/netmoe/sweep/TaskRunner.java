package org.netmoe.sweep;

import java.io.Serializable;

/** Runs one task on an executor; Spark retries it when it throws. Serializable: Spark ships it to executors. */
@FunctionalInterface
public interface TaskRunner extends Serializable {
    /**
     * Runs {@code task} (or finishes it, when an earlier attempt left a checkpoint) in
     * {@code layout}'s run directory for it and returns what it reports.
     *
     * @param attempt the Spark attempt number, 0 for the first
     */
    TaskResult run(SweepTask task, SweepLayout layout, int attempt) throws Exception;
}
