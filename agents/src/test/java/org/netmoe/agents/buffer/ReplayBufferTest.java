package org.netmoe.agents.buffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netmoe.envs.VectorEnv;
import org.netmoe.core.rng.RngStream;

class ReplayBufferTest {

    /** A VecStep of {@code n} unfinished envs whose observation rows are all {@code value}. */
    private static VectorEnv.VecStep step(int n, int obsDim, float value, float reward) {
        float[] obs = new float[n * obsDim];
        java.util.Arrays.fill(obs, value);
        double[] rewards = new double[n];
        java.util.Arrays.fill(rewards, reward);
        return new VectorEnv.VecStep(obs, rewards, new boolean[n], new boolean[n], new float[n][],
                new double[n], new int[n], java.util.Collections.nCopies(n, Map.<String, Double>of()));
    }

    private static float[] host(float[] a) {
        return a;
    }

    @Test
    void ringOverwritesOldestTransitionsWhenFull() {
        ReplayBuffer buffer = new ReplayBuffer(3, 1, 1);
        for (int t = 0; t < 5; t++) {
            buffer.add(new float[] {t}, new float[] {t}, step(1, 1, t + 1, t));
        }
        assertEquals(3, buffer.size());
        ReplayState s = buffer.state();
        // Transitions 3 and 4 overwrote slots 0 and 1; slot 2 still holds transition 2.
        assertArrayEquals(new float[] {3, 4, 2}, s.observations(), 0f);
        assertArrayEquals(new float[] {4, 5, 3}, s.nextObservations(), 0f);
        assertArrayEquals(new float[] {3, 4, 2}, s.actions(), 0f);
        assertEquals(2, s.position());
        ReplayBatch batch = buffer.sample(64, RngStream.of(1));
        for (int j = 0; j < batch.size(); j++) {
            int a = batch.actionIndex(j);
            assertTrue(a >= 2 && a <= 4, "sampled an overwritten transition: " + a);
            assertEquals(a, host(batch.observations())[j], 0f);
            assertEquals(a + 1, host(batch.nextObservations())[j], 0f);
            assertEquals(a, batch.rewards()[j], 0f);
        }
    }

    @Test
    void truncatedEpisodeKeepsFinalObservationAndOnlyTerminatedStopsBootstrapping() {
        int obsDim = 2;
        ReplayBuffer buffer = new ReplayBuffer(4, obsDim, 1);
        // Env 0 terminated, env 1 truncated, env 2 running; rows 0 and 1 already hold the reset observations.
        float[] next = {9, 9, 8, 8, 7, 7};
        float[][] finals = {{1, 1}, {2, 2}, null};
        VectorEnv.VecStep s = new VectorEnv.VecStep(next, new double[] {1, 2, 3},
                new boolean[] {true, false, false}, new boolean[] {false, true, false}, finals,
                new double[] {1, 2, Double.NaN}, new int[] {5, 20, 0}, List.of(Map.of(), Map.of(), Map.of()));
        buffer.add(new float[] {0, 0, 0, 1, 0, 2}, new float[] {1, 0, 1}, s);
        ReplayState state = buffer.state();
        assertArrayEquals(new float[] {1, 1, 2, 2, 7, 7, 0, 0}, state.nextObservations(), 0f);
        assertArrayEquals(new boolean[] {true, false, false, false}, state.terminated());
    }

    @Test
    void sameRngGivesSameSamplesAndStateRoundTrips() {
        ReplayBuffer a = new ReplayBuffer(50, 3, 1);
        for (int t = 0; t < 30; t++) {
            a.add(new float[] {t, t, t, -t, -t, -t}, new float[] {t % 4, (t + 1) % 4}, step(2, 3, t, t));
        }
        ReplayBuffer b = new ReplayBuffer(50, 3, 1);
        b.restore(a.state());
        ReplayBatch x = a.sample(16, RngStream.of(5));
        float[] xs = x.observations().clone();
        float[] xn = x.nextObservations().clone();
        float[] xa = x.actions().clone();
        ReplayBatch y = b.sample(16, RngStream.of(5));
        assertArrayEquals(xs, y.observations(), 0f);
        assertArrayEquals(xn, y.nextObservations(), 0f);
        assertArrayEquals(xa, y.actions(), 0f);
        ReplayBatch z = b.sample(16, RngStream.of(6));
        assertFalse(java.util.Arrays.equals(xa, z.actions()) && java.util.Arrays.equals(xs, z.observations()));
    }

    /** One snapshot format for every action kind: discrete index, Box vector, a caller's action+extra row. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"discrete", "continuous", "multibs"})
    void snapshotRoundTripsForEachActionKind(String kind) {
        int actionDim = switch (kind) {
            case "discrete" -> 1;
            case "continuous" -> 3;
            default -> 2 + 8; // [set, expert precoder, generated vector of 8]
        };
        RngStream rng = RngStream.of(11);
        ReplayBuffer a = new ReplayBuffer(20, 2, actionDim);
        for (int t = 0; t < 27; t++) { // wraps the ring
            float[] action = new float[actionDim];
            for (int k = 0; k < actionDim; k++) {
                action[k] = kind.equals("discrete") ? rng.nextInt(5) : (float) (2 * rng.nextDouble() - 1);
            }
            float[] o = {t, -t};
            a.add(o, action, (float) rng.nextDouble(), kind.equals("multibs") ? o : new float[] {t + 1, -t - 1},
                    t % 3 == 0);
        }
        ReplayState state = a.state();
        ReplayBuffer b = new ReplayBuffer(20, 2, actionDim);
        b.restore(state);
        assertEquals(state, b.state());
        assertEquals(a.size(), b.size());
        ReplayBatch x = a.sample(32, RngStream.of(3));
        float[][] xs = {x.observations().clone(), x.actions().clone(), x.rewards().clone(), x.nextObservations().clone()};
        boolean[] xt = x.terminated().clone();
        ReplayBatch y = b.sample(32, RngStream.of(3));
        assertArrayEquals(xs[0], y.observations(), 0f);
        assertArrayEquals(xs[1], y.actions(), 0f);
        assertArrayEquals(xs[2], y.rewards(), 0f);
        assertArrayEquals(xs[3], y.nextObservations(), 0f);
        assertArrayEquals(xt, y.terminated());
        assertEquals(actionDim, y.actionDim());
        // Adding after the restore continues the ring at the same position in both.
        a.add(new float[] {99, 99}, new float[actionDim], 1f, new float[] {99, 99}, true);
        b.add(new float[] {99, 99}, new float[actionDim], 1f, new float[] {99, 99}, true);
        assertEquals(a.state(), b.state());
    }

    @Test
    void rejectsMisuse() {
        ReplayBuffer buffer = new ReplayBuffer(4, 2, 1);
        assertThrows(IllegalStateException.class, () -> buffer.sample(2, RngStream.of(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> buffer.add(new float[3], new float[] {0, 1}, step(2, 2, 0, 0)));
        assertTrue(e.getMessage().contains("observations"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ReplayBuffer(8, 2, 1).restore(buffer.state()));
    }

    @Test
    void capacityBeyondIntIndexingNamesBufferSizeAndItsMaximum() {
        // 10^7 transitions of 1000 floats: Math.multiplyExact threw "integer overflow" here.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReplayBuffer(10_000_000, 1000, 1));
        assertEquals("bufferSize must be <= 2147483 here (1000 array elements each; a Java array holds at most"
                + " 2147483639), was 10000000", e.getMessage());
    }
}
