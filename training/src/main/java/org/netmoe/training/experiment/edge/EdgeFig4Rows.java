package org.netmoe.training.experiment.edge;

/** The rows of edge-fig4's result files (columns: the components in snake case). */
final class EdgeFig4Rows {
    private EdgeFig4Rows() {
    }

    /** A method's mean reward over every epoch and over the final epochs ({@code results.csv}, Fig. 5). */
    record MethodRow(String method, double meanReward, double finalReward) {
    }

    /**
     * What a method's devices looked like over the final epochs (the summary's choices table): the share
     * sent to an expert of the subtask's topic, the mean share of the content generated, the mean costs.
     */
    record ChoiceRow(String method, double matchRate, double completedFraction, double commCost,
                     double computeCost) {
    }

    /**
     * The columns of one epoch's {@code reward-vs-epoch.csv} row that are not a method's score: the env
     * steps trained so far, the best device in hindsight on the epoch's tasks, SAC's mean training return.
     */
    record EpochRow(int epoch, long envSteps, double bestInHindsight, double sacTrain) {
    }
}
