package org.netmoe.agents.ppo;

/**
 * Generalized advantage estimation (Schulman et al. 2016, Eq. 16) over a rollout stored
 * time-major as {@code [rolloutSteps, numEnvs]}.
 */
final class Gae {
    private Gae() {
    }

    /**
     * Fills {@code advantages} with GAE(γ, λ) and {@code returns} with advantages + values:
     * <pre>
     *   δ_t = r_t + γ·V_next(t) − V(s_t),   A_t = δ_t + γλ·(1 − done_t)·A_{t+1}
     * </pre>
     * where {@code V_next(t)} is 0 if step t terminated, the value of the episode's final
     * observation if it was truncated, else V(s_{t+1}) ({@code lastValues} after the last step).
     * This equals SB3's handling ({@code rewards += γ·V(final)} on timeouts, then
     * {@code dones} cut the recursion) and never bootstraps past {@code terminated}.
     *
     * @param rewards     r_t, {@code [T * N]}
     * @param values      V(s_t) from the rollout, {@code [T * N]}
     * @param terminated  whether step t ended the MDP
     * @param truncated   whether step t hit a time limit
     * @param finalValues V(final observation) where {@code truncated}, read nowhere else
     * @param lastValues  V(s_T) of the observations after the rollout, {@code [N]}
     */
    static void compute(float[] rewards, float[] values, boolean[] terminated, boolean[] truncated,
                        float[] finalValues, float[] lastValues, double gamma, double lambda,
                        float[] advantages, float[] returns) {
        int n = lastValues.length;
        int steps = rewards.length / n;
        if (rewards.length != steps * n || values.length != rewards.length || terminated.length != rewards.length
                || truncated.length != rewards.length || finalValues.length != rewards.length
                || advantages.length != rewards.length || returns.length != rewards.length) {
            throw new IllegalArgumentException("rollout arrays must all be [" + steps + " * " + n + "]");
        }
        for (int i = 0; i < n; i++) {
            double lastGaeLam = 0;
            for (int t = steps - 1; t >= 0; t--) {
                int k = t * n + i;
                double nextValue;
                if (terminated[k]) {
                    nextValue = 0; // the MDP ended: nothing to bootstrap
                } else if (truncated[k]) {
                    nextValue = finalValues[k]; // easy to miss: s_{t+1} already belongs to the next episode
                } else {
                    nextValue = t == steps - 1 ? lastValues[i] : values[k + n];
                }
                double delta = rewards[k] + gamma * nextValue - values[k];
                double carry = terminated[k] || truncated[k] ? 0 : gamma * lambda * lastGaeLam;
                lastGaeLam = delta + carry;
                advantages[k] = (float) lastGaeLam;
                returns[k] = (float) (lastGaeLam + values[k]);
            }
        }
    }
}
