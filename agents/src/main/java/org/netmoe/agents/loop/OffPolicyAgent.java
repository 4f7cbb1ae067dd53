package org.netmoe.agents.loop;

import org.apache.commons.rng.UniformRandomProvider;
import org.netmoe.agents.buffer.ReplayBatch;
import org.netmoe.envs.space.Action;

/**
 * What {@link OffPolicyLoop} needs of a learner (SB3's policy + algorithm, without the base
 * classes): acting, one update on a sampled batch, evaluation actions and an exact snapshot.
 * Implemented by {@link DqnLearner} and {@link SacLearner}.
 *
 * @param <S> the learner's snapshot record
 */
public interface OffPolicyAgent<S> {
    /** Floats per action row in the replay buffer: 1 (the index) for a discrete space, else the Box's size. */
    int actionDim();

    /**
     * Exploration actions for {@code observations [numEnvs * obsDim]} into
     * {@code actions [numEnvs * actionDim]}, drawing from {@code explore}. Every learner acts in
     * warm-up (DQN: ε = 1; SAC: uniformly random) while {@code envSteps < learningStarts}.
     *
     * @param envSteps   env steps done before this vector step (all envs together)
     * @param totalSteps the run's configured length (schedules such as ε follow it)
     */
    void act(float[] observations, long envSteps, long totalSteps, UniformRandomProvider explore, float[] actions);

    /**
     * One gradient step on {@code batch}; {@code envSteps}/{@code totalSteps} as in {@link #act}, for
     * metrics that depend on the schedule.
     *
     * @throws IllegalStateException if a loss is NaN or infinite
     */
    Metrics update(ReplayBatch batch, long envSteps, long totalSteps);

    /** Deterministic actions for evaluation, one per row of {@code observations [n * obsDim]}. */
    Action[] actGreedy(float[] observations);

    /** Gradient steps taken. */
    long updates();

    /** A copy of all learned state. */
    S snapshot();

    /**
     * Restores a {@link #snapshot()} of a learner of the same architecture.
     *
     * @throws IllegalArgumentException if the architecture differs
     */
    void restore(S snapshot);
}
