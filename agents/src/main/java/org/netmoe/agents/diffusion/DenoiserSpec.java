package org.netmoe.agents.diffusion;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.netmoe.core.Require;
import org.netmoe.moe.layer.MoeConfig;
import org.netmoe.moe.layer.MoeLayer;
import org.netmoe.moe.nn.Mlp;
import org.netmoe.moe.nn.Network;

/**
 * The denoiser network of a diffusion policy (survey Fig. 11, Table VII).
 *
 * @param type            {@code mlp}: one MLP {@code [in, hiddenSizes..., out]}; {@code moe}: an
 *                        {@link MoeLayer} of {@code experts} MLPs {@code [in, hiddenSizes..., out]} mixed by a
 *                        single-layer softmax gate {@code in -> experts} routed to the {@code topK} largest
 *                        (sparse, renormalized; Top-1 or Top-2 in the paper)
 * @param hiddenSizes     hidden widths of the MLP or of each expert, each {@code > 0}
 * @param activation      {@code relu} or {@code tanh}
 * @param experts         experts of {@code moe}, {@code >= 1} (ignored for {@code mlp})
 * @param topK            experts per input of {@code moe}, in [1, experts] (ignored for {@code mlp})
 * @param loadBalanceCoef load-balancing loss coefficient of {@code moe}, {@code >= 0}
 */
public record DenoiserSpec(String type, List<Integer> hiddenSizes, String activation, int experts, int topK,
                           double loadBalanceCoef) {
    /** The allowed values of {@code type}. */
    public static final List<String> TYPES = List.of("mlp", "moe");

    public DenoiserSpec {
        Require.oneOf("type", type, TYPES);
        Require.nonNull("hiddenSizes", hiddenSizes);
        for (int i = 0; i < hiddenSizes.size(); i++) {
            Require.positive("hiddenSizes[" + i + "]", Require.nonNull("hiddenSizes[" + i + "]", hiddenSizes.get(i)));
        }
        hiddenSizes = List.copyOf(hiddenSizes);
        Require.oneOf("activation", activation, List.of("relu", "tanh"));
        if (type.equals("moe")) {
            Require.positive("experts", experts);
            Require.inRange("topK", topK, 1, experts);
        }
        Require.nonNegative("loadBalanceCoef", loadBalanceCoef);
    }

    /** An MLP denoiser. */
    public static DenoiserSpec mlp(List<Integer> hiddenSizes) {
        return new DenoiserSpec("mlp", hiddenSizes, "relu", 1, 1, 0);
    }

    /** An MoE denoiser of {@code experts} experts routed Top-{@code topK}, load balancing 0.01. */
    public static DenoiserSpec moe(List<Integer> hiddenSizes, int experts, int topK) {
        return new DenoiserSpec("moe", hiddenSizes, "relu", experts, topK, 0.01);
    }

    /** A network {@code [batch, inputSize] -> [batch, outputSize]} initialised from {@code rng}. */
    public Network create(int inputSize, int outputSize, UniformRandomProvider rng) {
        if (type.equals("mlp")) {
            int[] sizes = new int[hiddenSizes.size() + 2];
            sizes[0] = inputSize;
            for (int i = 0; i < hiddenSizes.size(); i++) {
                sizes[i + 1] = hiddenSizes.get(i);
            }
            sizes[sizes.length - 1] = outputSize;
            return Mlp.create(sizes, activation.equals("relu") ? Mlp.Activation.RELU : Mlp.Activation.TANH, rng);
        }
        MoeConfig moe = new MoeConfig(experts, topK, "topk", hiddenSizes, List.of(), activation, loadBalanceCoef, 0,
                0);
        return MoeLayer.create(inputSize, outputSize, moe, rng);
    }
}
