package org.netmoe.agents.dqn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TdLossTest {
    // Two actions, three transitions; the third is terminated.
    private static final int[] ACTIONS = {0, 1, 1};
    private static final float[] REWARDS = {1f, -0.5f, 2f};
    private static final boolean[] TERMINATED = {false, false, true};
    private static final float[] Q = {0.5f, 0.2f, 1.0f, 3.0f, -1f, 0.4f};
    private static final float[] Q_NEXT_ONLINE = {0.9f, 0.1f, 0.2f, 0.7f, 5f, 6f};
    private static final float[] Q_NEXT_TARGET = {2.0f, 1.0f, 0.0f, 0.5f, 9f, 9f};

    @Test
    void vanillaTargetUsesTargetNetworkMaxAndHuberGradientOnTakenActionOnly() {
        float[] dQ = new float[Q.length];
        UpdateStats stats = TdLoss.compute(Q, Q_NEXT_ONLINE, Q_NEXT_TARGET, ACTIONS, REWARDS, TERMINATED, 2, false, 0.9, 1.0, dQ);
        // y = r + γ max_a' Q̂(s', a'): 1 + 0.9·2 = 2.8; −0.5 + 0.9·0.5 = −0.05; terminated: 2.
        double[] delta = {0.5 - 2.8, 3.0 - (-0.05), 0.4 - 2.0};
        double loss = (huber(delta[0]) + huber(delta[1]) + huber(delta[2])) / 3;
        assertEquals(loss, stats.loss(), 1e-6);
        assertEquals((0.5 + 3.0 + 0.4) / 3, stats.qMean(), 1e-6);
        float[] expected = new float[Q.length];
        expected[0] = -1f / 3;             // |δ| > 1: clipped
        expected[3] = 1f / 3;              // clipped
        expected[5] = -1f / 3;             // δ = −1.6: clipped
        assertArrayEquals(expected, dQ, 1e-6f);
    }

    @Test
    void doubleDqnPicksNextActionWithOnlineNetwork() {
        float[] dQ = new float[Q.length];
        UpdateStats stats = TdLoss.compute(Q, Q_NEXT_ONLINE, Q_NEXT_TARGET, ACTIONS, REWARDS, TERMINATED, 2, true, 0.9, 10.0, dQ);
        // a' from the online net on s': argmax(0.9, 0.1) = 0, argmax(0.2, 0.7) = 1; evaluated by the target net.
        double y0 = 1 + 0.9 * 2.0;
        double y1 = -0.5 + 0.9 * 0.5;
        double y2 = 2.0;
        double[] delta = {0.5 - y0, 3.0 - y1, 0.4 - y2};
        double loss = 0;
        for (double d : delta) {
            loss += 0.5 * d * d; // δ = 10: all quadratic
        }
        assertEquals(loss / 3, stats.loss(), 1e-6);
        float[] expected = new float[Q.length];
        expected[0] = (float) (delta[0] / 3);
        expected[3] = (float) (delta[1] / 3);
        expected[5] = (float) (delta[2] / 3);
        assertArrayEquals(expected, dQ, 1e-6f);
    }

    private static double huber(double d) {
        return Math.abs(d) <= 1 ? 0.5 * d * d : Math.abs(d) - 0.5;
    }

    @Test
    void duelingHeadGradientMatchesFiniteDifferences() {
        int rows = 2;
        int k = 3;
        float[] raw = {0.3f, 1f, -2f, 0.5f, -0.7f, 0.2f, 0.1f, 0.4f};
        float[] dQ = {0.2f, -0.1f, 0.7f, -0.3f, 0.5f, 0.05f};
        float[] dRaw = new float[raw.length];
        TdLoss.backwardQ(dQ, rows, k, true, dRaw);
        float[] q = new float[rows * k];
        TdLoss.toQ(raw, 0, rows, k, true, q);
        assertEquals(0.3 + 1 - (1 - 2 + 0.5) / 3.0, q[0], 1e-6);
        for (int i = 0; i < raw.length; i++) {
            float saved = raw[i];
            raw[i] = saved + 1e-2f;
            double plus = dot(raw, dQ, rows, k);
            raw[i] = saved - 1e-2f;
            double minus = dot(raw, dQ, rows, k);
            raw[i] = saved;
            assertEquals((plus - minus) / 2e-2, dRaw[i], 1e-4, "raw " + i);
        }
    }

    private static double dot(float[] raw, float[] dQ, int rows, int k) {
        float[] q = new float[rows * k];
        TdLoss.toQ(raw, 0, rows, k, true, q);
        double s = 0;
        for (int i = 0; i < q.length; i++) {
            s += q[i] * dQ[i];
        }
        return s;
    }
}
