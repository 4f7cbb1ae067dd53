package org.netmoe.envs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.netmoe.envs.space.Action;
import org.junit.jupiter.api.Test;

class VectorEnvTest {

    @Test
    void observationsAreOneContiguousRowMajorBuffer() {
        try (VectorEnv envs = VectorEnv.of(3, i -> new CorridorEnv(4, 10, false))) {
            float[] obs = envs.reset(1);
            assertEquals(12, obs.length);
            for (int i = 0; i < 3; i++) {
                assertEquals(1f, obs[i * 4]);
            }
            VectorEnv.VecStep s = envs.step(new int[] {1, 0, 1});
            assertEquals(1f, s.observations()[1]);
            assertEquals(1f, s.observations()[4]);
            assertEquals(1f, s.observations()[9]);
        }
    }

    @Test
    void terminatedEnvAutoResetsAndKeepsFinalObservation() {
        try (VectorEnv envs = VectorEnv.of(2, i -> new CorridorEnv(3, 10, false))) {
            envs.reset(1);
            envs.step(new int[] {1, 0});
            VectorEnv.VecStep s = envs.step(new int[] {1, 0});
            assertTrue(s.terminated()[0]);
            assertFalse(s.truncated()[0]);
            assertArrayEquals(new float[] {0, 0, 1}, s.finalObservations()[0], "final obs of the finished episode");
            assertArrayEquals(new float[] {1, 0, 0}, Arrays.copyOfRange(s.observations(), 0, 3), "next episode's first obs");
            assertEquals(1.0 - 0.01, s.episodeReturns()[0], 1e-12);
            assertEquals(2, s.episodeLengths()[0]);
            assertNull(s.finalObservations()[1]);
            assertTrue(Double.isNaN(s.episodeReturns()[1]));
        }
    }

    @Test
    void truncatedEnvKeepsFinalObservationForBootstrapping() {
        try (VectorEnv envs = VectorEnv.of(1, i -> new CorridorEnv(5, 2, false))) {
            envs.reset(1);
            envs.step(new int[] {1});
            VectorEnv.VecStep s = envs.step(new int[] {1});
            assertTrue(s.truncated()[0]);
            assertFalse(s.terminated()[0]);
            assertNotNull(s.finalObservations()[0]);
            assertEquals(1f, s.finalObservations()[0][2]);
            assertEquals(1f, s.observations()[0], "auto-reset to the start");
        }
    }

    @Test
    void sameSeedGivesSameObservationsAndEnvsGetDistinctStreams() {
        try (VectorEnv a = VectorEnv.of(4, i -> new CorridorEnv(8, 10, true));
             VectorEnv b = VectorEnv.of(4, i -> new CorridorEnv(8, 10, true))) {
            float[] oa = a.reset(5).clone();
            assertArrayEquals(oa, b.reset(5));
            boolean differ = false;
            for (long seed = 0; seed < 10 && !differ; seed++) {
                float[] o = a.reset(seed);
                differ = !Arrays.equals(Arrays.copyOfRange(o, 0, 8), Arrays.copyOfRange(o, 8, 16));
            }
            assertTrue(differ, "envs of one vector env must not share a seed");
        }
    }

    @Test
    void rejectsWrongActionCountAndStepBeforeReset() {
        try (VectorEnv envs = VectorEnv.of(2, i -> new CorridorEnv(3, 10, false))) {
            assertThrows(IllegalStateException.class, () -> envs.step(new int[] {0, 0}));
            envs.reset(0);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> envs.step(new int[] {0}));
            assertTrue(e.getMessage().contains("expected 2 actions"));
        }
    }

    @Test
    void aSplitStepIsAStepAndKeepsItsOrder() {
        // VectorEnv begins every env's step before finishing the first; for an env computed in place that
        // must be the same step, and nothing else may be asked of an env between the halves.
        try (CorridorEnv whole = new CorridorEnv(8, 10, false); CorridorEnv split = new CorridorEnv(8, 10, false)) {
            assertArrayEquals(whole.reset(3L, null).observation(), split.reset(3L, null).observation());
            for (int a : new int[] {1, 1, 0, 1}) {
                Env.Step expected = whole.step(Action.of(a));
                split.beginStep(Action.of(a));
                Env.Step actual = split.finishStep();
                assertArrayEquals(expected.observation(), actual.observation());
                assertEquals(expected.reward(), actual.reward());
            }
            assertThrows(IllegalStateException.class, split::finishStep);
            split.beginStep(Action.of(1));
            IllegalStateException twice = assertThrows(IllegalStateException.class, () -> split.beginStep(Action.of(1)));
            assertTrue(twice.getMessage().startsWith("beginStep() while a step is pending"), twice.getMessage());
            assertThrows(IllegalStateException.class, () -> split.reset(1L, null));
            assertThrows(IllegalStateException.class, split::saveState);
            assertEquals(4, split.episodeStep());
            split.finishStep();
            assertEquals(5, split.episodeStep());
        }
    }
}
