package org.netmoe.training.experiment;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.netmoe.core.Require;
import org.netmoe.moe.mix.Combiner;
import org.netmoe.moe.mix.Expert;

/**
 * The {@code combiner} section of maze-fig5, maze-llm-eval and nsp-fig6: how the frozen experts'
 * scores are normalized and combined (org.netmoe.moe.mix.Combiner).
 *
 * @param rule        {@code product} ({@code Σ_k w_k log p_k}: an expert can veto an action) or {@code mixture}
 * @param temperature softmax temperature τ of Q-value experts, {@code > 0}
 * @param scale       {@code range} (each Q-value expert's τ times its Q-value range over the experiment's
 *                    observations) or {@code none}
 * @param probes      observations drawn to measure the ranges where the env's observations are not
 *                    enumerated (nsp-fig6); the maze experiments enumerate every cell instead
 */
public record CombinerSpec(String rule, double temperature, String scale, int probes) {
    /** The allowed {@code rule} values. */
    public static final List<String> RULES = List.of("product", "mixture");
    /** The allowed {@code scale} values. */
    public static final List<String> SCALES = List.of("range", "none");

    public CombinerSpec {
        Require.oneOf("rule", rule, RULES);
        Require.positive("temperature", temperature);
        Require.oneOf("scale", scale, SCALES);
        Require.positive("probes", probes);
    }

    /** Whether each expert's temperature is scaled by its Q-value range. */
    public boolean scaledByRange() {
        return scale.equals("range");
    }

    /**
     * The combiner of {@code experts}; with scale {@code range}, its temperatures are scaled over
     * the observations {@code rangeObservations} gives (asked only then).
     */
    public Combiner build(List<Expert> experts, Supplier<List<float[]>> rangeObservations) {
        Combiner combiner = new Combiner(experts, Combiner.Rule.valueOf(rule.toUpperCase(Locale.ROOT)), temperature);
        return scaledByRange() ? combiner.scaledByRange(rangeObservations.get()) : combiner;
    }
}
