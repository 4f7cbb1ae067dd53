package org.netmoe.training.experiment.dmoe;

import java.util.function.Function;
import org.netmoe.envs.Env;
import org.netmoe.envs.dmoe.DmoeConfig;
import org.netmoe.envs.dmoe.DmoeSelectEnv;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Discrete;
import org.netmoe.moe.select.Des;
import org.netmoe.moe.select.Selection;
import org.netmoe.moe.select.SelectionInstance;
import org.netmoe.moe.select.TopK;
import org.netmoe.training.experiment.dmoe.DmoeRows.SelectorRow;
import org.netmoe.training.report.Rows;

/**
 * Scores a learned {@code dmoe-select} policy against DES's optimum on the same tokens, with Top-D
 * as a reference: energy relative to DES (ratio of sums), the fraction of tokens meeting the
 * threshold among those DES can serve feasibly, the fraction where the subset equals DES's, and the
 * mean relevance.
 */
final class SelectorEvaluation {
    private SelectorEvaluation() {
    }

    /** Per-policy sums. */
    private static final class Sums {
        double energy;
        double relevance;
        long met;
        long matches;

        void add(double e, double score, boolean meets, boolean desFeasible, boolean match) {
            energy += e;
            relevance += score;
            met += meets && desFeasible ? 1 : 0;
            matches += match ? 1 : 0;
        }

        /** The policy's row: energy relative to DES's {@code desEnergy}, rates over the tokens. */
        SelectorRow row(String policy, double desEnergy, long desFeasible, int tokens) {
            double metRate = desFeasible == 0 ? Double.NaN : met / (double) desFeasible;
            return new SelectorRow(policy, energy / desEnergy, metRate, matches / (double) tokens, relevance / tokens);
        }
    }

    /** The rows of DES, the learned policy and Top-D over {@code tokens} tokens. */
    static Rows<SelectorRow> evaluate(DmoeConfig config, Function<float[], Action> policy, int tokens, long seed) {
        Sums learned = new Sums();
        Sums top = new Sums();
        Sums des = new Sums();
        long desFeasible = 0;
        long disagreements = 0;
        try (DmoeSelectEnv env = new DmoeSelectEnv(config)) {
            float[] obs = env.reset(seed).observation();
            for (int n = 0; n < tokens; n++) {
                SelectionInstance in = new SelectionInstance(env.scores(), env.energies(), env.threshold(),
                        config.maxExperts());
                Selection opt = new Des().select(in);
                Selection topD = new TopK(config.maxExperts()).select(in);
                long optMask = mask(opt);
                Action action = policy.apply(obs);
                long chosen = env.subset(((Discrete) env.actionSpace()).index(action));
                Env.Step step = env.step(action);
                // the env's own exhaustive optimum must agree with DES (up to ties)
                if (Math.abs(step.info().get("optimal_energy") - opt.energy()) > 1e-12 * Math.max(1, opt.energy())) {
                    disagreements++;
                }
                desFeasible += opt.feasible() ? 1 : 0;
                learned.add(step.info().get("energy"), step.info().get("score"), step.info().get("feasible") == 1.0,
                        opt.feasible(), chosen == optMask);
                top.add(topD.energy(), topD.score(), in.meets(topD.score()), opt.feasible(), mask(topD) == optMask);
                des.add(opt.energy(), opt.score(), opt.feasible(), opt.feasible(), true);
                obs = step.done() ? env.reset().observation() : step.observation();
            }
        }
        if (disagreements > 0) {
            throw new IllegalStateException("dmoe-select's optimum disagreed with DES on " + disagreements + " tokens");
        }
        Rows<SelectorRow> t = Rows.of(SelectorRow.class);
        t.add(des.row("DES (optimum)", des.energy, desFeasible, tokens));
        t.add(learned.row("learned (DQN)", des.energy, desFeasible, tokens));
        t.add(top.row("Top-" + config.maxExperts(), des.energy, desFeasible, tokens));
        return t;
    }

    private static long mask(Selection s) {
        long m = 0;
        for (int j : s.selected()) {
            m |= 1L << j;
        }
        return m;
    }
}
