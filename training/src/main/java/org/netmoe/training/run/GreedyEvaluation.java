package org.netmoe.training.run;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.netmoe.envs.Env;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;

/**
 * Runs a fixed policy for a number of episodes on fresh envs seeded from the run's {@code eval}
 * stream, and reports the mean return and the success rate (from the final step's
 * {@code success} info; NaN for envs without one) and, for envs that expose an oracle through the
 * {@code optimal_utility} info (nsp-power), the mean return the oracle would have collected.
 */
public final class GreedyEvaluation {
    private GreedyEvaluation() {
    }

    /** Mean return and success rate of {@code episodes} episodes. */
    public record Result(int episodes, double meanReturn, double successRate, double meanOracleReturn) {
        /** Mean return as a fraction of the oracle's (NaN without an oracle). */
        public double oracleFraction() {
            return meanReturn / meanOracleReturn;
        }
    }

    /** Evaluates {@code policy} (observation → action) over {@code episodes} episodes. */
    public static Result run(Supplier<? extends Env> envs, Function<float[], Action> policy, int episodes, long seed) {
        if (episodes == 0) {
            return new Result(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double totalReturn = 0;
        int successes = 0;
        boolean hasSuccess = false;
        double oracleReturn = 0;
        boolean hasOracle = true;
        try (Env env = envs.get()) {
            float[] obs = env.reset(RngStream.of(seed).split("eval").seed(), Map.of()).observation();
            for (int ep = 0; ep < episodes; ep++) {
                if (ep > 0) {
                    obs = env.reset().observation();
                }
                Env.Step step;
                do {
                    step = env.step(policy.apply(obs));
                    totalReturn += step.reward();
                    Double optimal = step.info().get("optimal_utility");
                    hasOracle &= optimal != null;
                    oracleReturn += optimal == null ? 0 : optimal;
                    obs = step.observation();
                } while (!step.done());
                Double success = step.info().get("success");
                if (success != null) {
                    hasSuccess = true;
                    successes += success > 0.5 ? 1 : 0;
                }
            }
        }
        return new Result(episodes, totalReturn / episodes, hasSuccess ? (double) successes / episodes : Double.NaN,
                hasOracle ? oracleReturn / episodes : Double.NaN);
    }
}
