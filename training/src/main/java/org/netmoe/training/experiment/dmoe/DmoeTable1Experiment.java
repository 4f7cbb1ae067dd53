package org.netmoe.training.experiment.dmoe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.Env;
import org.netmoe.envs.dmoe.DmoeConfig;
import org.netmoe.envs.space.Action;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.experiment.Experiment;
import org.netmoe.training.experiment.ExperimentContext;
import org.netmoe.training.experiment.dmoe.DmoeRows.LayerRow;
import org.netmoe.training.experiment.dmoe.DmoeRows.SelectorRow;
import org.netmoe.training.experiment.dmoe.DmoeRows.Table1Row;
import org.netmoe.training.experiment.dmoe.DmoeRows.TradeoffRow;
import org.netmoe.training.report.Rows;
import org.netmoe.training.run.ResolvedRun;

/**
 * {@code dmoe-table1}: the paper's Sec. VII on a simulated DMoE system (synthetic gating scores, the
 * paper's channel and energy settings). Writes {@code energy-per-layer.csv} and Fig. 7–9 analogues
 * ({@code plots/fig7-energy-per-layer.png}, {@code fig8-comm-per-layer.png},
 * {@code fig9-comp-per-layer.png}), the energy–relevance trade-off ({@code tradeoff.csv},
 * {@code plots/fig10-tradeoff.png}), the Table I analogue {@code table1.csv}
 * ({@code method,gamma0,max_experts,energy_rel_top2,mean_relevance}), the learned selector's score
 * against DES ({@code selector.csv}) and {@code summary.md}. The paper's accuracy is replaced by mean
 * relevance (the summed gating score of the selected experts), since no LLM is run. The whole config
 * is bound and checked first ({@link DmoeTable1Config#bind}).
 */
public final class DmoeTable1Experiment implements Experiment {

    @Override
    public String id() {
        return "dmoe-table1";
    }

    @Override
    public String description() {
        return "DMoE expert selection (DES, JESA, Top-k, H(z,D), LB): energy per layer, trade-off, Table I,"
                + " learned selector vs DES";
    }

    @Override
    public void run(ExperimentContext ctx) throws IOException {
        DmoeTable1Config.Checked checked = DmoeTable1Config.bind(ctx.config());
        DmoeTable1Config c = checked.config();
        DmoeSimulation.Result sim = simulate(ctx, checked);
        Rows<LayerRow> perLayer = perLayer(c, sim.totals());
        DmoeTable1Report.writeLayers(ctx, perLayer, c.dmoe().layerMethods());
        Rows<TradeoffRow> tradeoff = tradeoff(c.dmoe(), sim.totals());
        DmoeTable1Report.writeTradeoff(ctx, tradeoff);
        Rows<Table1Row> table1 = table1(c.dmoe(), sim.totals());
        DmoeTable1Report.writeTable1(ctx, table1);
        Optional<Rows<SelectorRow>> selector = checked.selectorRun().isPresent()
                ? Optional.of(learnedSelector(ctx, c, checked.selectorRun().get())) : Optional.empty();
        DmoeTable1Report.writeSummary(ctx, c, sim, table1, tradeoff, selector);
    }

    /** Every method on the same simulated queries (common random numbers). */
    private static DmoeSimulation.Result simulate(ExperimentContext ctx, DmoeTable1Config.Checked checked) {
        DmoeTable1Config c = checked.config();
        DmoeConfig system = c.system();
        DmoeTable1Config.DmoeSpec s = c.dmoe();
        ctx.say(String.format(Locale.ROOT, "dmoe-table1: K=%d, L=%d, M=%d, %d queries x %d tokens per expert, D=%d",
                system.experts(), system.layers(), system.subcarriers(), s.queries(), s.tokensPerExpert(),
                s.maxExperts()));
        checked.trace().ifPresent(t -> ctx.say("gating scores from the router trace " + s.routerTrace().orElseThrow()
                + " (" + t.rows().size() + " rows)"));
        long t0 = System.nanoTime();
        DmoeSimulation.Result sim = DmoeSimulation.run(system, s, checked.trace().orElse(null), c.seed());
        ctx.say(String.format(Locale.ROOT, "simulated in %.1f s; JESA rounds: mean %.2f, max %d, %d runs hit the cap",
                (System.nanoTime() - t0) / 1e9, sim.meanJesaIterations(), sim.maxJesaIterations(), sim.unconverged()));
        return sim;
    }

