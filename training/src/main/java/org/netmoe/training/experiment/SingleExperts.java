package org.netmoe.training.experiment;

import java.util.LinkedHashMap;
import java.util.Map;
import org.netmoe.moe.mix.Combiner;
import org.netmoe.moe.mix.FixedGate;
import org.netmoe.moe.mix.Gate;

/** The single-expert baselines: for each expert, the gate that gives it all the weight. */
public final class SingleExperts {
    private SingleExperts() {
    }

    /** By expert id, in the combiner's order: the gate with weight 1 on that expert, its id {@code prefix + id}. */
    public static Map<String, Gate> gates(Combiner combiner, String prefix) {
        Map<String, Gate> out = new LinkedHashMap<>();
        for (int k = 0; k < combiner.ids().size(); k++) {
            double[] w = new double[combiner.ids().size()];
            w[k] = 1;
            out.put(combiner.ids().get(k), new FixedGate(prefix + combiner.ids().get(k), w, combiner.ids()));
        }
        return out;
    }
}
