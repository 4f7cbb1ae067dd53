package org.netmoe.gym.pyenv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.Env;
import org.netmoe.envs.EnvChecker;
import org.netmoe.envs.EnvRegistry;
import org.netmoe.envs.VectorEnv;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.Discrete;

/** Gymnasium envs in Python workers, against NetMoE's env contract and its error rules. */
class PythonEnvTest {
    /** A user's env: counts to 3 (terminates), or raises in step {@code failAt}. */
    private static final String USER_ENV = """
            import gymnasium as gym
            import numpy as np

            class CountEnv(gym.Env):
                def __init__(self, fail_at=-1):
                    self.observation_space = gym.spaces.Box(0.0, 10.0, shape=(1,), dtype=np.float32)
                    self.action_space = gym.spaces.Discrete(2)
                    self.fail_at = fail_at

                def reset(self, *, seed=None, options=None):
                    super().reset(seed=seed)
                    self.count = 0
                    return np.zeros(1, dtype=np.float32), {"start": self.np_random.integers(100)}

                def step(self, action):
                    self.count += 1
                    if self.count == self.fail_at:
                        raise ValueError(f"boom at step {self.count}\\nsecond line")
                    return np.array([self.count], dtype=np.float32), float(action), self.count >= 3, False, {"count": self.count}
            """;

    @TempDir
    Path tmp;

    private PythonEnv cartPole(Map<String, Object> kwargs) {
        return new PythonEnv("gym:CartPole-v1", "CartPole-v1", TestPython.config(kwargs));
    }

    private PythonEnv userEnv(Map<String, Object> kwargs) throws Exception {
        Files.writeString(tmp.resolve("count_env.py"), USER_ENV);
        return new PythonEnv("gym:count_env:CountEnv", "count_env:CountEnv", TestPython.config(kwargs, tmp));
    }

