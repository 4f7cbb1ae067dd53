package org.netmoe.envs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.netmoe.envs.maze.MazeConfig;
import org.netmoe.envs.maze.MazeEnv;
import org.netmoe.envs.nsp.NspConfig;
import org.netmoe.envs.nsp.NspPowerEnv;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;

/** A vector env restored from a snapshot into fresh envs continues bit-identically, mid-episode. */
class EnvSnapshotTest {
    private static final IntFunction<Env> SLIPPY_MAZE = i -> new MazeEnv(MazeConfig.defaults().withRandomness(true, 0.2));
    private static final IntFunction<Env> RANDOM_USERS = i -> new NspPowerEnv(NspConfig.defaults()
            .withRandomizeUsers(true).withQosTypes(List.of("op", "dr", "tp")));
    private static final IntFunction<Env> CONTINUOUS_NSP = i -> new NspPowerEnv(NspConfig.defaults()
            .withRandomizeUsers(true).withActionSpace("continuous"));

    @Test
    void restoredMazeVectorEnvContinuesIdentically() {
        assertContinuesIdentically(SLIPPY_MAZE, 37);
    }

    @Test
    void restoredNspVectorEnvContinuesIdentically() {
        assertContinuesIdentically(RANDOM_USERS, 23);
        assertContinuesIdentically(CONTINUOUS_NSP, 11);
    }

    @Test
    void registeredEnvsPassTheCheckerIncludingTheSnapshotCheck() {
        EnvChecker.check(() -> SLIPPY_MAZE.apply(0));
        EnvChecker.check(() -> RANDOM_USERS.apply(0));
    }

    @Test
    void foreignTruncatedAndUnsupportedStatesAreRejected() {
        MazeEnv maze = new MazeEnv(MazeConfig.defaults());
        maze.reset(1L);
        byte[] state = maze.saveState();
        NspPowerEnv nsp = new NspPowerEnv(NspConfig.defaults());
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class, () -> nsp.restoreState(state));
        assertTrue(foreign.getMessage().contains("cannot be restored into NspPowerEnv"), foreign.getMessage());
        IllegalArgumentException cut = assertThrows(IllegalArgumentException.class,
                () -> new MazeEnv(MazeConfig.defaults()).restoreState(Arrays.copyOf(state, state.length - 2)));
        assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> new CorridorEnv(4, 10, false).saveState());
        try (VectorEnv two = VectorEnv.of(2, SLIPPY_MAZE); VectorEnv three = VectorEnv.of(3, SLIPPY_MAZE)) {
            two.reset(3);
            IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                    () -> three.restoreState(two.saveState()));
            assertTrue(size.getMessage().contains("2 envs"), size.getMessage());
        }
    }

    private static void assertContinuesIdentically(IntFunction<Env> factory, int warmup) {
        try (VectorEnv original = VectorEnv.of(3, factory); VectorEnv restored = VectorEnv.of(3, factory)) {
            original.reset(5);
            RngStream actions = RngStream.of(9);
            for (int t = 0; t < warmup; t++) {
                original.step(sample(original, actions));
            }
            byte[] state = original.saveState();
            byte[] actionState = actions.saveState();
            restored.restoreState(state);
            RngStream actionsCopy = RngStream.of(9);
            actionsCopy.restoreState(actionState);
            assertEquals(trace(original, actions), trace(restored, actionsCopy));
        }
    }

    private static Action[] sample(VectorEnv envs, RngStream rng) {
        Action[] a = new Action[envs.numEnvs()];
        for (int i = 0; i < a.length; i++) {
            a[i] = envs.actionSpace().sample(rng);
        }
        return a;
    }

    /** 300 lock-steps, printed exactly, including auto-resets and episode totals. */
    private static String trace(VectorEnv envs, RngStream actions) {
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < 300; t++) {
            VectorEnv.VecStep s = envs.step(sample(envs, actions));
            sb.append(Arrays.toString(s.observations())).append(Arrays.toString(s.rewards()))
                    .append(Arrays.toString(s.episodeReturns())).append(Arrays.toString(s.episodeLengths()))
                    .append(s.infos()).append('\n');
        }
        return sb.toString();
    }
}
