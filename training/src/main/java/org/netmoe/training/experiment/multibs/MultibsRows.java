package org.netmoe.training.experiment.multibs;

/** The rows of multibs-fig12's result files (columns: the components in snake case). */
final class MultibsRows {
    private MultibsRows() {
    }

    /**
     * One (architecture, seed) run's final evaluation on the test users ({@code results.csv}).
     *
     * @param stepsToThreshold the env step of the first evaluation at or above the threshold; null (an empty cell)
     *                         when none reached it
     */
    record ResultRow(String architecture, int seed, double finalReward, double finalMatch, Long stepsToThreshold,
                     long parameters) {
        static ResultRow of(String architecture, int seed, MultibsRun.Result r, double threshold) {
            return new ResultRow(architecture, seed, r.last().reward(), r.last().precoderAccuracy(),
                    MultibsSummary.stepsToThreshold(r, threshold), r.parameters());
        }
    }

    /** One evaluation along a run ({@code curves.csv}). */
    record CurveRow(String architecture, int seed, long step, double reward, double precoderAccuracy,
                    double trainReward, double trainAccuracy) {
        static CurveRow of(String architecture, int seed, MultibsRun.Point p) {
            return new CurveRow(architecture, seed, p.step(), p.reward(), p.precoderAccuracy(), p.trainReward(),
                    p.trainAccuracy());
        }
    }

    /**
     * A non-learned reference on the test users ({@code reference.csv}).
     *
     * @param matchRate null (an empty cell) for a rule without a match rate
     */
    record ReferenceRow(String reference, double sumRate, Double matchRate) {
        static ReferenceRow of(UserGrid.Reference r) {
            return new ReferenceRow(r.name(), r.sumRate(), Double.isNaN(r.match()) ? null : r.match());
        }
    }
}