    @Test
    void cartPolePassesNetMoesEnvCheckerIncludingSnapshotRestore() {
        TestPython.interpreter();
        List<String> problems = EnvChecker.problems(() -> cartPole(Map.of()));
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void spacesMapExactly() {
        try (PythonEnv env = cartPole(Map.of())) {
            Box obs = env.observationSpace();
            assertArrayEquals(new int[] {4}, obs.shape());
            assertEquals(Float.POSITIVE_INFINITY, obs.high(1));
            assertEquals(4.8f, obs.high(0), 1e-6);
            assertEquals(new Discrete(2), env.actionSpace());
        }
    }

    @Test
    void truncationAndTerminationAreThePythonEnvs() {
        try (PythonEnv env = cartPole(Map.of("max_episode_steps", 3))) {
            env.reset(4L, Map.of());
            env.step(Action.of(0));
            env.step(Action.of(1));
            Env.Step third = env.step(Action.of(0));
            assertTrue(third.truncated() && !third.terminated(), third.toString());
        }
        try (PythonEnv env = cartPole(Map.of())) {
            env.reset(4L, Map.of());
            Env.Step s;
            int steps = 0;
            do {
                s = env.step(Action.of(1)); // always push right: the pole falls
                steps++;
            } while (!s.done());
            assertTrue(s.terminated() && !s.truncated() && steps < 100, steps + " " + s);
        }
    }

    @Test
    void sameSeedSameEpisodeAndInfoArrives() throws Exception {
        try (PythonEnv a = userEnv(Map.of()); PythonEnv b = userEnv(Map.of())) {
            double startA = a.reset(7L, Map.of()).info().get("start");
            assertEquals(startA, b.reset(7L, Map.of()).info().get("start"));
            Env.Step s = a.step(Action.of(1));
            assertEquals(1.0, s.reward());
            assertEquals(1.0, s.info().get("count"));
        }
    }

    @Test
    void vectorEnvOfWorkersAutoResetsAndKeepsTheFinalObservation() throws Exception {
        Files.writeString(tmp.resolve("count_env.py"), USER_ENV);
        GymEnvConfig config = TestPython.config(Map.of(), tmp);
        EnvRegistry registry = EnvRegistry.standard();
        try (VectorEnv envs = VectorEnv.of(2, i -> registry.get("gym:count_env:CountEnv").make(config))) {
            envs.reset(1);
            envs.step(new int[] {0, 1});
            envs.step(new int[] {0, 1});
            VectorEnv.VecStep third = envs.step(new int[] {0, 1});
            assertTrue(third.terminated()[0] && third.terminated()[1]);
            assertArrayEquals(new float[] {3f}, third.finalObservations()[1]);
            assertArrayEquals(new float[] {0f, 0f}, third.observations(), "rows hold the next episodes' first observations");
            assertEquals(3.0, third.episodeReturns()[1]);
        }
    }

    @Test
    void vectorEnvStepsItsWorkersConcurrentlyAlongTheSerialTrajectories() {
        // The vector env begins all four steps before it reads a reply; stepping four envs one after the other
        // with the seeds it derives must give the same observations, rewards and episode ends, bit for bit.
        GymEnvConfig config = TestPython.config(Map.of());
        int n = 4;
        long seed = 3;
        List<PythonEnv> serial = new ArrayList<>();
        try (VectorEnv vector = VectorEnv.of(n, i -> new PythonEnv("gym:CartPole-v1", "CartPole-v1", config))) {
            float[] rows = vector.reset(seed);
            for (int i = 0; i < n; i++) {
                serial.add(new PythonEnv("gym:CartPole-v1", "CartPole-v1", config));
                float[] first = serial.get(i).reset(RngStream.deriveSeed(seed, "env/" + i), Map.of()).observation();
                assertArrayEquals(first, Arrays.copyOfRange(rows, 4 * i, 4 * i + 4));
            }
            RngStream actions = RngStream.of(5);
            int episodes = 0;
            for (int t = 0; t < 200; t++) {
                int[] a = new int[n];
                for (int i = 0; i < n; i++) {
                    a[i] = actions.nextInt(2);
                }
                VectorEnv.VecStep v = vector.step(a);
                for (int i = 0; i < n; i++) {
                    Env.Step s = serial.get(i).step(Action.of(a[i]));
                    assertEquals(s.reward(), v.rewards()[i]);
                    assertEquals(s.terminated(), v.terminated()[i]);
                    assertEquals(s.truncated(), v.truncated()[i]);
                    float[] obs = s.observation();
                    if (s.done()) {
                        assertArrayEquals(obs, v.finalObservations()[i]);
                        obs = serial.get(i).reset(null, Map.of()).observation();
                        episodes++;
                    }
                    assertArrayEquals(obs, Arrays.copyOfRange(v.observations(), 4 * i, 4 * i + 4), "env " + i + ", step " + t);
                }
            }
            assertTrue(episodes >= 8, "random actions end CartPole episodes within 200 steps: " + episodes);
        } finally {
            serial.forEach(PythonEnv::close);
        }
    }

    @Test
    void anErrorInOneWorkerOfAVectorEnvIsOneLineAndClosingLeavesNoWorker() throws Exception {
        Files.writeString(tmp.resolve("count_env.py"), USER_ENV);
        GymEnvConfig plain = TestPython.config(Map.of(), tmp);
        GymEnvConfig failing = TestPython.config(Map.of("fail_at", 2), tmp);
        List<ProcessHandle> workers = new ArrayList<>();
        VectorEnv envs = VectorEnv.of(3, i -> new PythonEnv("gym:count_env:CountEnv", "count_env:CountEnv",
                i == 1 ? failing : plain));
        for (int i = 0; i < 3; i++) {
            workers.add(ProcessHandle.of(((PythonEnv) envs.env(i)).workerPid()).orElseThrow());
        }
        envs.reset(1);
        envs.step(new int[] {0, 0, 0});
        PythonEnvException e = assertThrows(PythonEnvException.class, () -> envs.step(new int[] {0, 0, 0}));
        assertEquals("gym:count_env:CountEnv: Python raised in step: ValueError: boom at step 2", e.getMessage());
        assertEquals(0, e.getSuppressed().length, "the other workers' replies were read without error");
        workers.get(2).destroyForcibly();
        workers.get(2).onExit().get(10, TimeUnit.SECONDS);
        PythonEnvException killed = assertThrows(PythonEnvException.class, () -> envs.step(new int[] {0, 0, 0}));
        assertEquals("gym:count_env:CountEnv: the Python worker (pid " + workers.get(2).pid()
                + ") was killed by signal 9 during step", killed.getMessage());
        envs.close();
        for (ProcessHandle w : workers) {
            assertFalse(w.isAlive(), "worker " + w.pid() + " outlived close()");
        }
    }

    @Test
    void pythonExceptionInStepIsOneLineAndTheWorkerSurvivesIt() throws Exception {
        try (PythonEnv env = userEnv(Map.of("fail_at", 2))) {
            env.reset(0L, Map.of());
            env.step(Action.of(0));
            PythonEnvException e = assertThrows(PythonEnvException.class, () -> env.step(Action.of(0)));
            assertEquals("gym:count_env:CountEnv: Python raised in step: ValueError: boom at step 2", e.getMessage());
            assertNotNull(env.reset(1L, Map.of()).observation());
        }
    }

    @Test
    void badGymnasiumIdAndBadKwargsAreOneLineIllegalArguments() {
        // Configs first: without a venv (or with -Dnetmoe.python.skip=true) the test is skipped here, not
        // failed by an assumption thrown inside assertThrows.
        GymEnvConfig plain = TestPython.config(Map.of());
        GymEnvConfig badKwargs = TestPython.config(Map.of("nope", 1));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> new PythonEnv("gym:NoSuchEnv-v0", "NoSuchEnv-v0", plain));
        assertTrue(unknown.getMessage().startsWith("gym:NoSuchEnv-v0: Python raised in make: NameNotFound: "),
                unknown.getMessage());
        IllegalArgumentException kwargs = assertThrows(IllegalArgumentException.class,
                () -> new PythonEnv("gym:CartPole-v1", "CartPole-v1", badKwargs));
        assertTrue(kwargs.getMessage().startsWith("gym:CartPole-v1: Python raised in make: TypeError: ")
                && kwargs.getMessage().contains("'nope'") && !kwargs.getMessage().contains("\n"), kwargs.getMessage());
        IllegalArgumentException python = assertThrows(IllegalArgumentException.class,
                () -> new PythonEnv("gym:CartPole-v1", "CartPole-v1",
                        new GymEnvConfig(Map.of(), tmp.resolve("no-python").toString(), List.of())));
        assertTrue(python.getMessage().startsWith("gym:CartPole-v1: cannot start the Python interpreter"), python.getMessage());
    }

