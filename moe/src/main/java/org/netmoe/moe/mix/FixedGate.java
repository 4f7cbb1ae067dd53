package org.netmoe.moe.mix;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The same weights at every step: the {@code uniform} and {@code fixed} gates, and fixed oracles. */
public final class FixedGate implements Gate {
    private final String id;
    private final double[] weights;
    private final List<String> expertIds;

    /** A gate {@code id} with {@code weights} (validated, normalized to sum 1) over {@code expertIds}. */
    public FixedGate(String id, double[] weights, List<String> expertIds) {
        this.id = id;
        this.weights = Combiner.normalizeWeights(weights, expertIds.size());
        this.expertIds = List.copyOf(expertIds);
    }

    /** Equal weights over every expert of {@code combiner}. */
    public static FixedGate uniform(Combiner combiner) {
        return new FixedGate(GateIds.UNIFORM, combiner.uniformWeights(), combiner.ids());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public double[] weights(float[] observation) {
        return weights.clone();
    }

    @Override
    public String describe() {
        return formatWeights(weights, expertIds);
    }

    /** {@code {a: 0.50, b: 0.50}} with zero weights left out. */
    static String formatWeights(double[] w, List<String> ids) {
        StringBuilder sb = new StringBuilder("{");
        for (int k = 0; k < w.length; k++) {
            if (w[k] == 0) {
                continue;
            }
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(ids.get(k)).append(": ").append(String.format(Locale.ROOT, "%.2f", w[k]));
        }
        return sb.append('}').toString();
    }

    @Override
    public String toString() {
        return id + Arrays.toString(weights);
    }
}
