package org.netmoe.training.experiment.nsp;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.netmoe.envs.nsp.NspConfig;
import org.netmoe.envs.nsp.NspCurves;
import org.netmoe.envs.nsp.NspLink;
import org.netmoe.envs.nsp.NspOracle;
import org.netmoe.envs.nsp.NspPowerEnv;
import org.netmoe.envs.nsp.NspUser;
import org.netmoe.envs.nsp.QosMetrics;
import org.netmoe.envs.nsp.QosType;
import org.netmoe.moe.mix.Combiner;
import org.netmoe.moe.mix.Expert;
import org.netmoe.training.experiment.ExperimentContext;
import org.netmoe.training.experiment.nsp.NspRows.CostRow;
import org.netmoe.training.experiment.nsp.NspRows.CurveRow;
import org.netmoe.training.experiment.nsp.NspRows.EvaluationRow;
import org.netmoe.training.experiment.nsp.NspRows.MethodRow;
import org.netmoe.training.report.Plots;
import org.netmoe.training.report.Rows;

/** nsp-fig6's files besides the result tables: the experts' evaluations, the Fig. 6 plots and {@code summary.md}. */
final class NspFig6Report {
    private NspFig6Report() {
    }

    /**
     * Fig. 6 Step 3: each expert's normalized evaluation of every power for the paper's default user,
     * written to {@code expert-evaluations.csv} and its plot; returns the summary's paragraph on the
     * decision structure there: the power each trained expert prefers (next to the exact optimum of
     * its own QoS type, from the closed forms), the power the combiner picks with equal weights and
     * the requirement's exact optimum.
     *
     * @param types each expert's QoS type, in the combiner's order
     */
    static String writeExpertEvaluations(ExperimentContext ctx, Combiner combiner, List<QosType> types, NspConfig nsp,
                                         NspConfig users, RequirementUtility utility) throws IOException {
        float[] obs;
        NspUser user = nsp.defaultUser(QosType.TP);
        try (NspPowerEnv env = new NspPowerEnv(users)) {
            obs = env.observation(user);
        }
        NspOracle oracle = new NspOracle(nsp);
        StringBuilder md = new StringBuilder("## Fig. 6 at the paper's default user\n\n");
        md.append(String.format(Locale.ROOT, "D = %s m, θ = %s, M = %d, α = %s. Preferred power (argmax of the trained"
                + " expert's evaluation; the exact optimum of its QoS type from the closed forms in brackets):",
                nsp.distance(), nsp.theta(), nsp.antennas(), nsp.pathLossExponent()));
        for (int k = 0; k < combiner.experts().size(); k++) {
            md.append(String.format(Locale.ROOT, " `%s` %.0f W (%.0f W);", combiner.ids().get(k),
                    nsp.power(Combiner.argmax(combiner.experts().get(k).scores(obs))),
                    oracle.best(user, types.get(k)).powerW()));
        }
        md.append(String.format(Locale.ROOT, " equal weights combine them to %.0f W; the requirement's optimum is %.0f W."
                        + " (`expert-evaluations.csv`, `plots/expert-evaluations.png`)%n%n",
                nsp.power(combiner.act(obs, combiner.uniformWeights())),
                nsp.power(Combiner.argmax(utility.utilities(user)))));
        Rows<EvaluationRow> t = Rows.of(EvaluationRow.class);
        Map<String, double[]> bars = new LinkedHashMap<>();
        List<String> powers = nsp.powers().stream().map(p -> String.format(Locale.ROOT, "%.0f W", p)).toList();
        for (int k = 0; k < combiner.experts().size(); k++) {
            double[] raw = combiner.experts().get(k).scores(obs);
            double[] p = combiner.preferences(k, obs);
            for (int i = 0; i < p.length; i++) {
                t.add(new EvaluationRow(combiner.ids().get(k), nsp.power(i), raw[i], p[i]));
            }
            bars.put("expert " + combiner.ids().get(k), p);
        }
        t.writeCsv(ctx.file("expert-evaluations.csv"));
        Plots.bars(ctx.file("plots/expert-evaluations.png"), "Experts' normalized evaluations (default user)",
                "transmit power", "normalized evaluation", powers, bars);
        return md.toString();
    }

