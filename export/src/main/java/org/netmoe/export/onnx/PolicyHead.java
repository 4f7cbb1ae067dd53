package org.netmoe.export.onnx;

import org.netmoe.core.Require;
import org.netmoe.envs.space.Box;

/**
 * How a policy turns its network's output row into the deterministic action, as NetMoE's greedy
 * policy does; the exported model outputs both the network's (combined) output and that action.
 */
public sealed interface PolicyHead {
    /** Width of the network output this head reads, for {@code width} actions (or action dimensions). */
    int networkWidth(int width);

    /**
     * A discrete action: the argmax of the scores (the first index on ties, as NetMoE's argmax), output as
     * {@code int64 [batch]}; the scores are output as {@code scoresName [batch, n]}.
     *
     * @param scoresName {@code q_values} (DQN) or {@code logits} (a categorical actor)
     * @param dueling    the network outputs {@code [V, A_0…A_{n−1}]}, combined as {@code Q = V + A − mean(A)}
     *                   (Wang et al. 2016, eq. (9))
     */
    record Argmax(String scoresName, boolean dueling) implements PolicyHead {
        public Argmax {
            Require.nonNull("scoresName", scoresName);
        }

        @Override
        public int networkWidth(int width) {
            return dueling ? width + 1 : width;
        }
    }

    /**
     * PPO's diagonal-Gaussian actor on a box: the network outputs the mean {@code [batch, d]} (output
     * {@code mean}), in normalized units; the action {@code [batch, d]} is that mean as sent to the env
     * (NetMoE's {@code ActorCritic.envAction}): along a dimension with finite bounds clipped to [−1, 1]
     * and mapped linearly onto [low, high], along an unbounded one clipped to the box.
     */
    record GaussianMean(Box box) implements PolicyHead {
        public GaussianMean {
            Require.nonNull("box", box);
        }

        @Override
        public int networkWidth(int width) {
            return width;
        }
    }

    /**
     * SAC's tanh-squashed Gaussian actor on a bounded box: the network outputs {@code [μ, r]}
     * {@code [batch, 2d]}; {@code mean} is μ and the action is {@code scale·tanh(μ) + bias} clipped to the
     * box, with {@code scale = (high − low)/2}, {@code bias = (high + low)/2} (Haarnoja et al. 2018, App. C).
     */
    record TanhGaussian(Box box) implements PolicyHead {
        public TanhGaussian {
            Require.nonNull("box", box);
            for (int j = 0; j < box.flatDim(); j++) {
                if (!Float.isFinite(box.low(j)) || !Float.isFinite(box.high(j))) {
                    throw new IllegalArgumentException("a tanh-Gaussian action needs a bounded box, dimension " + j
                            + " is [" + box.low(j) + ", " + box.high(j) + "]");
                }
            }
        }

        @Override
        public int networkWidth(int width) {
            return 2 * width;
        }
    }
}
