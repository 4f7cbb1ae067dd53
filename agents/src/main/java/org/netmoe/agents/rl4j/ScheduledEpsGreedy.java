package org.netmoe.agents.rl4j;

import org.deeplearning4j.rl4j.learning.IEpochTrainer;
import org.deeplearning4j.rl4j.mdp.MDP;
import org.deeplearning4j.rl4j.observation.Observation;
import org.deeplearning4j.rl4j.policy.DQNPolicy;
import org.deeplearning4j.rl4j.policy.EpsGreedy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.netmoe.core.rng.RngStream;

/**
 * RL4J's ε-greedy exploration with NetMoE's schedule ({@link Rl4jDqnConfig#epsilonAt}) and RNG:
 * RL4J's own {@link EpsGreedy} always starts at ε = 1 and draws its coin flips from an ND4J
 * random and its random actions from the MDP's action space; this one draws both from one
 * {@link RngStream}, so exploration is reproducible from the run seed alone.
 */
final class ScheduledEpsGreedy extends EpsGreedy<Integer> {
    private final DQNPolicy<?> greedy;
    private final IEpochTrainer learning;
    private final Rl4jDqnConfig config;
    private final int numActions;
    private final RngStream rng;

    @SuppressWarnings({"unchecked", "rawtypes"})
    ScheduledEpsGreedy(DQNPolicy<?> greedy, MDP mdp, IEpochTrainer learning, Rl4jDqnConfig config,
                       RngStream rng) {
        // RL4J's fields are unused: nextAction and getEpsilon are replaced below
        super((DQNPolicy) greedy, mdp, config.learningStarts(), config.epsilonDecaySteps(), null,
                config.epsilonEnd(), learning);
        this.greedy = greedy;
        this.learning = learning;
        this.config = config;
        this.numActions = mdp.getActionSpace().getSize();
        this.rng = rng;
    }

    @Override
    public Integer nextAction(Observation observation) {
        return explore() ? rng.nextInt(numActions) : greedy.nextAction(observation);
    }

    @Override
    public Integer nextAction(INDArray input) {
        return explore() ? rng.nextInt(numActions) : greedy.nextAction(input);
    }

    /** ε at the learner's current global env step. */
    @Override
    public double getEpsilon() {
        return config.epsilonAt(learning.getStepCount());
    }

    private boolean explore() {
        return rng.nextDouble() < getEpsilon();
    }
}