    static void writePlots(ExperimentContext ctx, NspConfig nsp, Map<String, QosDefinition> qos,
                           Rows<MethodRow> results, Rows<CurveRow> curve) throws IOException {
        List<Double> grid = new ArrayList<>();
        double lo = nsp.minPower();
        double hi = nsp.power(nsp.powerLevels() - 1);
        for (int i = 0; i <= 80; i++) {
            grid.add(lo + (hi - lo) * i / 80);
        }
        NspCurves.Table curves = NspCurves.compute(nsp, grid);
        double[] x = grid.stream().mapToDouble(Double::doubleValue).toArray();
        double[] op = curves.rows().stream().mapToDouble(NspCurves.Row::op).toArray();
        double[] dr = curves.rows().stream().mapToDouble(r -> r.dr() / 1e6).toArray();
        double[] tp = curves.rows().stream().mapToDouble(r -> r.tp() / 1e6).toArray();
        Plots.line(ctx.file("plots/op-vs-power.png"), "Outage probability vs transmit power (paper defaults)",
                "transmit power (W)", "OP", List.of(Plots.Series.of("OP", x, op)));
        Plots.line(ctx.file("plots/rate-vs-power.png"), "Data rate and throughput vs transmit power (paper defaults)",
                "transmit power (W)", "Mbit/s", List.of(Plots.Series.of("DR", x, dr), Plots.Series.of("TP", x, tp)));
        NspUser user = nsp.defaultUser(QosType.TP);
        List<Plots.Series> utilities = new ArrayList<>();
        for (QosDefinition q : qos.values()) {
            if (q.needsBep() && !nsp.includeBep()) {
                continue;
            }
            QosDefinition.Scorer scorer = q.scorer();
            double[] u = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                QosMetrics m = NspLink.metrics(user, x[i], nsp);
                double f = scorer.satisfaction(m, x[i]);
                u[i] = f < 0 || x[i] > nsp.powerLimit() ? nsp.penaltyUtility() : nsp.beta1() * f - nsp.beta2() * x[i];
            }
            utilities.add(Plots.Series.of(q.id(), x, u));
        }
        Plots.line(ctx.file("plots/utility-vs-power.png"), "NSP utility vs transmit power per QoS type (default user)",
                "transmit power (W)", "utility", utilities);
        List<MethodRow> scored = results.where(r -> !Double.isNaN(r.meanRegret())).list(); // a failed gate has no bar
        List<String> methods = scored.stream().map(MethodRow::method).toList();
        double[] regret = scored.stream().mapToDouble(MethodRow::meanRegret).toArray();
        Plots.bars(ctx.file("plots/regret.png"), "Mean regret to the exact optimum", "method", "mean regret", methods,
                Map.of("regret", regret));
        if (!curve.isEmpty()) {
            double[] cx = curve.stream().mapToDouble(CurveRow::episodes).toArray();
            double[] cy = curve.stream().mapToDouble(CurveRow::meanRegret).toArray();
            Plots.line(ctx.file("plots/network-gate-curve.png"), "Network gate: regret along training",
                    "training users", "mean regret", List.of(Plots.Series.of("network", cx, cy)));
        }
    }

    static void writeSummary(ExperimentContext ctx, NspFig6Config.RequirementSpec req, QosDefinition qos,
                             Combiner combiner, NspFig6Config.EvaluationSpec evaluation, Rows<MethodRow> results,
                             Rows<CostRow> cost, String weights, String llmNote, String defaultUser)
            throws IOException {
        StringBuilder md = new StringBuilder("# nsp-fig6: QoS experts for a new requirement (LLM-enabled MoE, Fig. 6)\n\n");
        md.append("Requirement `").append(req.id()).append("`: \"").append(req.text()).append("\" → QoS type `")
                .append(qos.id()).append("` (Q = ").append(qos.score()).append(", Qmin = ").append(qos.qmin())
                .append(", Qmax = ").append(qos.qmax()).append("); no expert was trained for it.\n\n");
        md.append("Experts: ");
        for (Expert e : combiner.experts()) {
            md.append('`').append(e.info().id()).append("` (").append(e.info().trainedFor()).append(") ");
        }
        md.append(String.format(Locale.ROOT, "%n%nEvaluation: %d fresh users (random D, θ, M, α), the same users for"
                + " every method; regret = exact optimum − obtained utility.%n%n", evaluation.users()));
        md.append(results.toMarkdown(4)).append('\n');
        if (!llmNote.isEmpty()) {
            md.append(llmNote).append('\n');
        }
        md.append("`").append(NspFig6Experiment.ORACLE_WEIGHTS_ROW).append("` is the `oracle` gate (the best weighting of the experts"
                + " found by search); `").append(NspFig6Experiment.ORACLE_ROW).append("` is the exact optimum per user.\n\n");
        md.append(defaultUser);
        md.append("## Cost\n\n").append(cost.toMarkdown(2)).append('\n');
        md.append("## Gate weights\n\n").append(weights).append('\n');
        md.append("Plots: `plots/op-vs-power.png`, `plots/rate-vs-power.png` (Fig. 6 curves), `plots/utility-vs-power.png`,"
                + " `plots/expert-evaluations.png` (Step 3), `plots/regret.png`, `plots/network-gate-curve.png`.\n");
        Files.writeString(ctx.file("summary.md"), md.toString());
    }
}
