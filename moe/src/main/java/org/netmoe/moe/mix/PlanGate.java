package org.netmoe.moe.mix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A stage-wise plan: the first stage whose condition holds gives the weights (e.g. "before the
 * prize: c and b; after: a and b"); when none holds the last stage applies. Used by the
 * {@code plan}, {@code oracle} (stage-wise) and {@code llm} gates.
 */
public final class PlanGate implements Gate {
    private final String id;
    private final List<Stage> stages;
    /** Each stage's condition as a test of the observation, resolved once. */
    private final List<Predicate<float[]>> holds;
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
        Map<String, StatePredicate> byId = new HashMap<>();
        for (StatePredicate p : predicates) {
            byId.put(p.id(), p);
        }
        List<Stage> checked = new ArrayList<>();
        List<Predicate<float[]>> tests = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            Stage s = stages.get(i);
            Condition c = s.when();
            StatePredicate p = c.isAlways() ? null : byId.get(c.predicate());
            if (!c.isAlways() && p == null) {
                throw new IllegalArgumentException(id + " plan: stage " + i + ": unknown condition '" + c
                        + "'; allowed: always, " + byId.keySet() + " or not:<predicate>");
            }
            tests.add(c.isAlways() ? o -> true : c.negated() ? o -> !p.test(o) : p::test);
            try {
                checked.add(new Stage(s.when(), Combiner.normalizeWeights(s.weights(), expertIds.size())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(id + " plan: stage " + i + ": " + e.getMessage(), e);
            }
        }
        this.id = id;
        this.stages = List.copyOf(checked);
        this.holds = List.copyOf(tests);
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
        for (int i = 0; i < stages.size(); i++) {
            if (holds.get(i).test(observation)) {
                return stages.get(i).weights();
            }
        }
        return stages.get(stages.size() - 1).weights();
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
