/**
 * The {@code edge-select} env (paper <i>moe-generative-ai-mobile-edge</i>, Sec. IV, Fig. 4–5; SPEC
 * §2.4): edge expert selection for MoE-based generative AI when the user device lacks the resources
 * for one of its subtasks.
 *
 * <p><b>Model</b> ({@link org.netmoe.envs.edge.EdgeModel}, defaults in
 * {@link org.netmoe.envs.edge.EdgeConfig}). A task has n subtasks (8); n − 1 are generated locally,
 * one (topic t uniform over T = 6 topics, prompt s_in ~ U[1, 3] kbit, content s_out ~ U[4, 12] kbit)
 * must go to one of N = 30 edge devices. Device i hosts the expert of topic {@code i mod T}; per task
 * it has SNR_i ~ U[5, 20] dB and available resources a_i ~ U[2, 16] kbit of content. With B = 1 kHz
 * and P = 0.1 W (both directions):
 * <ul>
 *   <li>rate R_i = B·log2(1 + SNR_i) bit/s; completed share f_i = min(1, a_i / s_out);</li>
 *   <li>communication energy E_i = P·(s_in + f_i·s_out)/R_i J (send the subtask, receive the result),
 *       cost λ_E·E_i with λ_E = 2 per J;</li>
 *   <li>computing cost λ_G·f_i·s_out with λ_G = 0.05 per kbit (∝ the content generated);</li>
 *   <li>quality q_i = f_i·score_i, where score_i = 5.0 if the expert's topic is t, else 2.0, plus
 *       N(0, 0.5²) noise, floored at 0 ({@link org.netmoe.envs.edge.SpecialtyQuality}; pluggable as a
 *       {@link org.netmoe.envs.edge.QualityModel});</li>
 *   <li>local scores ℓ_j = 5.5 + N(0, 0.5²), floored at 0, for j = 1 … n (the user device's experts
 *       are trained with its gate, so they score best);</li>
 *   <li>reward of device i: {@code Σ_{j<n} ℓ_j + q_i − λ_E·E_i − λ_G·f_i·s_out};</li>
 *   <li>baselines ({@link org.netmoe.envs.edge.EdgeBaseline}): {@code random} (a uniform device),
 *       {@code benchmark} (drop the subtask: {@code Σ_{j<n} ℓ_j}), {@code greedy} (NetMoE's heuristic, no
 *       learning: the topic-matched device with the best expected reward, computed from the observation),
 *       {@code upper-bound} (the user device has the resources: {@code Σ_{j≤n} ℓ_j}).</li>
 * </ul>
 * Every random draw of a task is made when it arrives ({@link org.netmoe.envs.edge.EdgeTask}), so every
 * method scored on a task meets the same noise.
 */
package org.netmoe.envs.edge;
