package org.netmoe.moe.layer;

import java.util.List;
import org.netmoe.core.Require;

/**
 * Which network an agent's policy (actor) uses, as written in an agent config:
 * {@code network: {type: mlp}} or {@code network: {type: moe, experts: 4, topK: 2, gate: topk}}.
 * An MoE actor is a {@link MoeLayer} whose experts are MLPs with the agent's hidden sizes; its
 * auxiliary load-balancing and router z-losses are weighted by {@code loadBalanceCoef} and
 * {@code routerZLossCoef}.
 *
 * @param type            {@code mlp} or {@code moe}
 * @param experts         K, the number of experts (moe), {@code >= 1}
 * @param topK            experts combined per input (moe), in {@code [1, experts]}; 1 for {@code hard}
 * @param gate            {@code softmax} (dense), {@code topk} (sparse, renormalized) or {@code hard} (argmax)
 * @param loadBalanceCoef weight of the Switch-Transformer load-balancing loss, {@code >= 0}
 * @param routerZLossCoef weight of the ST-MoE router z-loss, {@code >= 0}
 */
public record NetworkConfig(String type, int experts, int topK, String gate, double loadBalanceCoef,
                            double routerZLossCoef) {
    /** The network types. */
    public static final List<String> TYPES = List.of("mlp", "moe");

    public NetworkConfig {
        Require.oneOf("type", type, TYPES);
        Require.oneOf("gate", gate, MoeConfig.GATES);
        if (type.equals("moe")) {
            // Validates the MoE fields with their own messages (fields are not assigned yet: pass the parameters).
            new MoeConfig(experts, topK, gate, List.of(1), List.of(), "tanh", loadBalanceCoef, routerZLossCoef, 0.0);
        }
    }

    /** A plain MLP. */
    public static NetworkConfig mlp() {
        return new NetworkConfig("mlp", 4, 2, "topk", 0.01, 0.001);
    }

    /** An MoE actor with {@code experts} experts, top-{@code topK} routing through {@code gate}. */
    public static NetworkConfig moe(int experts, int topK, String gate) {
        return new NetworkConfig("moe", experts, topK, gate, 0.01, 0.001);
    }

    /** Whether this is an MoE network. */
    public boolean hasExperts() {
        return type.equals("moe");
    }

    /** The MoE layer config with experts of {@code expertHiddenSizes} and {@code activation} ({@code relu}/{@code tanh}). */
    public MoeConfig moe(List<Integer> expertHiddenSizes, String activation) {
        return new MoeConfig(experts, topK, gate, expertHiddenSizes, List.of(), activation, loadBalanceCoef,
                routerZLossCoef, 0.0);
    }
}
