package org.netmoe.agents.loop;

/**
 * What one {@link TrainingLoop#run} call left behind, the same for every loop.
 *
 * @param envSteps    env steps done over the whole run so far (all envs together)
 * @param updates     gradient steps over the whole run so far (PPO: iterations × epochs ×
 *                    minibatches, exact unless a target-KL stop cut epochs)
 * @param wallSeconds wall-clock time of this call
 * @param finished    whether the run reached its configured length (false: paused or stopped)
 */
public record LoopResult(long envSteps, long updates, double wallSeconds, boolean finished) {
}
