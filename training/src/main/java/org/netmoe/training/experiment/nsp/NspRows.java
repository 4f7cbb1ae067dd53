package org.netmoe.training.experiment.nsp;

/** The rows of nsp-fig6's result files (columns: the components in snake case). */
final class NspRows {
    private NspRows() {
    }

    /** A method's scores on the evaluation users ({@code results.csv}); NaN scores and 0 users for a failed gate. */
    record MethodRow(String method, double meanUtility, double meanRegret, double optimalFraction, int users) {
        static MethodRow of(String method, NspEvaluator.Score s) {
            return new MethodRow(method, s.meanUtility(), s.meanRegret(), s.optimalFraction(), s.users());
        }

        static MethodRow failed(String method) {
            return new MethodRow(method, Double.NaN, Double.NaN, Double.NaN, 0);
        }
    }

    /** What a method cost to make ({@code cost.csv}). */
    record CostRow(String method, long trainingEnvSteps, double trainingSeconds, String note) {
    }

    /** One point of the network gate's training curve ({@code network-gate-curve.csv}). */
    record CurveRow(long envSteps, long episodes, double meanRegret, double optimalFraction) {
    }

    /** An expert's raw score and normalized evaluation of one power for the default user ({@code expert-evaluations.csv}). */
    record EvaluationRow(String expert, double powerW, double rawScore, double normalizedEvaluation) {
    }
}
