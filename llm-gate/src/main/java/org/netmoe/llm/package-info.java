/**
 * The LLM gate (SPEC §4; paper "LLM-enabled MoE", Sec. II-B, Eq. 1–3): an LLM reached over any
 * OpenAI-compatible chat-completions endpoint replaces the gate network. Given the user's
 * requirement, the system state and the expert catalogue ({@link org.netmoe.llm.GateRequest}),
 * {@link org.netmoe.llm.LlmGatePlanner} asks for (1) objectives, (2) an expert selection and
 * (3) weights or a stage-wise plan, validates the JSON answer, repairs it once, retries with
 * backoff, falls back when it must, caches answers and keeps a replayable transcript;
 * (4) execution is local, a {@link org.netmoe.moe.mix.PlanGate} from
 * {@link org.netmoe.llm.GateDecision#toGate}.
 */
package org.netmoe.llm;
