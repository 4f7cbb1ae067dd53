package org.netmoe.training.experiment.multibs;

import java.util.List;
import java.util.OptionalDouble;
import org.netmoe.agents.diffusion.DenoiserSpec;
import org.netmoe.agents.dqn.DqnConfig;
import org.netmoe.agents.dqn.TargetUpdate;
import org.netmoe.checkpoints.CheckpointConfig;
import org.netmoe.core.Require;

/** The sections of {@code configs/multibs-fig12.yaml} bound to records. */
public final class MultibsFig12Config {
    /**
     * The default {@code checkpoint} section: every 100 env steps (the smoke config's 400 steps write four per
     * run), keeping the 2 newest per run.
     */
    public static final CheckpointConfig CHECKPOINT_DEFAULTS = new CheckpointConfig(100, 2);

    private MultibsFig12Config() {
    }

    /**
     * The training of every (architecture, seed) run.
     *
     * @param seeds              runs per architecture, in [1, 100]; run i uses root seed {@code seed + 1000·i}
     * @param steps              env steps (UEs served) per run, {@code > 0}
     * @param learningStarts     steps before the first update (the replay fills), {@code >= 0}
     * @param batchSize          minibatch of both networks, {@code > 0}
     * @param bufferSize         replay capacity, {@code >= batchSize}
     * @param evalEvery          steps between evaluations, {@code > 0}
     * @param evalUes            fixed evaluation UEs, {@code > 0}
     * @param thresholdFraction  "steps to threshold" counts steps until the evaluated sum rate first reaches this
     *                           fraction of the exhaustive-search optimum, in (0, 1]
     * @param bcUpdatesPerStep   behaviour-cloning steps of the diffusion policy per env step, in [1, 64]
     */
    public record TrainingSpec(int seeds, long steps, long learningStarts, int batchSize, int bufferSize,
                               long evalEvery, int evalUes, double thresholdFraction, int bcUpdatesPerStep) {
        public TrainingSpec {
            Require.inRange("seeds", seeds, 1, 100);
            Require.positive("steps", steps);
            if (learningStarts < 0) {
                throw new IllegalArgumentException("learningStarts must be >= 0, was " + learningStarts);
            }
            Require.positive("batchSize", batchSize);
            Require.positive("bufferSize", bufferSize);
            if (bufferSize < batchSize) {
                throw new IllegalArgumentException("bufferSize must be >= batchSize (" + batchSize + "), was "
                        + bufferSize);
            }
            Require.inRange("bufferSize", bufferSize, 1, DqnConfig.MAX_BUFFER_SIZE);
            Require.positive("evalEvery", evalEvery);
            Require.positive("evalUes", evalUes);
            Require.positive("thresholdFraction", thresholdFraction);
            Require.inRange("thresholdFraction", thresholdFraction, 0, 1);
            Require.inRange("bcUpdatesPerStep", bcUpdatesPerStep, 1, 64);
        }
    }

    /**
     * The BS-set agent: a DQN with γ = 0 (each UE is a contextual bandit) over the C(U, N) sets.
     *
     * @param rewardScale the sum rate (bit/s/Hz) is multiplied by this for the DQN's Huber loss, {@code > 0}
     */
    public record BsAgentSpec(List<Integer> hiddenSizes, double learningRate, double epsilonStart, double epsilonEnd,
                              double explorationFraction, double rewardScale) {
        public BsAgentSpec {
            Require.nonEmpty("hiddenSizes", hiddenSizes);
            Require.positive("learningRate", learningRate);
            Require.positive("rewardScale", rewardScale);
        }

        /** The DQN configuration: γ = 0, no double DQN or dueling, Huber δ = 1, gradient norm 10. */
        public DqnConfig dqn(TrainingSpec training) {
            return new DqnConfig(hiddenSizes, learningRate, 0.0, training.batchSize(), training.bufferSize(),
                    training.learningStarts(), 1, 1, new TargetUpdate.Hard(1000), false, false, 1.0, epsilonStart,
                    epsilonEnd, explorationFraction, OptionalDouble.of(10.0), 1);
        }
    }

    /**
     * One denoiser architecture of Table VII.
     *
     * @param id          the row name ({@code moe-top1}, {@code mlp}, …)
     * @param type        {@code mlp} or {@code moe}
     * @param hiddenSizes hidden widths of the MLP or of each expert
     * @param experts     experts of {@code moe} (default 4)
     * @param topK        routed experts of {@code moe} (default 1)
     */
    public record ArchitectureSpec(String id, String type, List<Integer> hiddenSizes, Integer experts, Integer topK) {
        public ArchitectureSpec {
            Require.nonNull("id", id);
            Require.nonNull("type", type);
            Require.nonNull("hiddenSizes", hiddenSizes);
        }

        /** The denoiser spec (ReLU; MoE with a single-layer softmax gate, load balancing 0.01). */
        public DenoiserSpec denoiser() {
            return type.equals("moe")
                    ? DenoiserSpec.moe(hiddenSizes, experts == null ? 4 : experts, topK == null ? 1 : topK)
                    : new DenoiserSpec(type, hiddenSizes, "relu", 1, 1, 0);
        }
    }
}
