package org.netmoe.training.experiment.maze;

/** The rows of the maze experiments' result files (columns: the components in snake case). */
final class MazeRows {
    private MazeRows() {
    }

    /** A gate's score on a task ({@code results.csv}); NaN scores and 0 episodes for a failed gate. */
    record GateRow(String gate, String task, double successRate, double meanSteps, double meanReturn, int episodes) {
        static GateRow of(String gate, String task, MazeGateEvaluator.Score s) {
            return new GateRow(gate, task, s.successRate(), s.meanSteps(), s.meanReturn(), s.episodes());
        }

        static GateRow failed(String gate, String task) {
            return new GateRow(gate, task, Double.NaN, Double.NaN, Double.NaN, 0);
        }
    }

    /** A single expert's score on a task ({@code experts.csv}). */
    record ExpertRow(String expert, String task, double successRate, double meanSteps, double meanReturn,
                     int episodes) {
        static ExpertRow of(String expert, String task, MazeGateEvaluator.Score s) {
            return new ExpertRow(expert, task, s.successRate(), s.meanSteps(), s.meanReturn(), s.episodes());
        }
    }

    /** One point of the network gate's training curve ({@code network-gate-curves.csv}). */
    record CurveRow(String gate, String task, long envSteps, long episodes, double successRate, double meanReturn) {
    }

    /** An expert's raw score and normalized preference of one action in one cell ({@code expert-preferences.csv}). */
    record PreferenceRow(String expert, int x, int y, int prizeCollected, int action, double score,
                         double preference) {
    }

    /**
     * A method's success over plans or seeds on a task ({@code maze-llm-eval}'s {@code results.csv}), its
     * interval clipped to [0, 1]; and its steps: the mean over plans or seeds of each one's mean steps of
     * its successful episodes (plans without a success left out), with its 95 % t interval.
     */
    record MethodRow(String method, String style, String task, int plans, double meanSuccess, double sdSuccess,
                     double minSuccess, double maxSuccess, double solvedFraction, double ci95Low, double ci95High,
                     double meanSteps, double stepsCi95Low, double stepsCi95High) {
        static MethodRow of(String method, String style, String task, SuccessStats s, double[] steps) {
            double[] m = SuccessStats.meanInterval(steps);
            return new MethodRow(method, style, task, s.n(), s.mean(), s.sd(), s.min(), s.max(), s.solvedFraction(),
                    s.ciLow(), s.ciHigh(), m[0], m[1], m[2]);
        }
    }

    /** One sampled LLM plan and its score ({@code llm-samples.csv}); a failed plan has NaN scores. */
    record SampleRow(String style, String task, int sample, long seed, String outcome, int exchanges,
                     long modelMillis, double successRate, double meanSteps, double meanReturn, String plan) {
    }

    /** One point of one seed's network gate curve ({@code network-curves.csv}). */
    record SeedCurveRow(String task, long seed, long envSteps, long episodes, double successRate, double meanReturn) {
    }

    /** The network gate's mean success over seeds at one point, with its 95 % interval ({@code network-curve-ci.csv}). */
    record CurveCiRow(String task, long envSteps, int seeds, double meanSuccess, double ci95Low, double ci95High) {
    }

    /** Per prompt style and task: plans, outcomes and latency per call (summary.md). */
    record CallsRow(String style, String task, int plans, int firstTry, int repaired, int fallback, long calls,
                    double meanSPerCall, double maxSPerCall) {
    }
}
