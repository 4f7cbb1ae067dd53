package org.netmoe.training.experiment.multibs;

import java.util.ArrayList;
import java.util.List;
import org.netmoe.envs.multibs.LinkBudget;
import org.netmoe.envs.multibs.MultiBsConfig;
import org.netmoe.envs.multibs.MultiBsEnv;

/**
 * Fixed evaluation UEs with their observations, sum-rate tables and exhaustive-search optimum
 * (best BS set and precoder), shared by every run so that all architectures face the same UEs.
 */
final class EvalSet {
    final List<float[]> observations = new ArrayList<>();
    final List<LinkBudget> budgets = new ArrayList<>();
    final double[] optimum;
    final double meanOptimum;
    /** Mean sum rate of a uniformly random (set, precoder) — the floor. */
    final double meanRandom;

    EvalSet(MultiBsConfig config, int ues, long seed) {
        optimum = new double[ues];
        double opt = 0;
        double random = 0;
        try (MultiBsEnv env = new MultiBsEnv(config)) {
            env.reset(seed);
            int sets = env.sets().size();
            int precoders = env.codebook().size();
            for (int i = 0; i < ues; i++) {
                if (i > 0) {
                    env.reset();
                }
                double[] p = env.uePosition();
                observations.add(env.observation(p[0], p[1]));
                LinkBudget b = env.budget();
                budgets.add(b);
                // Exhaustive search over every (set, precoder), as LinkBudget.bestOverall, keeping the mean too.
                double r = 0;
                double best = Double.NEGATIVE_INFINITY;
                for (int s = 0; s < sets; s++) {
                    for (int w = 0; w < precoders; w++) {
                        double rate = b.sumRate(s, w);
                        r += rate;
                        best = Math.max(best, rate);
                    }
                }
                optimum[i] = best;
                opt += best;
                random += r / ((double) sets * precoders);
            }
        }
        meanOptimum = opt / ues;
        meanRandom = random / ues;
    }

    int size() {
        return budgets.size();
    }
}
