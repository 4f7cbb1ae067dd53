package org.netmoe.training.experiment.edge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per method, its mean evaluation reward after each epoch, and the mean and final reward derived from them. */
final class EpochScores {
    private final Map<String, List<Double>> byMethod = new LinkedHashMap<>();

    EpochScores(List<String> methods) {
        for (String m : methods) {
            byMethod.put(m, new ArrayList<>());
        }
    }

    void add(String method, double reward) {
        byMethod.get(method).add(reward);
    }

    List<String> methods() {
        return List.copyOf(byMethod.keySet());
    }

    double at(String method, int epochIndex) {
        return byMethod.get(method).get(epochIndex);
    }

    double[] curve(String method) {
        return byMethod.get(method).stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The mean over every epoch. */
    double mean(String method) {
        return byMethod.get(method).stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** The mean over the last {@code lastEpochs} epochs. */
    double last(String method, int lastEpochs) {
        List<Double> v = byMethod.get(method);
        return v.subList(Math.max(0, v.size() - lastEpochs), v.size()).stream().mapToDouble(Double::doubleValue)
                .average().orElse(Double.NaN);
    }
}
