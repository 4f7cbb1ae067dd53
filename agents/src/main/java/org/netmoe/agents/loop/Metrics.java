package org.netmoe.agents.loop;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ObjDoubleConsumer;

/**
 * The metrics of one update, reported under NetMoE's fixed names ({@code train/loss},
 * {@code train/q_mean}, {@code train/policy_loss}, {@code gate/load_balance}, …). Implemented over
 * typed stats records ({@code dqn.UpdateStats}, {@code sac.UpdateStats}, {@code ppo.UpdateStats},
 * {@link GateMetrics}), so a loop never builds a name-to-value map itself.
 */
@FunctionalInterface
public interface Metrics {
    /** Hands every metric to {@code sink} as (name, value), always in the same order. */
    void forEach(ObjDoubleConsumer<String> sink);

    /** These metrics followed by {@code more}'s. */
    default Metrics and(Metrics more) {
        return sink -> {
            forEach(sink);
            more.forEach(sink);
        };
    }

    /** A copy as an insertion-ordered map (tests and reports). */
    default Map<String, Double> toMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        forEach(map::put);
        return map;
    }
}
