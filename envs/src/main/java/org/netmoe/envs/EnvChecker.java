package org.netmoe.envs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.Discrete;
import org.netmoe.envs.space.MultiDiscrete;
import org.netmoe.envs.space.Space;

/**
 * Checks the {@link Env} contract, like Gymnasium's {@code check_env}: space conformance of every
 * observation, finite rewards, the terminated/truncated lifecycle (no step before reset or after
 * the end), rejection of illegal actions, seeding determinism (same seed, same trajectory;
 * different seeds, different trajectories for a {@linkplain Env#stochastic() stochastic} env),
 * that returned observations are not later mutated by the env, that an {@link EpisodicEnv} which
 * saves its state continues bit-identically after {@link EpisodicEnv#restoreState(byte[])} into a
 * fresh env (mid-episode), and that {@code close()} twice is safe.
 */
public final class EnvChecker {
    private static final int EPISODES = 5;
    private static final int MAX_STEPS = 10_000;

    private EnvChecker() {
    }

    /** Every problem found with envs made by {@code factory}; empty if the env passes. */
    public static List<String> problems(Supplier<? extends Env> factory) {
        List<String> problems = new ArrayList<>();
        try (Env env = factory.get()) {
            checkSpaces(env, problems);
            checkLifecycle(env, problems);
            checkEpisodes(env, problems);
        } catch (RuntimeException e) {
            problems.add("unexpected " + e);
        }
        checkDeterminism(factory, problems);
        checkSnapshot(factory, problems);
        Env env = factory.get();
        try {
            env.close();
            env.close();
        } catch (RuntimeException e) {
            problems.add("close() twice threw " + e);
        }
        return problems;
    }

