/**
 * Mixtures of frozen experts (SPEC §3, paper "LLM-enabled MoE", Sec. II-B): saved policies
 * ({@link org.netmoe.moe.mix.Expert}) whose per-action preferences a
 * {@link org.netmoe.moe.mix.Combiner} weighs with the weights of a {@link org.netmoe.moe.mix.Gate}.
 *
 * <p><b>Normalization.</b> An expert reports raw per-action scores: Q-values (DQN) or action
 * probabilities (PPO, discrete SAC). The combiner turns each into a probability vector
 * {@code p_k}: Q-values through a softmax with temperature τ ({@code p_k(a) ∝ exp(Q_k(a)/τ)},
 * computed from {@code Q - max Q} for stability), probabilities unchanged (renormalized).
 *
 * <p><b>Combination.</b> With gate weights {@code w} (finite, {@code >= 0}, sum {@code > 0};
 * normalized to sum 1; a zero weight switches its expert off), the decision is the argmax over
 * actions (lowest index on ties) of
 * <ul>
 *   <li>{@code product} (default): {@code Σ_k w_k log p_k(a)} — a weighted product of experts, so
 *       an expert that rules an action out (the trap) vetoes it unless its weight is small;</li>
 *   <li>{@code mixture}: {@code Σ_k w_k p_k(a)} — a weighted average of the experts' policies.</li>
 * </ul>
 * Probabilities are floored at {@code 1e-12} before the logarithm.
 *
 * <p><b>Gates</b> ({@link org.netmoe.moe.mix.GateIds}): {@code uniform}, {@code fixed},
 * {@code plan} (stage-wise weights keyed by {@link org.netmoe.moe.mix.StatePredicate}s),
 * {@code network} (a policy trained by RL whose action is the weight vector, via
 * {@link org.netmoe.moe.mix.GateEnv}), {@code oracle} (best fixed or stage-wise weights by
 * {@link org.netmoe.moe.mix.WeightSearch}), and {@code llm} (a plan produced by an LLM).
 */
package org.netmoe.moe.mix;
