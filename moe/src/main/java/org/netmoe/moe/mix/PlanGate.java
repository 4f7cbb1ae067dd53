package org.netmoe.moe.mix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stage-wise plan: the first stage whose condition holds gives the weights (e.g. "before the
 * prize: c and b; after: a and b"); when none holds the last stage applies. Used by the
 * {@code plan}, {@code oracle} (stage-wise) and {@code llm} gates.
 */
public final class PlanGate implements Gate {
    private final String id;
    private final List<Stage> stages;
    private final Map<String, StatePredicate> predicates = new HashMap<>();
    private final List<String> expertIds;

    /**
     * @param stages     the stages in order; conditions must name known predicates
     * @param predicates the predicates the conditions may use
     * @param expertIds  the combiner's expert ids (weights are in this order)
     * @throws IllegalArgumentException naming the stage and what is wrong
     */
    public PlanGate(String id, List<Stage> stages, List<StatePredicate> predicates, List<String> expertIds) {
        if (stages == null || stages.isEmpty()) {
            throw new IllegalArgumentException(id + " plan: needs at least one stage");
        }
        for (StatePredicate p : predicates) {
            this.predicates.put(p.id(), p);
        }
        List<Stage> checked = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            Stage s = stages.get(i);
            String name = s.when().startsWith("not:") ? s.when().substring(4) : s.when();
            if (!s.when().equals(Stage.ALWAYS) && !this.predicates.containsKey(name)) {
                throw new IllegalArgumentException(id + " plan: stage " + i + ": unknown condition '" + s.when()
                        + "'; allowed: always, " + this.predicates.keySet() + " or not:<predicate>");
            }
            try {
                checked.add(new Stage(s.when(), Combiner.normalizeWeights(s.weights(), expertIds.size())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(id + " plan: stage " + i + ": " + e.getMessage(), e);
            }
        }
        this.id = id;
        this.stages = List.copyOf(checked);
        this.expertIds = List.copyOf(expertIds);
    }

    public List<Stage> stages() {
        return stages;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public double[] weights(float[] observation) {
        for (Stage s : stages) {
            if (holds(s.when(), observation)) {
                return s.weights();
            }
        }
        return stages.get(stages.size() - 1).weights();
    }

    private boolean holds(String when, float[] observation) {
        if (when.equals(Stage.ALWAYS)) {
            return true;
        }
        if (when.startsWith("not:")) {
            return !predicates.get(when.substring(4)).test(observation);
        }
        return predicates.get(when).test(observation);
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Stage s : stages) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(s.when()).append(": ").append(FixedGate.formatWeights(s.weights(), expertIds));
        }
        return sb.toString();
    }
}
