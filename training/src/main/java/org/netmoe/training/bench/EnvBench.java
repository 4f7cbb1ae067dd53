package org.netmoe.training.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.Env;
import org.netmoe.envs.EnvSpec;
import org.netmoe.envs.VectorEnv;
import org.netmoe.envs.space.Action;

/**
 * Env throughput: env steps per second of one env stepped directly ({@code raw}) and of a
 * {@link VectorEnv} of N copies ({@code vector}, counting N env steps per call), under uniformly
 * random actions drawn from a fixed-seed stream, with auto-reset. Each measurement runs a warm-up
 * (a quarter of its time) before the timed part.
 */
public final class EnvBench {
    private EnvBench() {
    }

    /** One measured row. */
    public record Row(String env, String mode, int numEnvs, double stepsPerSecond) {
    }

    /** Measures {@code spec}'s default env raw and vectorized at each of {@code vectorSizes}. */
    public static List<Row> measure(EnvSpec<?> spec, List<Integer> vectorSizes, double seconds) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(spec.id(), "raw", 1, raw(spec, seconds)));
        for (int n : vectorSizes) {
            rows.add(new Row(spec.id(), "vector", n, vector(spec, n, seconds)));
        }
        return rows;
    }

    private static double raw(EnvSpec<?> spec, double seconds) {
        try (Env env = spec.make()) {
            RngStream actions = RngStream.of(1);
            env.reset(0L, Map.of());
            timed(seconds / 4, () -> rawSteps(env, actions, 1024));
            return timed(seconds, () -> rawSteps(env, actions, 1024));
        }
    }

    private static long rawSteps(Env env, RngStream actions, int steps) {
        for (int i = 0; i < steps; i++) {
            if (env.step(env.actionSpace().sample(actions)).done()) {
                env.reset();
            }
        }
        return steps;
    }

    private static double vector(EnvSpec<?> spec, int n, double seconds) {
        try (VectorEnv envs = VectorEnv.of(n, i -> spec.make())) {
            RngStream rng = RngStream.of(1);
            Action[] actions = new Action[n];
            envs.reset(0L);
            LongSupplier batch = () -> {
                for (int k = 0; k < 64; k++) {
                    for (int i = 0; i < n; i++) {
                        actions[i] = envs.actionSpace().sample(rng);
                    }
                    envs.step(actions);
                }
                return 64L * n;
            };
            timed(seconds / 4, batch);
            return timed(seconds, batch);
        }
    }

    /** Runs {@code work} (returning env steps done) until {@code seconds} pass; returns steps per second. */
    private static double timed(double seconds, LongSupplier work) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long steps = 0;
        long now;
        do {
            steps += work.getAsLong();
            now = System.nanoTime();
        } while (now < deadline);
        return steps / ((now - start) / 1e9);
    }
}
