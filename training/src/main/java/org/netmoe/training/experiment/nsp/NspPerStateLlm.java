package org.netmoe.training.experiment.nsp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.netmoe.envs.nsp.NspConfig;
import org.netmoe.envs.nsp.NspUser;
import org.netmoe.llm.ActionLevels;
import org.netmoe.llm.GateDecision;
import org.netmoe.llm.GateRequest;
import org.netmoe.moe.mix.Combiner;
import org.netmoe.moe.mix.ExpertInfo;
import org.netmoe.moe.mix.Gate;
import org.netmoe.training.experiment.ExperimentContext;
import org.netmoe.training.experiment.LlmGates;
import org.netmoe.training.report.Table;

/**
 * The LLM gate per state (SPEC §9; the paper's Fig. 6, Step 3): for each of the first
 * {@code users} evaluation users, the LLM sees this user's link and each expert's normalized
 * evaluation of every power level ({@code softmax(Q/(τ·s))}, as in {@code expert-evaluations.csv})
 * and answers the weights for this user, the combiner then picking the power ({@code answer: weights}),
 * or the power itself ({@code answer: power}; a power outside the offered levels is repaired once,
 * then falls back to uniform weights like any invalid answer). One call per user, so
 * it is scored on a subset sized to the model's latency, next to the other gates on the same users.
 */
final class NspPerStateLlm {
    /** The results row of the per-state mode. */
    static final String ROW = "llm-per-state";

    private NspPerStateLlm() {
    }

    /**
     * Runs the mode; returns {@code per-state-subset.csv} (every method of {@code gates} and the
     * per-state LLM on the same users) and fills {@code perUser} ({@code llm-per-state.csv}).
     */
    static Table run(ExperimentContext ctx, LlmGates llm, NspFig6Config.RequirementSpec requirement, NspConfig nsp,
                     Combiner combiner, List<ExpertInfo> experts, NspEvaluator evaluator, RequirementUtility utility,
                     NspFig6Config.PerStateSpec spec, long evalSeed, Map<String, Gate> gates, Table perUser) {
        int users = spec.users();
        boolean power = spec.mode() == NspFig6Config.PerStateSpec.Answer.POWER;
        Table subset = Table.of("method", "mean_utility", "mean_regret", "optimal_fraction", "users");
        int[] index = {0};
        NspEvaluator.Score s = evaluator.evaluate((obs, user) -> {
            int i = index[0]++;
            GateRequest request = new GateRequest(requirement.id() + "/user-" + i, requirement.text(),
                    state(nsp, combiner, obs, user, power), experts, List.of());
            Optional<LlmGates.Planned> planned = llm.plan(power ? request.withLevels(new ActionLevels("power_w",
                    "the transmit power in W for this user", nsp.powers())) : request);
            OptionalInt level = planned.map(p -> p.decision().level()).orElse(OptionalInt.empty());
            // A level answer is the power; weights (also the fallback's uniform ones) go through the combiner.
            double[] w = level.isPresent() ? new double[0] : planned.map(p -> p.decision().stages().get(0).weights())
                    .orElse(uniform(experts.size())); // fallback none: uniform weights, counted as failed
            int a = level.isPresent() ? level.getAsInt() : combiner.act(obs, w);
            double[] u = utility.utilities(user);
            int best = Combiner.argmax(u);
            GateDecision d = planned.map(LlmGates.Planned::decision).orElse(null);
            planned.ifPresent(llm::executed);
            perUser.add(i, user.distance(), user.theta(), user.antennas(), user.pathLossExponent(),
                    d == null ? "failed" : d.fellBack() ? "fallback" : d.repaired() ? "repaired" : "first-try",
                    d == null ? 0 : d.exchanges(), d == null ? 0 : d.modelMillis(), weights(w, combiner.ids()),
                    nsp.powers().get(a), nsp.powers().get(best), u[a], u[best] - u[a]);
            ctx.say(String.format(Locale.ROOT, "llm per state, user %d: %s -> %.0f W (optimal %.0f W), regret %.4f",
                    i, level.isPresent() ? "power answer" : "weights " + weights(w, combiner.ids()), nsp.powers().get(a),
                    nsp.powers().get(best), u[best] - u[a]));
            return a;
        }, users, evalSeed);
        subset.add(ROW, s.meanUtility(), s.meanRegret(), s.optimalFraction(), s.users());
        for (Map.Entry<String, Gate> g : gates.entrySet()) {
            NspEvaluator.Score gs = evaluator.evaluate(g.getValue(), combiner, users, evalSeed);
            subset.add(g.getKey(), gs.meanUtility(), gs.meanRegret(), gs.optimalFraction(), gs.users());
        }
        NspEvaluator.Score o = evaluator.oracle(users, evalSeed);
        subset.add(NspFig6Experiment.ORACLE_ROW, o.meanUtility(), o.meanRegret(), o.optimalFraction(), o.users());
        return subset;
    }

    /** The per-user table's header. */
    static Table perUserTable() {
        return Table.of("user", "distance_m", "theta", "antennas", "path_loss_exponent", "outcome", "exchanges",
                "model_millis", "weights", "power_w", "optimal_power_w", "utility", "regret");
    }

    /** The user and the experts' evaluations of every power level, in words. */
    static String state(NspConfig nsp, Combiner combiner, float[] obs, NspUser user, boolean power) {
        StringBuilder b = new StringBuilder(NspFig6Experiment.stateDescription(nsp));
        b.append(String.format(Locale.ROOT, "%n%nThis user: distance D = %.2f m, theta = %.3f, %d antennas, path-loss"
                + " exponent %.2f.%nEach expert's normalized evaluation of every power level for this user (its"
                + " preference, summing to 1; higher is better for what the expert was trained for):",
                user.distance(), user.theta(), user.antennas(), user.pathLossExponent()));
        for (int k = 0; k < combiner.experts().size(); k++) {
            double[] p = combiner.preferences(k, obs);
            b.append("\n- ").append(combiner.ids().get(k)).append(':');
            for (int a = 0; a < p.length; a++) {
                b.append(String.format(Locale.ROOT, " %s W %.3f%s", trim(nsp.powers().get(a)), p[a],
                        a + 1 < p.length ? "," : ""));
            }
        }
        b.append(power ? "\nAnswer with the transmit power level (power_w) for this user."
                : "\nAnswer with one \"always\" stage whose weights combine the experts for this user.");
        return b.toString();
    }

    private static String trim(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
    }

    private static double[] uniform(int k) {
        double[] w = new double[k];
        Arrays.fill(w, 1.0 / k);
        return w;
    }

    private static String weights(double[] w, List<String> ids) {
        if (w.length == 0) {
            return "power answer";
        }
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < w.length; k++) {
            parts.add(ids.get(k) + "=" + String.format(Locale.ROOT, "%.3g", w[k]));
        }
        return String.join(" ", parts);
    }
}
