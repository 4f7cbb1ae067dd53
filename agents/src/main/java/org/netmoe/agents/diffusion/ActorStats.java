package org.netmoe.agents.diffusion;

/**
 * What one {@link DiffusionPolicy#actorUpdate} measured before its step.
 *
 * @param loss   the total actor loss {@code L_bc + η·qLoss} ({@code qLoss} alone in {@code actor} mode)
 * @param bcLoss the diffusion loss of {@code bc+actor}, NaN in {@code actor}
 * @param qLoss  {@code −mean Q / mean |Q|} of the generated actions
 * @param qMean  {@code mean min(Q_1, Q_2)} of the generated actions
 */
public record ActorStats(double loss, double bcLoss, double qLoss, double qMean) {
}
