package org.netmoe.agents.buffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netmoe.envs.VectorEnv;
import org.netmoe.core.rng.RngStream;

class VectorActionReplayBufferTest {
    private static VectorEnv.VecStep step(float base, boolean terminated, boolean truncated) {
        boolean done = terminated || truncated;
        return new VectorEnv.VecStep(new float[] {base, base + 1}, new double[] {base}, new boolean[] {terminated},
                new boolean[] {truncated}, new float[][] {done ? new float[] {-base, -base} : null},
                new double[] {Double.NaN}, new int[] {0}, List.of(Map.of()));
    }

    @Test
    void ringOverwritesTheOldestAndSamplesAreReproducible() {
        ReplayBuffer buffer = new ReplayBuffer(3, 2, 2);
        for (int t = 0; t < 5; t++) {
            buffer.add(new float[] {t, t}, new float[] {t, -t}, step(t, false, t == 4));
        }
        assertEquals(3, buffer.size());
        ReplayState s = buffer.state();
        assertArrayEquals(new float[] {3, 3, 4, 4, 2, 2}, s.observations());
        assertArrayEquals(new float[] {3, 4, -4, -4, 2, 3}, s.nextObservations()); // row of t = 4 is its final observation
        assertArrayEquals(new boolean[] {false, false, false}, s.terminated());
        float[] first = buffer.sample(4, RngStream.of(1)).actions().clone();
        assertArrayEquals(first, buffer.sample(4, RngStream.of(1)).actions());
        ReplayBuffer copy = new ReplayBuffer(3, 2, 2);
        copy.restore(s);
        assertEquals(s, copy.state());
    }

    @Test
    void restoreRejectsAnotherShapeAndSamplingAnEmptyBufferFails() {
        ReplayBuffer buffer = new ReplayBuffer(3, 2, 1);
        assertThrows(IllegalStateException.class, () -> buffer.sample(2, RngStream.of(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> buffer.restore(new ReplayBuffer(3, 2, 2).state()));
        assertEquals("replay state of capacity 3, obsDim 2, actionDim 2 does not fit a buffer of capacity 3, obsDim 2,"
                + " actionDim 1", e.getMessage());
    }
}
