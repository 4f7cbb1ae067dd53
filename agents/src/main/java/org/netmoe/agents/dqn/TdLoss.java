package org.netmoe.agents.dqn;

import java.util.Arrays;

/**
 * The host-side kernels of a DQN step over {@code [rows, numActions]} row-major arrays: the
 * dueling head and the Huber TD loss with its gradient. At RL batch sizes these Java loops cost
 * less than a single ND4J op call.
 */
final class TdLoss {
    private TdLoss() {
    }

    /**
     * Mean Huber loss of the TD errors and ∂loss/∂Q into {@code dQ} (same layout as {@code q}).
     *
     * @param q           Q(s, ·; θ), {@code n} rows
     * @param qNextOnline Q(s', ·; θ), {@code n} rows, read only for double DQN
     * @param qNextTarget Q(s', ·; θ⁻), {@code n} rows
     */
    static UpdateStats compute(float[] q, float[] qNextOnline, float[] qNextTarget, int[] actions, float[] rewards, boolean[] terminated,
                               int numActions, boolean doubleDqn, double gamma, double delta, float[] dQ) {
        int n = actions.length;
        Arrays.fill(dQ, 0f);
        double loss = 0;
        double qSum = 0;
        for (int j = 0; j < n; j++) {
            // a' = argmax Q(s', ·; θ) for double DQN (van Hasselt et al. 2016, Eq. 4), else argmax Q(s', ·; θ⁻)
            // so that Q(s', a'; θ⁻) is the max of Mnih et al. (2015), Alg. 1.
            int aNext = doubleDqn ? argmax(qNextOnline, j * numActions, numActions) : argmax(qNextTarget, j * numActions,
                    numActions);
            // Never bootstrap past termination; a truncated s' is a real state and bootstraps.
            double bootstrap = terminated[j] ? 0.0 : gamma * qNextTarget[j * numActions + aNext];
            double tdTarget = rewards[j] + bootstrap;
            double qTaken = q[j * numActions + actions[j]];
            double tdError = qTaken - tdTarget;
            double abs = Math.abs(tdError);
            loss += abs <= delta ? 0.5 * tdError * tdError : delta * (abs - 0.5 * delta);
            // The target is a constant; only the taken action's output receives a gradient.
            dQ[j * numActions + actions[j]] = (float) (Math.max(-delta, Math.min(delta, tdError)) / n);
            qSum += qTaken;
        }
        return new UpdateStats(loss / n, qSum / n);
    }

    /** Index of the largest of {@code x[offset .. offset+length)}, the first on ties. */
    static int argmax(float[] x, int offset, int length) {
        int best = 0;
        for (int a = 1; a < length; a++) {
            if (x[offset + a] > x[offset + best]) {
                best = a;
            }
        }
        return best;
    }

    /**
     * Q-values from the network's raw outputs {@code raw[offset ..]}: identity, or for the dueling head (Wang et al. 2016,
     * Eq. 9) raw rows {@code [V, A_0 .. A_{k-1}]} give {@code Q_a = V + A_a − mean(A)}.
     */
    static void toQ(float[] raw, int offset, int rows, int numActions, boolean dueling, float[] q) {
        if (!dueling) {
            System.arraycopy(raw, offset, q, 0, rows * numActions);
            return;
        }
        int width = numActions + 1;
        for (int r = 0; r < rows; r++) {
            int o = offset + r * width;
            double meanA = 0;
            for (int a = 0; a < numActions; a++) {
                meanA += raw[o + 1 + a];
            }
            meanA /= numActions;
            for (int a = 0; a < numActions; a++) {
                q[r * numActions + a] = (float) (raw[o] + raw[o + 1 + a] - meanA);
            }
        }
    }

    /** Back-propagates ∂L/∂Q through {@link #toQ}: ∂L/∂V = Σ_a ∂L/∂Q_a, ∂L/∂A_k = ∂L/∂Q_k − mean_a ∂L/∂Q_a. */
    static void backwardQ(float[] dQ, int rows, int numActions, boolean dueling, float[] dRaw) {
        if (!dueling) {
            System.arraycopy(dQ, 0, dRaw, 0, rows * numActions);
            return;
        }
        int width = numActions + 1;
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int a = 0; a < numActions; a++) {
                sum += dQ[r * numActions + a];
            }
            dRaw[r * width] = (float) sum;
            for (int a = 0; a < numActions; a++) {
                dRaw[r * width + 1 + a] = (float) (dQ[r * numActions + a] - sum / numActions);
            }
        }
    }
}
