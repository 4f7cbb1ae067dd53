package org.netmoe.agents.dqn;

import org.netmoe.core.Schedule;
import java.util.List;
import java.util.OptionalDouble;
import org.netmoe.moe.nn.AdamConfig;
import org.netmoe.core.LayerSizes;
import org.netmoe.core.Require;

/**
 * DQN hyperparameters (Mnih et al. 2015; double DQN: van Hasselt et al. 2016; dueling head:
 * Wang et al. 2016).
 *
 * @param hiddenSizes         widths of the ReLU hidden layers of the Q-network
 * @param learningRate        Adam step size α
 * @param gamma               discount γ in [0, 1]
 * @param batchSize           transitions per gradient step
 * @param bufferSize          replay capacity in transitions, in [batchSize, {@link #MAX_BUFFER_SIZE}]
 * @param learningStarts      env steps (all envs together) of warm-up: a vector step that starts before
 *                            them acts with ε = 1; the first update follows the first vector step that
 *                            ends past them (SB3's {@code num_timesteps > learning_starts}), {@code >= 0}
 * @param trainFrequency      vector steps per training round: one follows every
 *                            {@code trainFrequency}-th vector step of the run (counted from 1), {@code > 0}
 * @param gradientSteps       gradient steps per training round
 * @param targetUpdate        hard copy every C gradient steps, or Polyak averaging
 * @param doubleDqn           pick a' with the online net, evaluate it with the target net
 * @param dueling             Q = V + A − mean(A) from one linear layer giving [V, A]
 * @param huberDelta          Huber threshold δ; δ = 1 is the paper's clipping of the TD error to [−1, 1]
 * @param epsilonStart        ε at step 0
 * @param epsilonEnd          ε after the decay
 * @param explorationFraction fraction of training over which ε decays linearly, in (0, 1]
 * @param maxGradNorm         when present, clip the global gradient norm to it
 * @param numEnvs             envs stepped in lock-step, {@code > 0}
 */
public record DqnConfig(List<Integer> hiddenSizes, double learningRate, double gamma, int batchSize,
                        int bufferSize, long learningStarts, int trainFrequency, int gradientSteps,
                        TargetUpdate targetUpdate, boolean doubleDqn, boolean dueling, double huberDelta,
                        double epsilonStart, double epsilonEnd, double explorationFraction,
                        OptionalDouble maxGradNorm, int numEnvs) {
    /**
     * The largest replay capacity, ten million transitions (the buffer preallocates them; the loop
     * also checks them against int indexing and the heap once the observation size is known).
     */
    public static final int MAX_BUFFER_SIZE = 10_000_000;

    public DqnConfig {
        hiddenSizes = Require.allPositive("hiddenSizes", hiddenSizes);
        Require.positive("learningRate", learningRate);
        Require.inRange("gamma", gamma, 0.0, 1.0);
        Require.positive("batchSize", batchSize);
        Require.positive("bufferSize", bufferSize);
        Require.atLeast("bufferSize", bufferSize, "batchSize", batchSize);
        Require.inRange("bufferSize", bufferSize, 1, MAX_BUFFER_SIZE);
        Require.nonNegative("learningStarts", learningStarts);
        Require.positive("trainFrequency", trainFrequency);
        Require.positive("gradientSteps", gradientSteps);
        Require.nonNull("targetUpdate", targetUpdate);
        Require.positive("huberDelta", huberDelta);
        Require.inRange("epsilonStart", epsilonStart, 0.0, 1.0);
        Require.inRange("epsilonEnd", epsilonEnd, 0.0, 1.0);
        Require.positiveAtMost("explorationFraction", explorationFraction, 1.0);
        Require.nonNull("maxGradNorm", maxGradNorm);
        maxGradNorm.ifPresent(m -> Require.positive("maxGradNorm", m));
        Require.positive("numEnvs", numEnvs);
    }

    /**
     * The NetMoE defaults, also the benchmark configuration: 2×64 ReLU, α = 1e-3, γ = 0.99, batch 64,
     * replay 10 000, learning starts 1 000, one gradient step per env step, hard target update every
     * 500 steps, double DQN, Huber δ = 1, ε 1 → 0.05 over the first half, gradient norm clipped at 10,
     * one env.
     */
    public static DqnConfig defaults() {
        return new DqnConfig(List.of(64, 64), 1e-3, 0.99, 64, 10_000, 1_000, 1, 1,
                new TargetUpdate.Hard(500), true, false, 1.0, 1.0, 0.05, 0.5, OptionalDouble.of(10.0), 1);
    }

    /** The linear ε schedule from {@code epsilonStart} to {@code epsilonEnd}. */
    public Schedule epsilon() {
        return Schedule.linear(epsilonStart, epsilonEnd, explorationFraction);
    }

    /** The optimizer settings: Adam with α = {@code learningRate} and the clipping configured. */
    public AdamConfig adam() {
        return new AdamConfig(learningRate, 0.9, 0.999, 1e-8, maxGradNorm);
    }

    /** Layer sizes {@code [obsDim, hidden..., numActions (+1 for the dueling value)]} of the Q-network. */
    public int[] layerSizes(int obsDim, int numActions) {
        return LayerSizes.of(obsDim, hiddenSizes, dueling ? numActions + 1 : numActions);
    }
}
