package org.netmoe.agents.dqn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netmoe.envs.VectorEnv;
import org.netmoe.envs.rng.RngStream;

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

    private static float[] host(org.nd4j.linalg.api.ndarray.INDArray a) {
        return a.dup('c').data().asFloat();
    }

    @Test
    void ringOverwritesOldestTransitionsWhenFull() {
        ReplayBuffer buffer = new ReplayBuffer(3, 1);
        for (int t = 0; t < 5; t++) {
            buffer.add(new float[] {t}, new int[] {t}, step(1, 1, t + 1, t));
        }
        assertEquals(3, buffer.size());
        ReplayState s = buffer.state();
        // Transitions 3 and 4 overwrote slots 0 and 1; slot 2 still holds transition 2.
        assertArrayEquals(new float[] {3, 4, 2}, s.observations(), 0f);
        assertArrayEquals(new float[] {4, 5, 3}, s.nextObservations(), 0f);
        assertArrayEquals(new int[] {3, 4, 2}, s.actions());
        assertEquals(2, s.position());
        ReplayBatch batch = buffer.sample(64, RngStream.of(1));
        for (int j = 0; j < batch.size(); j++) {
            int a = batch.actions()[j];
            assertTrue(a >= 2 && a <= 4, "sampled an overwritten transition: " + a);
            assertEquals(a, host(batch.observations())[j], 0f);
            assertEquals(a + 1, host(batch.nextObservations())[j], 0f);
            assertEquals(a, batch.rewards()[j], 0f);
        }
    }

    @Test
    void truncatedEpisodeKeepsFinalObservationAndOnlyTerminatedStopsBootstrapping() {
        int obsDim = 2;
        ReplayBuffer buffer = new ReplayBuffer(4, obsDim);
        // Env 0 terminated, env 1 truncated, env 2 running; rows 0 and 1 already hold the reset observations.
        float[] next = {9, 9, 8, 8, 7, 7};
        float[][] finals = {{1, 1}, {2, 2}, null};
        VectorEnv.VecStep s = new VectorEnv.VecStep(next, new double[] {1, 2, 3},
                new boolean[] {true, false, false}, new boolean[] {false, true, false}, finals,
                new double[] {1, 2, Double.NaN}, new int[] {5, 20, 0}, List.of(Map.of(), Map.of(), Map.of()));
        buffer.add(new float[] {0, 0, 0, 1, 0, 2}, new int[] {1, 0, 1}, s);
        ReplayState state = buffer.state();
        assertArrayEquals(new float[] {1, 1, 2, 2, 7, 7, 0, 0}, state.nextObservations(), 0f);
        assertArrayEquals(new boolean[] {true, false, false, false}, state.terminated());
    }

    @Test
    void sameRngGivesSameSamplesAndStateRoundTrips() {
        ReplayBuffer a = new ReplayBuffer(50, 3);
        for (int t = 0; t < 30; t++) {
            a.add(new float[] {t, t, t, -t, -t, -t}, new int[] {t % 4, (t + 1) % 4}, step(2, 3, t, t));
        }
        ReplayBuffer b = new ReplayBuffer(50, 3);
        b.restore(a.state());
        ReplayBatch x = a.sample(16, RngStream.of(5));
        float[] xs = host(x.states());
        int[] xa = x.actions().clone();
        ReplayBatch y = b.sample(16, RngStream.of(5));
        assertArrayEquals(xs, host(y.states()), 0f);
        assertArrayEquals(xa, y.actions());
        ReplayBatch z = b.sample(16, RngStream.of(6));
        assertFalse(java.util.Arrays.equals(xa, z.actions()) && java.util.Arrays.equals(xs, host(z.states())));
    }

    @Test
    void rejectsMisuse() {
        ReplayBuffer buffer = new ReplayBuffer(4, 2);
        assertThrows(IllegalStateException.class, () -> buffer.sample(2, RngStream.of(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> buffer.add(new float[3], new int[] {0, 1}, step(2, 2, 0, 0)));
        assertTrue(e.getMessage().contains("observations"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ReplayBuffer(8, 2).restore(buffer.state()));
    }

    @Test
    void capacityBeyondIntIndexingNamesBufferSizeAndItsMaximum() {
        // 10^7 transitions of 1000 floats: Math.multiplyExact threw "integer overflow" here.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReplayBuffer(10_000_000, 1000));
        assertEquals("bufferSize must be <= 2147483 here (1000 array elements each; a Java array holds at most"
                + " 2147483639), was 10000000", e.getMessage());
    }
}
