package org.netmoe.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

/** Task failures that no retry fixes become one line saying what to do. */
class SweepCommandTest {
    /** Spark's job abort, as the driver sees it, around the task's exception text. */
    private static SparkException aborted(String taskFailure) {
        return new SparkException("Job aborted due to stage failure: Task 1 in stage 0.0 failed 2 times, most recent"
                + " failure: Lost task 1.1 in stage 0.0 (TID 3) (10.0.0.2 executor 0): " + taskFailure
                + "\n\tat org.apache.spark.rdd.ParallelCollectionPartition.readObject(ParallelCollectionRDD.scala:80)");
    }

    @Test
    void aMissingClassOnTheExecutorsSaysHowToShipNetMoesJars() {
        String line = SweepCommand.unfixable(aborted(
                "java.io.IOException: java.lang.ClassNotFoundException: org.netmoe.sweep.SweepTask"));
        assertTrue(line.startsWith("an executor cannot load class org.netmoe.sweep.SweepTask"), line);
        assertTrue(line.contains("leave spark.jars unset") && line.contains("--jars"), line);
        assertEquals(1, line.lines().count());
    }

    @Test
    void aLibraryConflictSaysToPutNetMoesClassesFirst() {
        String line = SweepCommand.unfixable(aborted("java.lang.NoSuchMethodError: 'void com.fasterxml.jackson"
                + ".core.JsonParser.x()'"));
        assertTrue(line.contains("spark.executor.userClassPathFirst=true"), line);
        assertEquals(1, line.lines().count());
    }

    @Test
    void aRejectedConfigIsTheTasksOwnLine() {
        assertEquals("task t000 {seed=1}: agent.params.learningRate must be positive, was -1.0",
                SweepCommand.unfixable(aborted("java.lang.IllegalStateException: " + NetMoeTaskRunner.REJECTED
                        + "task t000 {seed=1}: agent.params.learningRate must be positive, was -1.0")));
    }

    @Test
    void aLostExecutorOrACrashMayBeFixedByRunningAgain() {
        assertNull(SweepCommand.unfixable(aborted("ExecutorLostFailure (executor 0 exited caused by one of the"
                + " running tasks) Reason: Command exited with code 137")));
        assertNull(SweepCommand.unfixable(aborted("java.lang.IllegalStateException: task t001 {seed=2}: netmoe"
                + " experiment exited with code 1; see /shared/runs/t001.out")));
    }
}