    /**
     * Checks the env and throws if anything is wrong.
     *
     * @throws IllegalStateException listing every problem found
     */
    public static void check(Supplier<? extends Env> factory) {
        List<String> problems = problems(factory);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("env check failed:\n  - " + String.join("\n  - ", problems));
        }
    }

    private static void checkSpaces(Env env, List<String> problems) {
        if (env.observationSpace() == null || env.actionSpace() == null) {
            problems.add("spaces must not be null");
        }
    }

    private static void checkLifecycle(Env env, List<String> problems) {
        Action legal = env.actionSpace().sample(RngStream.of(1));
        try {
            env.step(legal);
            problems.add("step() before reset() did not throw IllegalStateException");
        } catch (IllegalStateException expected) {
            // the contract
        }
        env.reset(7L, Map.of());
        for (Action illegal : illegalActions(env.actionSpace())) {
            try {
                env.step(illegal);
                problems.add("illegal action " + illegal + " was accepted");
                env.reset(7L, Map.of());
            } catch (IllegalArgumentException expected) {
                // the contract
            }
        }
        Env.Step s;
        int steps = 0;
        RngStream actions = RngStream.of(2);
        do {
            s = env.step(env.actionSpace().sample(actions));
        } while (!s.done() && ++steps < MAX_STEPS);
        if (!s.done()) {
            problems.add("no episode end within " + MAX_STEPS + " steps");
            return;
        }
        try {
            env.step(legal);
            problems.add("step() after the episode ended did not throw IllegalStateException");
        } catch (IllegalStateException expected) {
            // the contract
        }
    }

    private static List<Action> illegalActions(Space space) {
        if (space instanceof Discrete d) {
            return List.of(Action.of(-1), Action.of(d.n()), Action.of(0f));
        }
        if (space instanceof Box b) {
            float[] nan = new float[b.flatDim()];
            Arrays.fill(nan, Float.NaN);
            return List.of(Action.of(nan), Action.of(new float[b.flatDim() + 1]), Action.of(0));
        }
        MultiDiscrete m = (MultiDiscrete) space;
        return List.of(Action.of(new float[m.nvec().length + 1]), Action.of(0));
    }

    private static void checkEpisodes(Env env, List<String> problems) {
        Box obsSpace = env.observationSpace();
        RngStream actions = RngStream.of(3);
        for (int ep = 0; ep < EPISODES; ep++) {
            Env.Reset r = ep == 0 ? env.reset(11L, Map.of()) : env.reset();
            checkObs(obsSpace, r.observation(), "reset of episode " + ep, problems);
            float[] first = r.observation().clone();
            float[] firstRef = r.observation();
            Env.Step s;
            int t = 0;
            do {
                s = env.step(env.actionSpace().sample(actions));
                checkObs(obsSpace, s.observation(), "step " + t + " of episode " + ep, problems);
                if (!Double.isFinite(s.reward())) {
                    problems.add("reward " + s.reward() + " at step " + t + " of episode " + ep + " is not finite");
                }
                if (s.info() == null) {
                    problems.add("info is null at step " + t);
                }
            } while (!s.done() && ++t < MAX_STEPS);
            if (!Arrays.equals(first, firstRef)) {
                problems.add("the env mutated an observation array it had returned");
            }
            if (problems.size() > 20) {
                return;
            }
        }
    }

    private static void checkObs(Box space, float[] obs, String where, List<String> problems) {
        if (obs == null || !space.contains(obs)) {
            problems.add("observation at " + where + " is outside the observation space: " + Arrays.toString(obs));
        }
    }

    private static void checkDeterminism(Supplier<? extends Env> factory, List<String> problems) {
        try (Env a = factory.get(); Env b = factory.get(); Env c = factory.get()) {
            String ta = trajectory(a, 42L);
            String tb = trajectory(b, 42L);
            if (!ta.equals(tb)) {
                problems.add("the same seed gave different trajectories");
            }
            if (!trajectory(a, null).equals(trajectory(b, null))) {
                problems.add("reset(null) after the same seeded history gave different trajectories");
            }
            if (a.stochastic()) {
                boolean differs = false;
                for (long seed = 43; seed < 48 && !differs; seed++) {
                    differs = !trajectory(c, seed).equals(ta);
                }
                if (!differs) {
                    problems.add("env declares itself stochastic but different seeds gave identical trajectories");
                }
            }
        } catch (RuntimeException e) {
            problems.add("determinism check threw " + e);
        }
    }

    private static void checkSnapshot(Supplier<? extends Env> factory, List<String> problems) {
        try (Env a = factory.get(); Env b = factory.get()) {
            if (!(a instanceof EpisodicEnv original) || !(b instanceof EpisodicEnv copy)) {
                return;
            }
            original.reset(42L, Map.of());
            if (original.step(original.actionSpace().sample(RngStream.of(4))).done()) {
                original.reset();
            }
            byte[] state;
            try {
                state = original.saveState();
            } catch (UnsupportedOperationException notSupported) {
                return; // an env that cannot be checkpointed
            }
            copy.restoreState(state);
            if (!continuation(original).equals(continuation(copy))) {
                problems.add("an env restored from saveState() did not continue like the original");
            }
        } catch (RuntimeException e) {
            problems.add("snapshot check threw " + e);
        }
    }

    /** 200 steps under a fixed action sequence, resetting (stream continued) after each episode. */
    private static String continuation(Env env) {
        StringBuilder sb = new StringBuilder();
        RngStream actions = RngStream.of(6);
        for (int t = 0; t < 200; t++) {
            Env.Step s = env.step(env.actionSpace().sample(actions));
            sb.append(Arrays.toString(s.observation())).append(s.reward()).append(s.terminated())
                    .append(s.truncated()).append(s.info()).append(';');
            if (s.done()) {
                sb.append(Arrays.toString(env.reset().observation())).append('|');
            }
        }
        return sb.toString();
    }

    /** Three episodes under a fixed action sequence, printed exactly. */
    private static String trajectory(Env env, Long seed) {
        StringBuilder sb = new StringBuilder();
        RngStream actions = RngStream.of(5);
        for (int ep = 0; ep < 3; ep++) {
            Env.Reset r = env.reset(ep == 0 ? seed : null, Map.of());
            sb.append(Arrays.toString(r.observation())).append('|');
            Env.Step s;
            int t = 0;
            do {
                s = env.step(env.actionSpace().sample(actions));
                sb.append(Arrays.toString(s.observation())).append(s.reward())
                        .append(s.terminated()).append(s.truncated()).append(';');
            } while (!s.done() && ++t < MAX_STEPS);
        }
        return sb.toString();
    }
}
