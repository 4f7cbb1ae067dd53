package org.netmoe.agents.ppo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.netmoe.core.rng.RngStream;

class GaeTest {

    /**
     * The plain reverse loop of SB3's {@code compute_returns_and_advantage}, with its timeout
     * handling: a truncated step's reward absorbs γ·V(final observation), then any done cuts the
     * recursion.
     */
    private static void reference(float[] rewards, float[] values, boolean[] terminated, boolean[] truncated,
                                  float[] finalValues, float[] lastValues, double gamma, double lambda,
                                  float[] advantages, float[] returns) {
        int n = lastValues.length;
        int steps = rewards.length / n;
        double[] lastGae = new double[n];
        for (int t = steps - 1; t >= 0; t--) {
            for (int i = 0; i < n; i++) {
                int k = t * n + i;
                double r = rewards[k];
                if (truncated[k] && !terminated[k]) {
                    r += gamma * finalValues[k];
                }
                double nextNonTerminal = terminated[k] || truncated[k] ? 0 : 1;
                double nextValue = t == steps - 1 ? lastValues[i] : values[k + n];
                double delta = r + gamma * nextValue * nextNonTerminal - values[k];
                lastGae[i] = delta + gamma * lambda * nextNonTerminal * lastGae[i];
                advantages[k] = (float) lastGae[i];
                returns[k] = (float) (lastGae[i] + values[k]);
            }
        }
    }

    @Test
    void matchesPlainReverseLoopOnRandomRolloutsWithMixedTerminatedAndTruncatedSteps() {
        RngStream rng = RngStream.of(11);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + rng.nextInt(6);
            int steps = 1 + rng.nextInt(40);
            int b = n * steps;
            float[] rewards = new float[b];
            float[] values = new float[b];
            float[] finalValues = new float[b];
            boolean[] terminated = new boolean[b];
            boolean[] truncated = new boolean[b];
            float[] lastValues = new float[n];
            for (int k = 0; k < b; k++) {
                rewards[k] = (float) (2 * rng.nextDouble() - 1);
                values[k] = (float) (2 * rng.nextDouble() - 1);
                double u = rng.nextDouble();
                terminated[k] = u < 0.1;
                truncated[k] = u > 0.85 || u < 0.02; // a few steps both terminated and truncated
                finalValues[k] = truncated[k] ? (float) (5 * rng.nextDouble()) : 0f;
            }
            for (int i = 0; i < n; i++) {
                lastValues[i] = (float) rng.nextDouble();
            }
            double gamma = rng.nextDouble();
            double lambda = rng.nextDouble();
            float[] adv = new float[b];
            float[] ret = new float[b];
            float[] refAdv = new float[b];
            float[] refRet = new float[b];
            Gae.compute(rewards, values, terminated, truncated, finalValues, lastValues, gamma, lambda, adv, ret);
            reference(rewards, values, terminated, truncated, finalValues, lastValues, gamma, lambda, refAdv, refRet);
            assertArrayEquals(refAdv, adv, 1e-5f, "advantages, trial " + trial);
            assertArrayEquals(refRet, ret, 1e-5f, "returns, trial " + trial);
        }
    }

    @Test
    void truncatedEpisodeBootstrapsFromFinalObservationAndTerminatedDoesNot() {
        // Two envs, one step: env 0 terminated, env 1 truncated; lastValues belong to the next episodes.
        RolloutBuffer buffer = new RolloutBuffer(1, 2, 1, 1);
        buffer.add(new float[] {0, 0}, new float[] {0, 0}, new float[] {0, 0}, new float[] {0.5f, 0.25f},
                new double[] {1, 2}, new boolean[] {true, false}, new boolean[] {false, true}, new float[] {9, 4});
        RolloutBatch batch = buffer.computeReturnsAndAdvantages(new float[] {100, 100}, 0.5, 0.9);
        assertEquals(1 - 0.5, batch.advantages()[0], 1e-6);           // δ = r − V
        assertEquals(2 + 0.5 * 4 - 0.25, batch.advantages()[1], 1e-6); // δ = r + γ·V(final) − V
        assertEquals(1.0, batch.returns()[0], 1e-6);
        assertEquals(4.0, batch.returns()[1], 1e-6);
    }

    @Test
    void gaeWithLambdaOneIsTheDiscountedReturnMinusValue() {
        RolloutBuffer buffer = new RolloutBuffer(3, 1, 1, 1);
        float[] v = {0.1f, 0.2f, 0.3f};
        for (int t = 0; t < 3; t++) {
            buffer.add(new float[] {t}, new float[] {0}, new float[] {0}, new float[] {v[t]}, new double[] {1},
                    new boolean[] {false}, new boolean[] {false}, new float[] {0});
        }
        RolloutBatch batch = buffer.computeReturnsAndAdvantages(new float[] {2}, 0.9, 1.0);
        assertEquals(1 + 0.9 + 0.81 + 0.729 * 2, batch.returns()[0], 1e-5);
        assertEquals(1 + 0.9 * 2, batch.returns()[2], 1e-5);
    }
}
