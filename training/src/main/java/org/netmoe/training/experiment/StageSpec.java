package org.netmoe.training.experiment;

import java.util.Map;
import org.netmoe.core.Require;

/**
 * One stage of a configured {@code plan} gate.
 *
 * @param when    {@code always}, a state predicate's id, or {@code not:<id>}
 * @param weights weight by expert id (absent experts get 0)
 */
public record StageSpec(String when, Map<String, Double> weights) {
    public StageSpec {
        Require.nonNull("when", when);
        Require.nonNull("weights", weights);
    }
}
