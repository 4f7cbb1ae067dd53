package org.netmoe.training.experiment.dmoe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.Env;
import org.netmoe.envs.EnvRegistry;
import org.netmoe.envs.dmoe.DmoeConfig;
import org.netmoe.envs.dmoe.DmoeSelectEnv;
import org.netmoe.envs.dmoe.RouterTrace;
import org.netmoe.envs.space.Action;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.config.ConfigLoader;
import org.netmoe.training.experiment.Experiment;
import org.netmoe.training.experiment.ExperimentContext;
import org.netmoe.training.report.Plots;
import org.netmoe.training.report.Table;
import org.netmoe.training.run.AgentRegistry;
import org.netmoe.training.run.ResolvedRun;

/**
 * {@code dmoe-table1}: the paper's Sec. VII on a simulated DMoE system (synthetic gating scores, the
 * paper's channel and energy settings). Writes {@code energy-per-layer.csv} and Fig. 7–9 analogues
 * ({@code plots/fig7-energy-per-layer.png}, {@code fig8-comm-per-layer.png},
 * {@code fig9-comp-per-layer.png}), the energy–relevance trade-off ({@code tradeoff.csv},
 * {@code plots/fig10-tradeoff.png}), the Table I analogue {@code table1.csv}
 * ({@code method,gamma0,max_experts,energy_rel_top2,mean_relevance}), the learned selector's score
 * against DES ({@code selector.csv}) and {@code summary.md}. The paper's accuracy is replaced by mean
 * relevance (the summed gating score of the selected experts), since no LLM is run.
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
        DmoeConfig system = ctx.section("system", DmoeConfig.defaults());
        DmoeTable1Config s = ctx.section("dmoe", DmoeTable1Config.defaults());
        if (s.maxExperts() > system.experts()) {
            throw new ConfigException("dmoe.maxExperts must be <= system.experts = " + system.experts() + ", was "
                    + s.maxExperts());
        }
        // The learned selector's train config is resolved (so checked) before any work.
        ObjectNode selectorTree = s.selectorTokens() > 0 ? selectorTree(ctx, system, s) : null;
        ctx.say(String.format(Locale.ROOT, "dmoe-table1: K=%d, L=%d, M=%d, %d queries x %d tokens per expert, D=%d",
                system.experts(), system.layers(), system.subcarriers(), s.queries(), s.tokensPerExpert(),
                s.maxExperts()));
        RouterTrace trace = s.routerTrace() == null ? null : trace(s.routerTrace(), system);
        if (trace != null) {
            ctx.say("gating scores from the router trace " + s.routerTrace() + " (" + trace.rows().size() + " rows)");
        }
        long t0 = System.nanoTime();
        DmoeSimulation.Result sim = DmoeSimulation.run(system, s, trace, ctx.seed());
        ctx.say(String.format(Locale.ROOT, "simulated in %.1f s; JESA rounds: mean %.2f, max %d, %d runs hit the cap",
                (System.nanoTime() - t0) / 1e9, sim.meanJesaIterations(), sim.maxJesaIterations(), sim.unconverged()));
        Map<String, DmoeSimulation.Totals> totals = sim.totals();

        List<String> layerMethods = new ArrayList<>(List.of("Top-2"));
        for (double g : s.layerGammas()) {
            layerMethods.add(DmoeSimulation.key("JESA", g));
            layerMethods.add(DmoeSimulation.key("LB", g));
        }
        layerMethods.add(DmoeSimulation.key("H", s.homogeneousZ()));
        Table perLayer = Table.of("layer", "method", "energy_per_token_j", "comm_per_token_j", "comp_per_token_j",
                "mean_relevance");
        for (String m : layerMethods) {
            DmoeSimulation.Totals t = totals.get(m);
            for (int l = 1; l <= system.layers(); l++) {
                double n = t.tokens()[l - 1];
                perLayer.add(l, m, t.perToken(l), t.comm()[l - 1] / n, t.comp()[l - 1] / n, t.relevance()[l - 1] / n);
            }
        }
        perLayer.writeCsv(ctx.file("energy-per-layer.csv"));
        double[] layers = IntStream.rangeClosed(1, system.layers()).asDoubleStream().toArray();
        plotLayers(ctx, "plots/fig7-energy-per-layer.png", "Energy per token per layer (Fig. 7 analogue)",
                layerMethods, totals, layers, 0);
        plotLayers(ctx, "plots/fig8-comm-per-layer.png", "Communication energy per token (Fig. 8 analogue)",
                layerMethods, totals, layers, 1);
        plotLayers(ctx, "plots/fig9-comp-per-layer.png", "Computation energy per token (Fig. 9 analogue)",
                layerMethods, totals, layers, 2);

        double top2 = totals.get("Top-2").total();
        Table tradeoff = Table.of("method", "parameter", "energy_rel_top2", "mean_relevance");
        List<Plots.Series> curves = new ArrayList<>();
        curves.add(tradeoffSeries("JESA(gamma0)", "JESA", s.tradeoffGammas(), totals, top2, tradeoff));
        curves.add(tradeoffSeries("H(z, D)", "H", s.tradeoffZs(), totals, top2,
                tradeoff));
        tradeoff.add("Top-2", Double.NaN, 1.0, totals.get("Top-2").meanRelevance());
        curves.add(Plots.Series.of("Top-2", new double[] {totals.get("Top-2").meanRelevance()}, new double[] {1.0}));
        tradeoff.writeCsv(ctx.file("tradeoff.csv"));
        Plots.line(ctx.file("plots/fig10-tradeoff.png"), "Energy vs relevance (Fig. 10 analogue)",
                "mean relevance (summed gating score of the selected experts)", "energy relative to Top-2", curves);

        Table table1 = Table.of("method", "gamma0", "max_experts", "energy_rel_top2", "mean_relevance");
        double ebTop2 = totals.get("EB-Top-2").total();
        table1.add("Top-1", Double.NaN, 1, totals.get("EB-Top-1").total() / ebTop2, totals.get("EB-Top-1").meanRelevance());
        table1.add("Top-2", Double.NaN, 2, 1.0, totals.get("EB-Top-2").meanRelevance());
        for (double g : s.table1Gammas()) {
            DmoeSimulation.Totals t = totals.get(DmoeSimulation.key("DES", g));
            table1.add("DES", g, s.maxExperts(), t.total() / ebTop2, t.meanRelevance());
        }
        for (double g : s.table1Gammas()) {
            DmoeSimulation.Totals t = totals.get(DmoeSimulation.key("JESA", g));
            table1.add("JESA", g, s.maxExperts(), t.total() / top2, t.meanRelevance());
        }
        table1.writeCsv(ctx.file("table1.csv"));
        ctx.say("Table I analogue:\n" + table1.toMarkdown(3));

        Table selector = selectorTree != null ? learnedSelector(ctx, selectorTree, s) : null;
        writeSummary(ctx, system, s, sim, table1, tradeoff, selector, totals, layerMethods);
    }

    private static RouterTrace trace(String file, DmoeConfig system) {
        RouterTrace t;
        try {
            t = RouterTrace.read(Path.of(file));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new ConfigException("dmoe.routerTrace: " + e.getMessage(), e);
        }
        if (t.experts() != system.experts()) {
            throw new ConfigException("dmoe.routerTrace: " + file + " has " + t.experts() + " score columns but"
                    + " system.experts is " + system.experts());
        }
        for (int l = 1; l <= system.layers(); l++) {
            if (t.layer(l).isEmpty()) {
                throw new ConfigException("dmoe.routerTrace: " + file + " has no rows for layer " + l
                        + " (system.layers = " + system.layers() + ")");
            }
        }
        return t;
    }

    private static Plots.Series tradeoffSeries(String name, String method, List<Double> params,
                                               Map<String, DmoeSimulation.Totals> totals, double top2, Table out) {
        double[] x = new double[params.size()];
        double[] y = new double[params.size()];
        for (int i = 0; i < params.size(); i++) {
            DmoeSimulation.Totals t = totals.get(DmoeSimulation.key(method, params.get(i)));
            x[i] = t.meanRelevance();
            y[i] = t.total() / top2;
            out.add(method, params.get(i), y[i], x[i]);
        }
        return Plots.Series.of(name, x, y);
    }

    private static void plotLayers(ExperimentContext ctx, String file, String title, List<String> methods,
                                   Map<String, DmoeSimulation.Totals> totals, double[] layers, int part)
            throws IOException {
        List<Plots.Series> series = new ArrayList<>();
        for (String m : methods) {
            DmoeSimulation.Totals t = totals.get(m);
            double[] y = new double[layers.length];
            for (int l = 0; l < layers.length; l++) {
                double v = part == 0 ? t.comm()[l] + t.comp()[l] : part == 1 ? t.comm()[l] : t.comp()[l];
                y[l] = 1e3 * v / t.tokens()[l];
            }
            series.add(Plots.Series.of(m, layers, y));
        }
        Plots.line(ctx.file(file), title, "layer l", "mJ per token", series);
    }

    /** The learned selector's {@code netmoe train} config on {@code dmoe-select}, resolved; errors name {@code selector}. */
    private static ObjectNode selectorTree(ExperimentContext ctx, DmoeConfig system, DmoeTable1Config s) {
        ObjectNode tree = ctx.raw("selector").filter(JsonNode::isObject).map(n -> ((ObjectNode) n).deepCopy())
                .orElseThrow(() -> new ConfigException("selector: missing (a netmoe train config: agent, train)"));
        if (!tree.has("seed")) {
            tree.put("seed", RngStream.deriveSeed(ctx.seed(), "selector/train"));
        }
        DmoeConfig envConfig = system.withMaxExperts(s.maxExperts());
        ObjectNode env = tree.withObject("/env");
        env.put("id", DmoeSelectEnv.SPEC.id());
        env.set("params", ConfigLoader.merge(ConfigLoader.toTree(envConfig), env.path("params")));
        try {
            ResolvedRun.resolve(tree, EnvRegistry.standard(), AgentRegistry.standard());
        } catch (ConfigException e) {
            throw new ConfigException("selector: " + e.getMessage(), e);
        }
        return tree;
    }

    /** Trains (or reuses) a DQN on {@code dmoe-select} and scores it against DES. */
    private static Table learnedSelector(ExperimentContext ctx, ObjectNode tree, DmoeTable1Config s)
            throws IOException {
        Optional<Path> given = ctx.raw("selectorDir").map(n -> Path.of(n.asText())); // read-only input
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
        Table t = SelectorEvaluation.evaluate(trained, policy, s.selectorTokens(),
                RngStream.deriveSeed(ctx.seed(), "selector/evaluation"));
        t.writeCsv(ctx.file("selector.csv"));
        ctx.say("learned selector vs DES (" + s.selectorTokens() + " tokens, " + run.train().steps()
                + " training steps):\n" + t.toMarkdown(3));
        return t;
    }

    private static void writeSummary(ExperimentContext ctx, DmoeConfig system, DmoeTable1Config s,
                                     DmoeSimulation.Result sim, Table table1, Table tradeoff, Table selector,
                                     Map<String, DmoeSimulation.Totals> totals, List<String> layerMethods)
            throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# dmoe-table1: distributed-MoE expert selection (DES, JESA)\n\n");
        md.append(String.format(Locale.ROOT, "K = %d experts, L = %d layers, M = %d subcarriers, B0 = %.0f Hz,"
                        + " P0 = %.3g W, P0/N0 = %.0f dB, path loss %.0e, s0 = %.0f B, a_j = j x %.0e J/token;"
                        + " %d queries x %d tokens per expert per layer; D = %d; z = %.2f. Gating scores: %s"
                        + " (the synthetic generator: softmax of bias %.2f x j/(K-1) + %.2f x N(0,1)); relevance = summed gating score of the"
                        + " selected experts (stands in for the paper's accuracy). Seed %d.%n%n",
                system.experts(), system.layers(), system.subcarriers(), system.bandwidthHz(), system.powerW(),
                system.snrDb(), system.pathLoss(), system.hiddenStateBytes(), system.computeEnergyStep(), s.queries(),
                s.tokensPerExpert(), s.maxExperts(), system.z(),
                s.routerTrace() == null ? "synthetic" : "router trace " + s.routerTrace(), system.scoreBias(), system.scoreSpread(), ctx.seed()));
        md.append(String.format(Locale.ROOT, "JESA rounds per run: mean %.2f, max %d; %d runs stopped at the cap.%n%n",
                sim.meanJesaIterations(), sim.maxJesaIterations(), sim.unconverged()));
        md.append("## Table I analogue (`table1.csv`)\n\nTop-k and DES rows: expert selection alone under equal"
                + " bandwidth (the fixed random subcarrier assignment), energy relative to Top-2 there; JESA rows:"
                + " relative to Top-2 with optimal subcarriers.\n\n").append(table1.toMarkdown(3)).append('\n');
        md.append("## Energy per token by layer (Fig. 7–9, `energy-per-layer.csv`)\n\n");
        Table shape = Table.of("method", "layer 1 (mJ)", "layer " + system.layers() + " (mJ)", "mean (mJ)");
        for (String m : layerMethods) {
            DmoeSimulation.Totals t = totals.get(m);
            double n = 0;
            for (double x : t.tokens()) {
                n += x;
            }
            shape.add(m, 1e3 * t.perToken(1), 1e3 * t.perToken(system.layers()), 1e3 * t.total() / n);
        }
        md.append(shape.toMarkdown(3)).append('\n');
        md.append("## Energy vs relevance (Fig. 10, `tradeoff.csv`)\n\n").append(tradeoff.toMarkdown(3)).append('\n');
        if (selector != null) {
            md.append("## Learned selector vs DES (`selector.csv`)\n\nA DQN trained on `dmoe-select` (one token"
                    + " per step, action = expert subset of size <= D) against DES's exact optimum on the same"
                    + " tokens; energy relative to DES, constraint met among tokens DES serves feasibly.\n\n")
                    .append(selector.toMarkdown(3)).append('\n');
        }
        Files.writeString(ctx.file("summary.md"), md.toString());
    }
}
