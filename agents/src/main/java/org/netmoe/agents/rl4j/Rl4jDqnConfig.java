package org.netmoe.agents.rl4j;

import java.util.List;
import org.netmoe.core.Require;

/**
 * Hyperparameters of the {@code rl4j-dqn} baseline (RL4J's {@code QLearningDiscreteDense}; DQN,
 * Mnih et al. 2015; double DQN, van Hasselt et al. 2016). Bound from the {@code agent} section of a
 * YAML run file; every field is validated here, naming the field.
 *
 * @param hiddenLayers      widths of the ReLU hidden layers of the Q-network, each {@code > 0}
 * @param learningRate      Adam step size, {@code > 0}
 * @param gamma             discount factor, in {@code [0, 1]}
 * @param batchSize         transitions per gradient step, {@code > 0}
 * @param replaySize        replay memory capacity in transitions, {@code >= batchSize}
 * @param learningStarts    env steps of uniformly random actions before ε-greedy starts, {@code >= 0}
 *                          (RL4J's {@code updateStart}). RL4J M1.1 starts gradient steps as soon as
 *                          its replay holds {@code batchSize} transitions, whatever this value.
 * @param targetUpdateSteps period of the hard target-network copy, in gradient steps, {@code > 0}
 * @param epsilonStart      ε right after the warm-up, in {@code [0, 1]}
 * @param epsilonEnd        final ε, in {@code [0, epsilonStart]}
 * @param epsilonDecaySteps env steps over which ε falls linearly from start to end, {@code > 0}
 * @param doubleDqn         select the next action with the online network, evaluate it with the target one
 * @param errorClamp        TD errors are clipped to {@code ±errorClamp} (RL4J's Huber-like clamp), {@code > 0}
 * @param rewardFactor      rewards are multiplied by this before they enter the replay, {@code > 0}
 * @param maxEpisodeSteps   RL4J's own episode cap ({@code maxEpochStep}), {@code > 0}. An episode RL4J
 *                          cuts here bootstraps from its last observation; one the env truncates first
 *                          is stored as terminal (see {@link org.netmoe.agents.rl4j.Rl4jMdp}), so set it
 *                          below the env's time limit to bootstrap past time limits.
 */
public record Rl4jDqnConfig(List<Integer> hiddenLayers, double learningRate, double gamma, int batchSize,
                            int replaySize, int learningStarts, int targetUpdateSteps, double epsilonStart,
                            double epsilonEnd, int epsilonDecaySteps, boolean doubleDqn, double errorClamp,
                            double rewardFactor, int maxEpisodeSteps) {
    public Rl4jDqnConfig {
        Require.nonEmpty("hiddenLayers", hiddenLayers);
        for (int i = 0; i < hiddenLayers.size(); i++) {
            Integer width = hiddenLayers.get(i);
            Require.positive("hiddenLayers[" + i + "]", Require.nonNull("hiddenLayers[" + i + "]", width));
        }
        hiddenLayers = List.copyOf(hiddenLayers);
        Require.positive("learningRate", learningRate);
        Require.inRange("gamma", gamma, 0.0, 1.0);
        Require.positive("batchSize", batchSize);
        if (replaySize < batchSize) {
            throw new IllegalArgumentException("replaySize must be >= batchSize (" + batchSize + "), was "
                    + replaySize);
        }
        Require.nonNegative("learningStarts", learningStarts);
        Require.positive("targetUpdateSteps", targetUpdateSteps);
        Require.inRange("epsilonStart", epsilonStart, 0.0, 1.0);
        Require.inRange("epsilonEnd", epsilonEnd, 0.0, epsilonStart);
        Require.positive("epsilonDecaySteps", epsilonDecaySteps);
        Require.positive("errorClamp", errorClamp);
        Require.positive("rewardFactor", rewardFactor);
        Require.positive("maxEpisodeSteps", maxEpisodeSteps);
    }

    /** The defaults: a 64-64 MLP, Adam 1e-3, γ 0.99, batch 64, replay 10 000, 1 000 warm-up steps, double DQN. */
    public static Rl4jDqnConfig defaults() {
        return new Rl4jDqnConfig(List.of(64, 64), 1e-3, 0.99, 64, 10_000, 1_000, 500, 1.0, 0.05, 10_000,
                true, 1.0, 1.0, 1_000);
    }

    /**
     * ε at global env step {@code step}: 1 during the first {@code learningStarts} steps, then linear
     * from {@code epsilonStart} to {@code epsilonEnd} over {@code epsilonDecaySteps}, then constant.
     */
    public double epsilonAt(long step) {
        if (step < learningStarts) {
            return 1.0;
        }
        double progress = Math.min(1.0, (step - learningStarts) / (double) epsilonDecaySteps);
        return epsilonStart + progress * (epsilonEnd - epsilonStart);
    }
}
