package org.netmoe.training.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BinaryOperator;
import org.netmoe.moe.mix.Combiner;
import org.netmoe.moe.mix.Condition;
import org.netmoe.moe.mix.FixedGate;
import org.netmoe.moe.mix.Gate;
import org.netmoe.moe.mix.GateIds;
import org.netmoe.moe.mix.PlanGate;
import org.netmoe.moe.mix.Stage;
import org.netmoe.moe.mix.StatePredicate;
import org.netmoe.training.config.ConfigException;

/**
 * The gates whose weights the config spells out ({@code gates.fixed}, {@code gates.plan}), built
 * from the expert ids and state predicates alone, so that a bad one fails before any expert trains:
 * an unknown gate id in {@code gates.run}, weights for an unknown task or expert, negative,
 * non-finite or all-zero weights, a plan stage on an unknown predicate, or a task that a gate in
 * {@code gates.run} has no weights for.
 */
public final class ConfiguredGates {
    private final Map<String, Gate> fixed;
    private final Map<String, Gate> plan;

    private ConfiguredGates(Map<String, Gate> fixed, Map<String, Gate> plan) {
        this.fixed = fixed;
        this.plan = plan;
    }

    /**
     * Checks and builds the configured gates.
     *
     * @param run        the gate ids to run ({@code fixed} and {@code plan} there need weights for every task)
     * @param expertIds  the experts' ids, in the combiner's order
     * @param predicates the state predicates plan stages may key on
     * @param tasks      the task ids
     * @param fixed      per task id: weights by expert id
     * @param plan       per task id: the plan's stages
     * @param field      the config path of a section ({@code gates.fixed}) for a task id
     * @throws ConfigException naming the field
     */
    public static ConfiguredGates check(List<String> run, List<String> expertIds, List<StatePredicate> predicates,
                                        List<String> tasks, Map<String, Map<String, Double>> fixed,
                                        Map<String, List<StageSpec>> plan, BinaryOperator<String> field) {
        for (String g : run) {
            if (!GateIds.ALL.contains(g)) {
                throw new ConfigException("gates.run: unknown gate '" + g + "'; allowed: " + GateIds.ALL);
            }
        }
        Map<String, Gate> fixedGates = new LinkedHashMap<>();
        fixed.forEach((task, w) -> fixedGates.put(task, new FixedGate(GateIds.FIXED,
                weights(w, expertIds, known(field.apply("gates.fixed", task), task, tasks)), expertIds)));
        Map<String, Gate> planGates = new LinkedHashMap<>();
        plan.forEach((task, stages) -> planGates.put(task,
                plan(stages, expertIds, predicates, known(field.apply("gates.plan", task), task, tasks))));
        for (String task : tasks) {
            if (run.contains(GateIds.FIXED) && !fixed.containsKey(task)) {
                throw new ConfigException(field.apply("gates.fixed", task) + ": missing (weights by expert id)");
            }
            if (run.contains(GateIds.PLAN) && !plan.containsKey(task)) {
                throw new ConfigException(field.apply("gates.plan", task) + ": missing (a list of {when, weights}"
                        + " stages)");
            }
        }
        return new ConfiguredGates(fixedGates, planGates);
    }

    private static String known(String field, String task, List<String> tasks) {
        if (!tasks.contains(task)) {
            throw new ConfigException(field + ": unknown task '" + task + "'; tasks are " + tasks);
        }
        return field;
    }

    /** Weights in expert order from weights by id (absent ids 0), validated and scaled to sum 1. */
    static double[] weights(Map<String, Double> byId, List<String> expertIds, String field) {
        byId.keySet().stream().filter(id -> !expertIds.contains(id)).findFirst().ifPresent(id -> {
            throw new ConfigException(field + ": unknown expert '" + id + "'; experts are " + expertIds);
        });
        double[] w = expertIds.stream().map(byId::get).mapToDouble(v -> v == null ? 0 : v).toArray();
        try {
            return Combiner.normalizeWeights(w, w.length);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(field + ": " + e.getMessage(), e);
        }
    }

    private static PlanGate plan(List<StageSpec> stages, List<String> expertIds, List<StatePredicate> predicates,
                                 String field) {
        if (stages.isEmpty()) {
            throw new ConfigException(field + ": missing (a list of {when, weights} stages)");
        }
        List<Stage> list = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            Condition when;
            try {
                when = Condition.parse(stages.get(i).when());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(field + "[" + i + "].when: " + e.getMessage(), e);
            }
            list.add(new Stage(when, weights(stages.get(i).weights(), expertIds, field + "[" + i + "].weights")));
        }
        try {
            return new PlanGate(GateIds.PLAN, list, predicates, expertIds);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(field + ": " + e.getMessage(), e);
        }
    }

    /** The {@code fixed} gate of {@code task}, when configured. */
    public Optional<Gate> fixed(String task) {
        return Optional.ofNullable(fixed.get(task));
    }

    /** The {@code plan} gate of {@code task}, when configured. */
    public Optional<Gate> plan(String task) {
        return Optional.ofNullable(plan.get(task));
    }
}
