package org.netmoe.llm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
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
 * @param seed        the sampling seed of this request when plans are sampled (K plans per task at
 *                    temperature &gt; 0, each with its own seed from a named {@code RngStream} split);
 *                    empty for the one plan per task. It is sent to the model (OpenAI's {@code seed},
 *                    llama.cpp's sampler seed) and is part of the exchange's cache and replay key.
 * @param levels      when present, the LLM answers one of these levels directly (e.g. the transmit
 *                    power) instead of expert weights; the decision then carries its
 *                    {@link GateDecision#level()}
 */
public record GateRequest(String task, String requirement, String systemState, List<ExpertInfo> experts,
                          List<StatePredicate> predicates, OptionalLong seed, Optional<ActionLevels> levels) {
    public GateRequest {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(levels, "levels");
        Objects.requireNonNull(requirement, "requirement");
        systemState = systemState == null ? "" : systemState;
        experts = List.copyOf(experts);
        predicates = List.copyOf(predicates);
        if (experts.isEmpty()) {
            throw new IllegalArgumentException("llm gate request for " + task + ": the expert catalogue is empty");
        }
    }

    /** A request for one plan per task (no sampling seed). */
    public GateRequest(String task, String requirement, String systemState, List<ExpertInfo> experts,
                       List<StatePredicate> predicates) {
        this(task, requirement, systemState, experts, predicates, OptionalLong.empty(), Optional.empty());
    }

    /** A request answered with weights, with the sampling {@code seed} when it is one of K sampled plans. */
    public GateRequest(String task, String requirement, String systemState, List<ExpertInfo> experts,
                       List<StatePredicate> predicates, OptionalLong seed) {
        this(task, requirement, systemState, experts, predicates, seed, Optional.empty());
    }

    /** This request as one of K sampled plans, with its own sampling {@code seed}. */
    public GateRequest withSeed(long newSeed) {
        return new GateRequest(task, requirement, systemState, experts, predicates, OptionalLong.of(newSeed), levels);
    }

    /** This request answered with one of {@code newLevels} directly instead of weights. */
    public GateRequest withLevels(ActionLevels newLevels) {
        return new GateRequest(task, requirement, systemState, experts, predicates, seed, Optional.of(newLevels));
    }

    /** The expert ids in weight-vector order. */
    public List<String> expertIds() {
        return experts.stream().map(ExpertInfo::id).toList();
    }
}
