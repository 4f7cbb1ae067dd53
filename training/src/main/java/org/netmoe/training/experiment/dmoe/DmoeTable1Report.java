package org.netmoe.training.experiment.dmoe;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.netmoe.envs.dmoe.DmoeConfig;
import org.netmoe.training.experiment.ExperimentContext;
import org.netmoe.training.experiment.dmoe.DmoeRows.LayerRow;
import org.netmoe.training.experiment.dmoe.DmoeRows.SelectorRow;
import org.netmoe.training.experiment.dmoe.DmoeRows.Table1Row;
import org.netmoe.training.experiment.dmoe.DmoeRows.TradeoffRow;
import org.netmoe.training.report.Plots;
import org.netmoe.training.report.Rows;
import org.netmoe.training.report.Table;

/** dmoe-table1's files: the per-layer and trade-off tables with Fig. 7–10, Table I and {@code summary.md}. */
final class DmoeTable1Report {
    private DmoeTable1Report() {
    }

    /** {@code energy-per-layer.csv} and Fig. 7–9: total, communication and computation energy per token by layer. */
    static void writeLayers(ExperimentContext ctx, Rows<LayerRow> rows, List<String> methods) throws IOException {
        rows.writeCsv(ctx.file("energy-per-layer.csv"));
        plotLayers(ctx, "plots/fig7-energy-per-layer.png", "Energy per token per layer (Fig. 7 analogue)", rows,
                methods, LayerRow::energyPerTokenJ);
        plotLayers(ctx, "plots/fig8-comm-per-layer.png", "Communication energy per token (Fig. 8 analogue)", rows,
                methods, LayerRow::commPerTokenJ);
        plotLayers(ctx, "plots/fig9-comp-per-layer.png", "Computation energy per token (Fig. 9 analogue)", rows,
                methods, LayerRow::compPerTokenJ);
    }

    private static void plotLayers(ExperimentContext ctx, String file, String title, Rows<LayerRow> rows,
                                   List<String> methods, ToDoubleFunction<LayerRow> joules) throws IOException {
        List<Plots.Series> series = new ArrayList<>();
        for (String m : methods) {
            List<LayerRow> curve = rows.where(r -> r.method().equals(m)).list();
            series.add(Plots.Series.of(m, curve.stream().mapToDouble(LayerRow::layer).toArray(),
                    curve.stream().mapToDouble(r -> 1e3 * joules.applyAsDouble(r)).toArray()));
        }
        Plots.line(ctx.file(file), title, "layer l", "mJ per token", series);
    }

    /** {@code tradeoff.csv} and Fig. 10: energy relative to Top-2 against mean relevance. */
    static void writeTradeoff(ExperimentContext ctx, Rows<TradeoffRow> rows) throws IOException {
        rows.writeCsv(ctx.file("tradeoff.csv"));
        List<Plots.Series> curves = new ArrayList<>();
        for (String[] curve : new String[][] {{"JESA(gamma0)", "JESA"}, {"H(z, D)", "H"}, {"Top-2", "Top-2"}}) {
            List<TradeoffRow> points = rows.where(r -> r.method().equals(curve[1])).list();
            curves.add(Plots.Series.of(curve[0], points.stream().mapToDouble(TradeoffRow::meanRelevance).toArray(),
                    points.stream().mapToDouble(TradeoffRow::energyRelTop2).toArray()));
        }
        Plots.line(ctx.file("plots/fig10-tradeoff.png"), "Energy vs relevance (Fig. 10 analogue)",
                "mean relevance (summed gating score of the selected experts)", "energy relative to Top-2", curves);
    }

    /** {@code table1.csv}, also printed. */
    static void writeTable1(ExperimentContext ctx, Rows<Table1Row> rows) throws IOException {
        rows.writeCsv(ctx.file("table1.csv"));
        ctx.say("Table I analogue:\n" + rows.toMarkdown(3));
    }

