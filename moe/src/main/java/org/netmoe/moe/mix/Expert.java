package org.netmoe.moe.mix;

import java.util.function.Function;

/** A frozen expert policy over a discrete action set. */
public interface Expert {
    /** What kind of scores {@link #scores} returns. */
    enum ScoreKind {
        /** Action values; normalized with a softmax at the combiner's temperature. */
        Q_VALUES,
        /** Action probabilities (non-negative); renormalized to sum 1. */
        PROBABILITIES
    }

    ExpertInfo info();

    ScoreKind kind();

    /** Number of actions. */
    int numActions();

    /** The raw per-action scores for {@code observation}; a fresh array of {@link #numActions()}. */
    double[] scores(float[] observation);

    /** An expert backed by a function (tests, analytic experts such as nsp's per-QoS evaluations). */
    static Expert of(ExpertInfo info, ScoreKind kind, int numActions, Function<float[], double[]> f) {
        return new Expert() {
            @Override
            public ExpertInfo info() {
                return info;
            }

            @Override
            public ScoreKind kind() {
                return kind;
            }

            @Override
            public int numActions() {
                return numActions;
            }

            @Override
            public double[] scores(float[] observation) {
                double[] s = f.apply(observation);
                if (s.length != numActions) {
                    throw new IllegalStateException("expert " + info.id() + " returned " + s.length + " scores for "
                            + numActions + " actions");
                }
                return s;
            }
        };
    }
}
