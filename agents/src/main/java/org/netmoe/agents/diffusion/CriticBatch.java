package org.netmoe.agents.diffusion;

import java.util.Arrays;

/**
 * Transitions for a {@link DoubleCritic} update, row-major per transition: conditions (states)
 * {@code [batch][conditionDim]}, actions {@code [batch][actionDim]}, rewards {@code [batch]}, whether each
 * transition terminated, and for the others the next condition and the policy's action there (drawn by
 * the caller, e.g. {@link DiffusionPolicy#sample}); rows that terminated may hold null next entries.
 */
public record CriticBatch(float[][] conditions, float[][] actions, float[] rewards, boolean[] terminated,
                          float[][] nextConditions, float[][] nextActions) {
    public CriticBatch {
        int n = conditions.length;
        if (actions.length != n || rewards.length != n || terminated.length != n || nextConditions.length != n
                || nextActions.length != n) {
            throw new IllegalArgumentException("critic batch arrays differ in length: " + n + " conditions, "
                    + actions.length + " actions, " + rewards.length + " rewards, " + terminated.length
                    + " terminated, " + nextConditions.length + " next conditions, " + nextActions.length
                    + " next actions");
        }
        for (int r = 0; r < n; r++) {
            if (!terminated[r] && (nextConditions[r] == null || nextActions[r] == null)) {
                throw new IllegalArgumentException("row " + r + " did not terminate but has no next condition/action");
            }
        }
    }

    /** One-step (bandit) transitions: every row terminated, so the target is the reward itself. */
    public static CriticBatch oneStep(float[][] conditions, float[][] actions, float[] rewards) {
        boolean[] done = new boolean[conditions.length];
        Arrays.fill(done, true);
        return new CriticBatch(conditions, actions, rewards, done, new float[conditions.length][],
                new float[conditions.length][]);
    }

    public int size() {
        return conditions.length;
    }
}
