package org.netmoe.agents.sac;

import java.util.List;
import java.util.OptionalDouble;
import org.netmoe.core.LayerSizes;
import org.netmoe.core.Require;
import org.netmoe.moe.layer.NetworkConfig;
import org.netmoe.moe.nn.AdamConfig;

/**
 * SAC hyperparameters: continuous SAC (Haarnoja et al. 2018, "Soft Actor-Critic Algorithms and
 * Applications", Alg. 1 with automatic entropy tuning) and discrete SAC (Christodoulou 2019), in the
 * order and with the meaning of CleanRL's {@code sac_continuous_action.py}.
 *
 * @param hiddenSizes        widths of the ReLU hidden layers of the actor and of each critic
 * @param policyLearningRate Adam step size of the actor, {@code > 0}
 * @param qLearningRate      Adam step size of the critics and of log α (as in CleanRL), {@code > 0}
 * @param gamma              discount γ in [0, 1]
 * @param tau                Polyak coefficient τ of the target critics, in (0, 1]
 * @param batchSize          transitions per gradient step, {@code > 0}
 * @param bufferSize         replay capacity in transitions, in [batchSize, {@link #MAX_BUFFER_SIZE}]
 * @param learningStarts     env steps (all envs together) of warm-up: a vector step that starts before
 *                           them takes uniformly random actions; the first update follows the vector
 *                           step that brings the env steps to at least {@code learningStarts}, {@code >= 0}
 * @param trainFrequency     vector steps per training round: one follows every {@code trainFrequency}-th
 *                           vector step of the run (counted from 1), {@code > 0}
 * @param gradientSteps      critic updates per training round, {@code > 0}
 * @param policyFrequency    delayed policy update (TD3-style, as CleanRL): every {@code policyFrequency}-th
 *                           critic update also makes {@code policyFrequency} actor and α steps, {@code > 0}
 * @param autoEntropy        tune the temperature α by gradient descent on log α toward the target
 *                           entropy; when false α stays {@code initialAlpha}
 * @param initialAlpha       α at the start (or always, without tuning), {@code > 0}
 * @param targetEntropy      the entropy target H̄ when present; else {@link #continuousTargetEntropy}
 *                           or {@link #discreteTargetEntropy}
 * @param numEnvs            envs stepped in lock-step, {@code > 0}
 * @param network            the actor: {@code {type: mlp}} or an MoE actor {@code {type: moe, experts, topK, gate}}
 *                           whose experts have {@code hiddenSizes}
 */
public record SacConfig(List<Integer> hiddenSizes, double policyLearningRate, double qLearningRate, double gamma,
                        double tau, int batchSize, int bufferSize, long learningStarts, int trainFrequency,
                        int gradientSteps, int policyFrequency, boolean autoEntropy, double initialAlpha,
                        OptionalDouble targetEntropy, int numEnvs,
                        NetworkConfig network) {
    /**
     * The largest replay capacity, ten million transitions (the buffer preallocates them; the loop
     * also checks them against int indexing and the heap once the observation size is known).
     */
    public static final int MAX_BUFFER_SIZE = 10_000_000;


    /** The discrete target entropy as a fraction of the uniform policy's entropy log|A| (CleanRL sac_atari). */
    public static final double DISCRETE_TARGET_ENTROPY_SCALE = 0.89;

    public SacConfig {
        hiddenSizes = Require.positiveEach("hiddenSizes", Require.nonEmpty("hiddenSizes", hiddenSizes));
        Require.positive("policyLearningRate", policyLearningRate);
        Require.positive("qLearningRate", qLearningRate);
        Require.inRange("gamma", gamma, 0.0, 1.0);
        Require.positiveAtMost("tau", tau, 1.0);
        Require.positive("batchSize", batchSize);
        Require.positive("bufferSize", bufferSize);
        Require.atLeast("bufferSize", bufferSize, "batchSize", batchSize);
        Require.inRange("bufferSize", bufferSize, 1, MAX_BUFFER_SIZE);
        Require.nonNegative("learningStarts", learningStarts);
        Require.positive("trainFrequency", trainFrequency);
        Require.positive("gradientSteps", gradientSteps);
        Require.positive("policyFrequency", policyFrequency);
        Require.positive("initialAlpha", initialAlpha);
        Require.nonNull("targetEntropy", targetEntropy);
        targetEntropy.ifPresent(h -> Require.finite("targetEntropy", h));
        Require.positive("numEnvs", numEnvs);
        Require.nonNull("network", network);
    }

    /**
     * The NetMoE defaults (CleanRL's values with networks, batch, buffer and warm-up sized for the
     * small NetMoE envs): 2×64 ReLU, actor lr 3e-4, critic and α lr 1e-3, γ = 0.99, τ = 0.005,
     * batch 64, replay 100 000, 1 000 warm-up steps, one gradient step per env step, policy delay 2,
     * automatic entropy tuning from α = 0.2 toward the default target, one env.
     */
    public static SacConfig defaults() {
        return new SacConfig(List.of(64, 64), 3e-4, 1e-3, 0.99, 0.005, 64, 100_000, 1_000, 1, 1, 2, true, 0.2,
                OptionalDouble.empty(), 1, NetworkConfig.mlp());
    }

    /** H̄ for a Box of {@code actionDim} entries: {@code targetEntropy} or −|A| (Haarnoja et al. 2018, Sec. 6). */
    public double continuousTargetEntropy(int actionDim) {
        return targetEntropy.orElse(-actionDim);
    }

    /**
     * H̄ for {@code numActions} discrete actions: {@code targetEntropy} or 0.89·log|A|, i.e. 89 % of the
     * uniform policy's entropy (CleanRL's {@code target_entropy_scale}; Christodoulou 2019 used 0.98,
     * which keeps α, and so the policy's randomness, high for small action sets).
     */
    public double discreteTargetEntropy(int numActions) {
        return targetEntropy.orElse(DISCRETE_TARGET_ENTROPY_SCALE * Math.log(numActions));
    }

    /** Adam for the actor. */
    public AdamConfig policyAdam() {
        return AdamConfig.of(policyLearningRate);
    }

    /** Adam for each critic and for log α. */
    public AdamConfig qAdam() {
        return AdamConfig.of(qLearningRate);
    }

    /** Layer sizes {@code [inputs, hidden..., outputs]}. */
    public int[] layerSizes(int inputs, int outputs) {
        return LayerSizes.of(inputs, hiddenSizes, outputs);
    }
}