    /** Energy (J) and relevance per token of every Fig. 7–9 method at every layer. */
    private static Rows<LayerRow> perLayer(DmoeTable1Config c, Map<String, DmoeSimulation.Totals> totals) {
        Rows<LayerRow> rows = Rows.of(LayerRow.class);
        for (String m : c.dmoe().layerMethods()) {
            DmoeSimulation.Totals t = totals.get(m);
            for (int l = 1; l <= c.system().layers(); l++) {
                double n = t.tokens()[l - 1];
                rows.add(new LayerRow(l, m, t.perToken(l), t.comm()[l - 1] / n, t.comp()[l - 1] / n,
                        t.relevance()[l - 1] / n));
            }
        }
        return rows;
    }

    /** JESA's curve over γ0 and H(z, D)'s over z (energy relative to Top-2, mean relevance), then Top-2. */
    private static Rows<TradeoffRow> tradeoff(DmoeTable1Config.DmoeSpec s, Map<String, DmoeSimulation.Totals> totals) {
        Rows<TradeoffRow> rows = Rows.of(TradeoffRow.class);
        DmoeSimulation.Totals top2 = totals.get("Top-2");
        addCurve(rows, "JESA", s.tradeoffGammas(), totals, top2.total());
        addCurve(rows, "H", s.tradeoffZs(), totals, top2.total());
        rows.add(new TradeoffRow("Top-2", Double.NaN, 1.0, top2.meanRelevance()));
        return rows;
    }

    private static void addCurve(Rows<TradeoffRow> rows, String method, List<Double> parameters,
                                 Map<String, DmoeSimulation.Totals> totals, double top2) {
        for (double p : parameters) {
            DmoeSimulation.Totals t = totals.get(DmoeSimulation.key(method, p));
            rows.add(new TradeoffRow(method, p, t.total() / top2, t.meanRelevance()));
        }
    }

    /**
     * The Table I analogue: Top-k and DES(γ0, D) under equal bandwidth, relative to Top-2 there; JESA(γ0, D)
     * relative to Top-2 with optimal subcarriers.
     */
    private static Rows<Table1Row> table1(DmoeTable1Config.DmoeSpec s, Map<String, DmoeSimulation.Totals> totals) {
        Rows<Table1Row> rows = Rows.of(Table1Row.class);
        DmoeSimulation.Totals ebTop1 = totals.get("EB-Top-1");
        DmoeSimulation.Totals ebTop2 = totals.get("EB-Top-2");
        rows.add(new Table1Row("Top-1", Double.NaN, 1, ebTop1.total() / ebTop2.total(), ebTop1.meanRelevance()));
        rows.add(new Table1Row("Top-2", Double.NaN, 2, 1.0, ebTop2.meanRelevance()));
        for (String method : List.of("DES", "JESA")) {
            double reference = method.equals("DES") ? ebTop2.total() : totals.get("Top-2").total();
            for (double g : s.table1Gammas()) {
                DmoeSimulation.Totals t = totals.get(DmoeSimulation.key(method, g));
                rows.add(new Table1Row(method, g, s.maxExperts(), t.total() / reference, t.meanRelevance()));
            }
        }
        return rows;
    }

    /** Trains (or reuses) a DQN on {@code dmoe-select} and scores it against DES; writes {@code selector.csv}. */
    private static Rows<SelectorRow> learnedSelector(ExperimentContext ctx, DmoeTable1Config c, ObjectNode tree)
            throws IOException {
        Optional<Path> given = c.selectorDir().map(Path::of); // read-only input
        Path dir = given.orElse(ctx.runDir().resolve("selector"));
        ResolvedRun run;
        try {
            run = given.isPresent() ? ctx.reuseInput("selectorDir", "learned selector", tree, dir)
                    : ctx.trainOrReuse("learned selector", tree, dir);
        } catch (ConfigException e) {
            throw new ConfigException("selector: " + e.getMessage(), e);
        }
        DmoeConfig trained = (DmoeConfig) run.envConfig();
        Function<float[], Action> policy;
        try (Env e = run.envSpec().make(trained)) {
            policy = run.agentSpec().loadPolicy(dir, run.agentConfig(), e);
        }
        int tokens = c.dmoe().selectorTokens();
        Rows<SelectorRow> rows = SelectorEvaluation.evaluate(trained, policy, tokens,
                RngStream.deriveSeed(c.seed(), "selector/evaluation"));
        rows.writeCsv(ctx.file("selector.csv"));
        ctx.say("learned selector vs DES (" + tokens + " tokens, " + run.train().steps() + " training steps):\n"
                + rows.toMarkdown(3));
        return rows;
    }
}