    @Test
    void killedWorkerIsOneLineAndCloseStillReturns() throws Exception {
        PythonEnv env = cartPole(Map.of());
        env.reset(0L, Map.of());
        ProcessHandle worker = ProcessHandle.of(env.workerPid()).orElseThrow();
        worker.destroyForcibly();
        worker.onExit().get(10, TimeUnit.SECONDS);
        PythonEnvException e = assertThrows(PythonEnvException.class, () -> env.step(Action.of(0)));
        assertEquals("gym:CartPole-v1: the Python worker (pid " + worker.pid() + ") was killed by signal 9 during step",
                e.getMessage());
        env.close();
        env.close();
    }

    @Test
    void closeEndsTheWorker() {
        PythonEnv env = cartPole(Map.of());
        ProcessHandle worker = ProcessHandle.of(env.workerPid()).orElseThrow();
        env.close();
        assertFalse(worker.isAlive());
    }

    @Test
    void workerExitsByItselfWhenNetMoEGoesAway() throws Exception {
        // NetMoE's JVM ending closes the worker's stdin; the worker must not outlive it.
        ProcessBuilder pb = new ProcessBuilder(TestPython.interpreter(), "-m", "netmoe_gym.worker");
        pb.environment().put("PYTHONPATH", TestPython.PACKAGE.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "worker still running after its stdin closed");
        assertEquals(0, p.exitValue());
    }

    @Test
    void registryResolvesGymIdsThroughTheProvider() {
        EnvRegistry registry = EnvRegistry.standard();
        assertInstanceOf(GymEnvConfig.class, registry.get("gym:CartPole-v1").defaults());
        assertEquals("gym:my_module:MyEnv", registry.get("gym:my_module:MyEnv").id());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.get("gym:"));
        assertTrue(e.getMessage().startsWith("unknown env id 'gym:'"), e.getMessage());
        assertFalse(new ArrayList<>(registry.ids()).contains("gym:CartPole-v1"), "providers add no listed ids");
    }
}
