package org.netmoe.training.experiment.edge;

import org.netmoe.core.Require;

/**
 * The {@code schedule} section of {@code configs/edge-fig4.yaml}: how long SAC trains and how each
 * epoch is scored.
 *
 * @param epochs        epochs E, in [1, 100000]; each trains SAC for {@code stepsPerEpoch} tasks, then
 *                      scores every method on the same {@code evalTasks} fresh tasks
 * @param stepsPerEpoch env steps (one task each) of SAC training per epoch, {@code > 0}
 * @param evalTasks     fresh tasks every method is scored on after each epoch, {@code > 0}
 * @param finalEpochs   the last epochs averaged into the "final reward", in [1, epochs]
 */
public record EdgeFig4Schedule(int epochs, int stepsPerEpoch, int evalTasks, int finalEpochs) {
    public EdgeFig4Schedule {
        Require.inRange("epochs", epochs, 1, 100_000);
        Require.positive("stepsPerEpoch", stepsPerEpoch);
        Require.positive("evalTasks", evalTasks);
        Require.inRange("finalEpochs", finalEpochs, 1, epochs);
    }

    /** 80 epochs of 250 tasks, 500 evaluation tasks, the last 10 epochs as "final". */
    public static EdgeFig4Schedule defaults() {
        return new EdgeFig4Schedule(80, 250, 500, 10);
    }

    /** Training env steps in total. */
    public long totalSteps() {
        return (long) epochs * stepsPerEpoch;
    }
}
