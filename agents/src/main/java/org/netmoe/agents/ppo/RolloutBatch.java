package org.netmoe.agents.ppo;

/**
 * A full rollout flattened to {@code B = rolloutSteps * numEnvs} transitions (time-major, row
 * {@code t * numEnvs + i}), ready for {@link Ppo#update}. The arrays belong to the
 * {@link RolloutBuffer} that made the batch and are overwritten by its next rollout.
 *
 * @param observations s_t, {@code [B * obsDim]}
 * @param actions      a_t as sampled (unclipped), {@code [B * actionDim]}
 * @param logProbs     log π_old(a_t|s_t), {@code [B]}
 * @param values       V_old(s_t), {@code [B]}
 * @param advantages   GAE(λ) advantages Â_t, {@code [B]}
 * @param returns      Â_t + V_old(s_t), the value targets, {@code [B]}
 */
public record RolloutBatch(float[] observations, float[] actions, float[] logProbs, float[] values,
                           float[] advantages, float[] returns) {
    public RolloutBatch {
        int b = logProbs.length;
        if (b == 0 || values.length != b || advantages.length != b || returns.length != b
                || observations.length % b != 0 || actions.length % b != 0) {
            throw new IllegalArgumentException("inconsistent rollout batch: " + b + " log-probs, " + values.length
                    + " values, " + advantages.length + " advantages, " + returns.length + " returns, "
                    + observations.length + " observation and " + actions.length + " action floats");
        }
    }

    /** Number of transitions B. */
    public int size() {
        return logProbs.length;
    }

    /** Length of an observation row. */
    public int obsDim() {
        return observations.length / logProbs.length;
    }

    /** Floats per action. */
    public int actionDim() {
        return actions.length / logProbs.length;
    }
}
