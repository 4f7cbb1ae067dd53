package org.netmoe.moe.layer;

/**
 * The auxiliary routing losses of one {@link MoeLayer} forward, as batch means; trainers log them as
 * {@code gate/load_balance} and {@code gate/z_loss}.
 *
 * @param loadBalance {@code K·Σ_k f_k·P_k} (Switch Transformer eq. (4)): 1 under uniform routing, up to K when
 *                    one expert takes every input with probability 1
 * @param routerZLoss {@code mean_b (logsumexp_k h_bk)²} over the gate logits h (ST-MoE; survey eq. (6))
 * @param weighted    {@code loadBalanceCoef·loadBalance + routerZLossCoef·routerZLoss}, the term whose gradient
 *                    {@link MoeLayer#backward} adds
 */
public record MoeAuxLoss(double loadBalance, double routerZLoss, double weighted) {
}
