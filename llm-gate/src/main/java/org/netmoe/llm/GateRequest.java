package org.netmoe.llm;

import java.util.List;
import java.util.Objects;
import org.netmoe.moe.mix.ExpertInfo;
import org.netmoe.moe.mix.StatePredicate;

/**
 * What the LLM gate is asked (SPEC §4, paper Sec. II-B): the user's requirement in words, a
 * description of the system state, the expert catalogue and the state predicates a stage-wise
 * plan may be keyed on.
 *
 * @param task        short id of the task this request is for (logs, transcript), e.g. {@code goal+prize}
 * @param requirement the user's requirement text
 * @param systemState the system state in words (layout, positions, channel conditions, ...)
 * @param experts     the frozen experts, in the order of the combiner's weight vector
 * @param predicates  the state predicates stages may use ({@code when: <id>} or {@code not:<id>})
 */
public record GateRequest(String task, String requirement, String systemState, List<ExpertInfo> experts,
                          List<StatePredicate> predicates) {
    public GateRequest {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(requirement, "requirement");
        systemState = systemState == null ? "" : systemState;
        experts = List.copyOf(experts);
        predicates = List.copyOf(predicates);
        if (experts.isEmpty()) {
            throw new IllegalArgumentException("llm gate request for " + task + ": the expert catalogue is empty");
        }
    }

    /** The expert ids in weight-vector order. */
    public List<String> expertIds() {
        return experts.stream().map(ExpertInfo::id).toList();
    }
}
