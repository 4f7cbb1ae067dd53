package org.netmoe.training.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.experiment.dmoe.DmoeTable1Experiment;
import org.netmoe.training.experiment.edge.EdgeFig4Experiment;
import org.netmoe.training.experiment.maze.MazeFig5Experiment;
import org.netmoe.training.experiment.maze.MazeLlmEvalExperiment;
import org.netmoe.training.experiment.multibs.MultibsFig12Experiment;
import org.netmoe.training.experiment.nsp.NspFig6Experiment;

/** Experiments by id, as selected by a config's {@code experiment:} field. */
public final class ExperimentRegistry {
    private final Map<String, Experiment> byId = new LinkedHashMap<>();

    private ExperimentRegistry(List<Experiment> experiments) {
        for (Experiment e : experiments) {
            if (byId.putIfAbsent(e.id(), e) != null) {
                throw new IllegalStateException("experiment id registered twice: " + e.id());
            }
        }
    }

    /** Every experiment NetMoE ships. */
    public static ExperimentRegistry standard() {
        List<Experiment> all = new ArrayList<>();
        // One line per experiment; keep ids in the order of the README.
        all.add(new MazeFig5Experiment());
        all.add(new MazeLlmEvalExperiment());
        all.add(new NspFig6Experiment());
        all.add(new EdgeFig4Experiment());
        all.add(new DmoeTable1Experiment());
        all.add(new MultibsFig12Experiment());
        return new ExperimentRegistry(all);
    }

    /** A registry of exactly {@code experiments} (tests). */
    public static ExperimentRegistry of(List<Experiment> experiments) {
        return new ExperimentRegistry(experiments);
    }

    /** The registered ids in registration order. */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /**
     * The experiment {@code id}.
     *
     * @throws ConfigException naming the field {@code experiment} and the allowed ids
     */
    public Experiment get(String id) {
        Experiment e = byId.get(id);
        if (e == null) {
            throw new ConfigException("experiment: unknown experiment '" + id + "'; allowed: " + ids());
        }
        return e;
    }
}
