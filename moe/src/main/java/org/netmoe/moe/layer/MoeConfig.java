package org.netmoe.moe.layer;

import java.util.List;
import org.netmoe.core.LayerSizes;
import org.netmoe.core.Require;
import org.netmoe.moe.nn.Mlp;

/**
 * Configuration of an {@link MoeLayer}: K expert MLPs mixed by a gate network (survey Sec. II-B,
 * eq. (1)–(6)).
 *
 * @param experts           number of experts K, {@code >= 1}
 * @param topK              experts each input is routed to, in {@code [1, experts]}. For {@code topk} it selects
 *                          the experts mixed; for every gate it defines the routed fraction {@code f_k} of the
 *                          load-balancing loss (each input counts {@code 1/topK} for each of its top-k experts).
 *                          Must be 1 for {@code hard}
 * @param gate              {@code softmax}: dense, weights = softmax of the logits (eq. (1)–(2));
 *                          {@code topk}: sparse, softmax renormalized over the top-k logits, others 0 (eq. (3),
 *                          Shazeer et al. 2017); {@code hard}: only the argmax expert, weighted by its softmax
 *                          probability as in Switch Transformer (Fedus et al. 2022, eq. (2)) so that the gate gets
 *                          a gradient from the main loss (the survey's weight-1 form, eq. (4), gives it none)
 * @param expertHiddenSizes hidden widths of every expert, each {@code > 0}; empty = linear experts
 * @param gateHiddenSizes   hidden widths of the gate network, each {@code > 0}; empty = one linear layer
 *                          {@code in -> K} (the single-layer gate of the survey's Fig. 11 denoiser)
 * @param hiddenActivation  {@code relu} or {@code tanh}, for the hidden layers of experts and gate
 * @param loadBalanceCoef   α of the load-balancing loss {@code K·Σ_k f_k·P_k} (Switch Transformer eq. (4)),
 *                          {@code >= 0}; 0 turns it off
 * @param routerZLossCoef   β of the router z-loss {@code mean_b (logsumexp_k h_bk)²} (ST-MoE, survey eq. (6)),
 *                          {@code >= 0}; 0 turns it off
 * @param gateNoiseStd      standard deviation of the Gaussian noise added to the gate logits by the noisy forward
 *                          {@link MoeLayer#forward(org.nd4j.linalg.api.ndarray.INDArray,
 *                          org.netmoe.core.rng.RngStream)} (noisy top-k gating of Shazeer et al. 2017 with a
 *                          fixed instead of a learned noise scale), {@code >= 0}; 0 = no noise (default)
 */
public record MoeConfig(int experts, int topK, String gate, List<Integer> expertHiddenSizes,
                        List<Integer> gateHiddenSizes, String hiddenActivation, double loadBalanceCoef,
                        double routerZLossCoef, double gateNoiseStd) {

    /** The allowed values of {@link #gate()}. */
    public static final List<String> GATES = List.of("softmax", "topk", "hard");
    /** The allowed values of {@link #hiddenActivation()}. */
    public static final List<String> ACTIVATIONS = List.of("relu", "tanh");

    public MoeConfig {
        Require.positive("experts", experts);
        Require.inRange("topK", topK, 1, experts);
        Require.oneOf("gate", gate, GATES);
        if (gate.equals("hard") && topK != 1) {
            throw new IllegalArgumentException("topK must be 1 for gate hard (one expert per input), was " + topK);
        }
        expertHiddenSizes = Require.positiveEach("expertHiddenSizes", expertHiddenSizes);
        gateHiddenSizes = Require.positiveEach("gateHiddenSizes", gateHiddenSizes);
        Require.oneOf("hiddenActivation", hiddenActivation, ACTIVATIONS);
        Require.nonNegative("loadBalanceCoef", loadBalanceCoef);
        Require.nonNegative("routerZLossCoef", routerZLossCoef);
        Require.nonNegative("gateNoiseStd", gateNoiseStd);
    }

    /**
     * 4 experts with hidden layers 64→64 (tanh), a linear gate, top-2 sparse routing, load balancing
     * α = 0.01 (Switch Transformer) and router z-loss β = 0.001 (ST-MoE), no gate noise.
     */
    public static MoeConfig defaults() {
        return new MoeConfig(4, 2, "topk", List.of(64, 64), List.of(), "tanh", 0.01, 0.001, 0.0);
    }

    /** Layer sizes {@code [inputSize, expertHiddenSizes..., outputSize]} of each expert. */
    public int[] expertLayerSizes(int inputSize, int outputSize) {
        return LayerSizes.of(inputSize, expertHiddenSizes, outputSize);
    }

    /** Layer sizes {@code [inputSize, gateHiddenSizes..., experts]} of the gate network (it outputs logits). */
    public int[] gateLayerSizes(int inputSize) {
        return LayerSizes.of(inputSize, gateHiddenSizes, experts);
    }

    /** {@link #hiddenActivation()} as the {@link Mlp} enum. */
    public Mlp.Activation activation() {
        return hiddenActivation.equals("relu") ? Mlp.Activation.RELU : Mlp.Activation.TANH;
    }
}