    /** {@code summary.md}: the setting, Table I, the per-layer shape, the trade-off and the learned selector. */
    static void writeSummary(ExperimentContext ctx, DmoeTable1Config c, DmoeSimulation.Result sim,
                             Rows<Table1Row> table1, Rows<TradeoffRow> tradeoff, Optional<Rows<SelectorRow>> selector)
            throws IOException {
        DmoeConfig system = c.system();
        DmoeTable1Config.DmoeSpec s = c.dmoe();
        StringBuilder md = new StringBuilder();
        md.append("# dmoe-table1: distributed-MoE expert selection (DES, JESA)\n\n");
        md.append(String.format(Locale.ROOT, "K = %d experts, L = %d layers, M = %d subcarriers, B0 = %.0f Hz,"
                        + " P0 = %.3g W, P0/N0 = %.0f dB, path loss %.0e, s0 = %.0f B, a_j = j x %.0e J/token;"
                        + " %d queries x %d tokens per expert per layer; D = %d; z = %.2f. Gating scores: %s"
                        + " (the synthetic generator: softmax of bias %.2f x j/(K-1) + %.2f x N(0,1)); relevance ="
                        + " summed gating score of the selected experts (stands in for the paper's accuracy). Seed"
                        + " %d.%n%n",
                system.experts(), system.layers(), system.subcarriers(), system.bandwidthHz(), system.powerW(),
                system.snrDb(), system.pathLoss(), system.hiddenStateBytes(), system.computeEnergyStep(), s.queries(),
                s.tokensPerExpert(), s.maxExperts(), system.z(),
                s.routerTrace().map(t -> "router trace " + t).orElse("synthetic"), system.scoreBias(),
                system.scoreSpread(), c.seed()));
        md.append(String.format(Locale.ROOT, "JESA rounds per run: mean %.2f, max %d; %d runs stopped at the cap.%n%n",
                sim.meanJesaIterations(), sim.maxJesaIterations(), sim.unconverged()));
        md.append("## Table I analogue (`table1.csv`)\n\nTop-k and DES rows: expert selection alone under equal"
                + " bandwidth (the fixed random subcarrier assignment), energy relative to Top-2 there; JESA rows:"
                + " relative to Top-2 with optimal subcarriers.\n\n").append(table1.toMarkdown(3)).append('\n');
        md.append("## Energy per token by layer (Fig. 7–9, `energy-per-layer.csv`)\n\n");
        md.append(layerShape(system, s, sim).toMarkdown(3)).append('\n');
        md.append("## Energy vs relevance (Fig. 10, `tradeoff.csv`)\n\n").append(tradeoff.toMarkdown(3)).append('\n');
        if (selector.isPresent()) {
            md.append("## Learned selector vs DES (`selector.csv`)\n\nA DQN trained on `dmoe-select` (one token"
                    + " per step, action = expert subset of size <= D) against DES's exact optimum on the same"
                    + " tokens; energy relative to DES, constraint met among tokens DES serves feasibly.\n\n")
                    .append(selector.get().toMarkdown(3)).append('\n');
        }
        Files.writeString(ctx.file("summary.md"), md.toString());
    }

    /** Each Fig. 7–9 method's energy per token (mJ) at the first and last layer and over all layers. */
    private static Table layerShape(DmoeConfig system, DmoeTable1Config.DmoeSpec s, DmoeSimulation.Result sim) {
        Table shape = Table.of("method", "layer 1 (mJ)", "layer " + system.layers() + " (mJ)", "mean (mJ)");
        for (String m : s.layerMethods()) {
            DmoeSimulation.Totals t = sim.totals().get(m);
            double n = 0;
            for (double x : t.tokens()) {
                n += x;
            }
            shape.add(m, 1e3 * t.perToken(1), 1e3 * t.perToken(system.layers()), 1e3 * t.total() / n);
        }
        return shape;
    }
}
