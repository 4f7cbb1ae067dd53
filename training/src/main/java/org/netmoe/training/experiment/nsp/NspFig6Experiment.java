package org.netmoe.training.experiment.nsp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.netmoe.agents.dqn.DqnConfig;
import org.netmoe.agents.loop.LoopResult;
import org.netmoe.agents.loop.OffPolicyLoop;
import org.netmoe.agents.loop.TrainingListener;
import org.netmoe.agents.ppo.PpoConfig;
import org.netmoe.envs.nsp.NspConfig;
import org.netmoe.envs.nsp.NspCurves;
import org.netmoe.envs.nsp.NspLink;
import org.netmoe.envs.nsp.NspPowerEnv;
import org.netmoe.envs.nsp.NspUser;
import org.netmoe.envs.nsp.QosMetrics;
import org.netmoe.envs.nsp.QosType;
import org.netmoe.envs.space.Action;
import org.netmoe.llm.GateDecision;
import org.netmoe.llm.GateRequest;
import org.netmoe.llm.LlmText;
import org.netmoe.training.experiment.LlmGates;
import org.netmoe.moe.mix.Combiner;
import org.netmoe.moe.mix.Expert;
import org.netmoe.moe.mix.ExpertInfo;
import org.netmoe.moe.mix.FixedGate;
import org.netmoe.moe.mix.Gate;
import org.netmoe.moe.mix.GateIds;
import org.netmoe.moe.mix.PlanGate;
import org.netmoe.moe.mix.Stage;
import org.netmoe.moe.mix.StatePredicate;
import org.netmoe.moe.mix.WeightSearch;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.config.ConfigLoader;
import org.netmoe.training.experiment.Experiment;
import org.netmoe.training.experiment.ExperimentContext;
import org.netmoe.training.experiment.FrozenExperts;
import org.netmoe.training.experiment.NetworkGateTrainer;
import org.netmoe.training.report.Plots;
import org.netmoe.training.report.Table;
import org.netmoe.training.run.ResolvedRun;

/**
 * Paper "LLM-enabled MoE", Sec. III-IV-B and Fig. 6: QoS experts (OP, DR, optionally BEP) trained
 * on {@code nsp-power} and frozen; every gate combines their per-power evaluations for a new
 * requirement (throughput: "seamless and uninterrupted gaming") that no expert was trained for;
 * every method is scored by mean utility, regret to the exact optimum and the fraction of users
 * served optimally, next to a DQN trained directly on the new utility (with its training cost).
 */
public final class NspFig6Experiment implements Experiment {
    /** The results row of the exact optimum. */
    public static final String ORACLE_ROW = "oracle";
    /** The results row of the oracle gate (best weights by search), apart from the exact optimum. */
    public static final String ORACLE_WEIGHTS_ROW = "oracle-weights";
    /** The results row of the DQN trained on the new requirement directly. */
    public static final String DIRECT_ROW = "direct-drl";

    @Override
    public String id() {
        return "nsp-fig6";
    }

    @Override
    public String description() {
        return "QoS experts (OP, DR) frozen; gates for the new throughput requirement scored by regret to the"
                + " exact optimum, next to a DQN trained on it directly (LLM-enabled MoE, Fig. 6)";
    }

    @Override
    public void run(ExperimentContext ctx) throws IOException {
        NspConfig nsp = ctx.raw("nsp").map(n -> ConfigLoader.bindOver(NspConfig.defaults(), n, "nsp"))
                .orElse(NspConfig.defaults());
        if (nsp.continuousActions() || nsp.episodeSteps() != 1) {
            throw new ConfigException("nsp: nsp-fig6 needs actionSpace: discrete and episodeSteps: 1");
        }
        List<NspFig6Config.ExpertSpec> expertSpecs = ctx.required("experts", new TypeReference<>() { });
        Map<String, QosDefinition> qos = qosTypes(ctx, nsp);
        NspFig6Config.RequirementSpec requirement = ctx.required("requirement", NspFig6Config.RequirementSpec.class);
        QosDefinition reqQos = qos.get(requirement.qos());
        if (reqQos == null) {
            throw new ConfigException("requirement.qos: unknown QoS type '" + requirement.qos() + "'; defined: "
                    + qos.keySet());
        }
        if (reqQos.needsBep() && !nsp.includeBep()) {
            throw new ConfigException("requirement.qos: " + reqQos.id() + " reads bep; set nsp.includeBep: true");
        }
        NspFig6Config.CombinerSpec combinerSpec = ctx.section("combiner",
                new NspFig6Config.CombinerSpec("product", 0.05, "range", 500));
        List<NspFig6Config.PredicateSpec> predicateSpecs = ctx.raw("predicates").isPresent()
                ? ctx.required("predicates", new TypeReference<>() { }) : List.of();
        NspFig6Config.GatesSpec gates = ctx.required("gates", NspFig6Config.GatesSpec.class);
        NspFig6Config.DirectSpec direct = ctx.required("directDrl", NspFig6Config.DirectSpec.class);
        NspFig6Config.EvaluationSpec evaluation = ctx.section("evaluation", new NspFig6Config.EvaluationSpec(2000));
        Optional<NspFig6Config.PerStateSpec> perState = ctx.raw("llmPerState").isPresent()
                ? Optional.of(ctx.required("llmPerState", NspFig6Config.PerStateSpec.class)) : Optional.empty();
        for (String g : gates.run()) {
            if (!GateIds.ALL.contains(g)) {
                throw new ConfigException("gates.run: unknown gate '" + g + "'; allowed: " + GateIds.ALL);
            }
        }
        NspConfig users = nsp.withQosTypes(List.of(QosType.TP.id())); // the one-hot is constant; experts see their own
        List<StatePredicate> predicates = predicates(predicateSpecs, nsp);

        // The llm section is validated (and its endpoint or replay opened) before any training.
        LlmGates llm = gates.run().contains(GateIds.LLM) ? LlmGates.open(ctx) : null;

        // 1. The QoS experts: train (or reuse) and freeze.
        long expertsStart = System.nanoTime();
        List<Expert> experts = new ArrayList<>();
        long expertSteps = trainExperts(ctx, expertSpecs, nsp, experts);
        double expertSeconds = (System.nanoTime() - expertsStart) / 1e9;
        Combiner combiner;
        try {
            combiner = new Combiner(experts, Combiner.Rule.of(combinerSpec.rule()), combinerSpec.temperature());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("combiner: " + e.getMessage(), e);
        }
        if (combinerSpec.scale().equals("range")) {
            combiner = combiner.scaledByRange(probes(users, combinerSpec.probes(), ctx.seed() + 5));
        }
        Files.writeString(ctx.file("experts.yaml"), ConfigLoader.toYaml(Map.of("experts",
                experts.stream().map(Expert::info).toList())));

        // 2. Score every method on the same fresh users.
        RequirementUtility utility = new RequirementUtility(users, reqQos);
        NspEvaluator evaluator = new NspEvaluator(users, utility);
        long evalSeed = ctx.seed() * 1_000_003L + 29;
        long searchSeed = ctx.seed() * 7_919L + 11;
        int n = evaluation.users();
        Table results = Table.of("method", "mean_utility", "mean_regret", "optimal_fraction", "users");
        Table cost = Table.of("method", "training_env_steps", "training_seconds", "note");
        StringBuilder weights = new StringBuilder();
        Table curve = Table.of("env_steps", "episodes", "mean_regret", "optimal_fraction");
        String llmNote = "";
        List<String> failed = new ArrayList<>();
        Map<String, Gate> built = new LinkedHashMap<>();
        for (String g : gates.run()) {
            // A gate that fails (an LLM plan the combiner cannot run, a broken training) costs its own row
            // only: it is written with empty metrics, the reason goes to the log and summary.md, and the
            // other gates go on. Bad config still ends the run (exit 2).
            LlmGates.Planned[] llmPlan = new LlmGates.Planned[1];
            try {
                long t0 = System.nanoTime();
                String row = g;
                Gate gate;
                String note = "no training";
                long steps = 0;
                switch (g) {
                    case GateIds.UNIFORM -> gate = FixedGate.uniform(combiner);
                    case GateIds.FIXED -> gate = new FixedGate(GateIds.FIXED, weightsOf(combiner, gates.fixed(),
                            "gates.fixed"), combiner.ids());
                    case GateIds.PLAN -> gate = plan(combiner, gates.plan(), predicates);
                    case GateIds.ORACLE -> {
                        row = ORACLE_WEIGHTS_ROW;
                        Combiner c = combiner;
                        WeightSearch.Result r = WeightSearch.search(combiner, gates.oracle().gridSteps(), predicates,
                                gates.oracle().stageWise(),
                                cand -> -evaluator.evaluate(cand, c, gates.oracle().searchUsers(), searchSeed).meanRegret());
                        gate = r.gate();
                        note = r.candidates() + " candidate weightings scored on " + gates.oracle().searchUsers()
                                + " search users";
                    }
                    case GateIds.NETWORK -> {
                        NetworkGateTrainer.Result r = network(ctx, combiner, gates.network(), users, utility, evaluator,
                                evalSeed + 1, curve);
                        gate = r.gate();
                        steps = r.envSteps();
                        note = "PPO gate policy trained on the requirement's reward";
                    }
                    case GateIds.LLM -> {
                        if (!llm.available()) {
                            continue;
                        }
                        GateRequest request = new GateRequest(requirement.id(), requirement.text(),
                                stateDescription(nsp), experts.stream().map(Expert::info).toList(), predicates);
                        Optional<LlmGates.Planned> planned = llm.plan(request);
                        llmPlan[0] = planned.orElse(null);
                        if (planned.isEmpty()) {
                            llmNote = "The `llm` gate failed (llm.fallback: none; see the log) and is absent.\n";
                            continue;
                        }
                        GateDecision d = planned.get().decision();
                        gate = planned.get().gate();
                        note = "one LLM plan (" + d.source() + "), executed locally per user";
                        llmNote = "The `llm` gate's plan (" + llm.source() + "; every exchange in `llm-transcript.jsonl`): "
                                + d.markdown() + "\n";
                    }
                    default -> throw new IllegalStateException(g);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                NspEvaluator.Score s = evaluator.evaluate(gate, combiner, n, evalSeed);
                results.add(row, s.meanUtility(), s.meanRegret(), s.optimalFraction(), s.users());
                built.put(row, gate);
                cost.add(row, steps, seconds, note);
                weights.append("* `").append(row).append("`: ").append(gate.describe()).append('\n');
                say(ctx, row, s, gate.describe());
                if (llmPlan[0] != null) {
                    llm.executed(llmPlan[0]);
                }
            } catch (ConfigException e) {
                throw e;
            } catch (RuntimeException e) {
                String reason = LlmText.oneLine(e.getMessage() == null ? e.toString() : e.getMessage(), 500);
                String row = g.equals(GateIds.ORACLE) ? ORACLE_WEIGHTS_ROW : g;
                results.add(row, Double.NaN, Double.NaN, Double.NaN, 0);
                failed.add("`" + row + "`: " + LlmText.markdown(reason, 500));
                ctx.say("gate " + row + " failed: " + reason + " (its row is written empty; the other gates go on)");
            }
        }
        if (llm != null && llm.available() && perState.isPresent()) {
            Table perUser = NspPerStateLlm.perUserTable();
            Table subset = NspPerStateLlm.run(ctx, llm, requirement, nsp, combiner,
                    experts.stream().map(Expert::info).toList(), evaluator, utility, perState.get(), evalSeed,
                    built, perUser);
            perUser.writeCsv(ctx.file("llm-per-state.csv"));
            subset.writeCsv(ctx.file("per-state-subset.csv"));
            llmNote += "\nThe `llm` gate per state (one call per user, seeing each expert's evaluation of every power"
                    + " level) on the first " + perState.get().users() + " users, next to the other gates on the same"
                    + " users (`per-state-subset.csv`; each user in `llm-per-state.csv`):\n\n" + subset.toMarkdown(4);
        }
        if (llm != null) {
            llm.close();
            llm.sayIfSkipped();
            if (!llm.available()) {
                llmNote = "The `llm` gate is absent: " + llm.skipReason() + "; " + LlmGates.HOW_TO + ".\n";
            }
        }
        for (int k = 0; k < experts.size(); k++) {
            double[] w = new double[experts.size()];
            w[k] = 1;
            Gate only = new FixedGate(combiner.ids().get(k), w, combiner.ids());
            NspEvaluator.Score s = evaluator.evaluate(only, combiner, n, evalSeed);
            results.add(combiner.ids().get(k), s.meanUtility(), s.meanRegret(), s.optimalFraction(), s.users());
            say(ctx, combiner.ids().get(k), s, "single expert");
        }
        DirectResult d = directDrl(ctx, direct, users, utility, evaluator, n, evalSeed);
        results.add(DIRECT_ROW, d.score().meanUtility(), d.score().meanRegret(), d.score().optimalFraction(),
                d.score().users());
        cost.add(DIRECT_ROW, d.envSteps(), d.seconds(), "a new DQN trained on this requirement's utility");
        cost.add("experts (shared)", expertSteps, expertSeconds, "the " + experts.size()
                + " QoS experts, trained once for every requirement (0 s when reused)");
        say(ctx, DIRECT_ROW, d.score(), d.envSteps() + " env steps of training");
        NspEvaluator.Score o = evaluator.oracle(n, evalSeed);
        results.add(ORACLE_ROW, o.meanUtility(), o.meanRegret(), o.optimalFraction(), o.users());
        say(ctx, ORACLE_ROW, o, "exact optimum from the closed forms");

        results.writeCsv(ctx.file("results.csv"));
        cost.writeCsv(ctx.file("cost.csv"));
        curve.writeCsv(ctx.file("network-gate-curve.csv"));
        writeExpertEvaluations(ctx, combiner, nsp, users);
        writePlots(ctx, nsp, qos, results, curve);
        if (!failed.isEmpty()) {
            llmNote += "\n**Failed gates** (their rows above are empty):\n\n* " + String.join("\n* ", failed) + "\n";
        }
        writeSummary(ctx, requirement, reqQos, combiner, evaluation, results, cost, weights.toString(), llmNote);
    }

    /** The users and the action in words, for the LLM gate's "system state". */
    static String stateDescription(NspConfig nsp) {
        NspConfig.UserRanges r = nsp.userRanges();
        return String.format(Locale.ROOT, "Downlink from one base station to one user at a time; each user is drawn at"
                + " random: distance D in [%.1f, %.1f] m, mean channel power gain theta (the scale of each antenna's"
                + " |h|^2, higher is a better channel) in [%.2f, %.2f], %d to %d base-station antennas,"
                + " path-loss exponent in [%.1f, %.1f]. The action is one of %d transmit power levels %s W; more power"
                + " lowers the outage probability and raises the data rate but costs energy.", r.distance().min(),
                r.distance().max(), r.theta().min(), r.theta().max(), r.antennasMin(), r.antennasMax(),
                r.pathLossExponent().min(), r.pathLossExponent().max(), nsp.powerLevels(), nsp.powers());
    }

    private static void say(ExperimentContext ctx, String row, NspEvaluator.Score s, String what) {
        ctx.say(String.format(Locale.ROOT, "%-15s utility %.4f  regret %.4f  optimal %.3f  (%s)", row,
                s.meanUtility(), s.meanRegret(), s.optimalFraction(), what));
    }

    /** The built-in QoS types with the env's bounds, then the config's {@code qosTypes} (added or replacing). */
    static Map<String, QosDefinition> qosTypes(ExperimentContext ctx, NspConfig nsp) {
        Map<String, QosDefinition> m = new LinkedHashMap<>();
        NspConfig.QosBounds b = nsp.qosBounds();
        m.put("op", new QosDefinition("op", "reliability 1 - outage probability", "1 - op", b.op().min(), b.op().max()));
        m.put("dr", new QosDefinition("dr", "ergodic data rate (bit/s)", "dr", b.dr().min(), b.dr().max()));
        m.put("tp", new QosDefinition("tp", "throughput (1 - OP)·DR (bit/s)", "tp", b.tp().min(), b.tp().max()));
        m.put("bep", new QosDefinition("bep", "-log10 of the BPSK bit error probability", "-log10(bep)",
                b.bep().min(), b.bep().max()));
        if (ctx.raw("qosTypes").isPresent()) {
            List<QosDefinition> extra = ctx.required("qosTypes", new TypeReference<>() { });
            for (QosDefinition q : extra) {
                m.put(q.id(), q);
            }
        }
        return m;
    }

    private static List<StatePredicate> predicates(List<NspFig6Config.PredicateSpec> specs, NspConfig nsp) {
        NspConfig.UserRanges r = nsp.userRanges();
        List<StatePredicate> out = new ArrayList<>();
        for (NspFig6Config.PredicateSpec p : specs) {
            int index;
            NspConfig.Range range;
            switch (p.feature()) {
                case "distance" -> {
                    index = 0;
                    range = r.distance();
                }
                case "theta" -> {
                    index = 1;
                    range = r.theta();
                }
                case "antennas" -> {
                    index = 2;
                    range = new NspConfig.Range(r.antennasMin(), r.antennasMax());
                }
                default -> {
                    index = 3;
                    range = r.pathLossExponent();
                }
            }
            double above = p.above();
            out.add(new StatePredicate(p.id(), p.description() == null ? p.feature() + " > " + above : p.description(),
                    obs -> range.min() + obs[index] * (range.max() - range.min()) > above));
        }
        return out;
    }

    private long trainExperts(ExperimentContext ctx, List<NspFig6Config.ExpertSpec> specs, NspConfig nsp,
                              List<Expert> out) throws IOException {
        ObjectNode base = ctx.raw("expertTraining").filter(JsonNode::isObject).map(n -> ((ObjectNode) n).deepCopy())
                .orElseThrow(() -> new ConfigException("expertTraining: missing (a netmoe train config: agent, train)"));
        Optional<Path> given = ctx.raw("expertsDir").map(n -> Path.of(n.asText())); // read-only input
        Path expertsDir = given.orElse(ctx.runDir().resolve("experts"));
        long steps = 0;
        for (int i = 0; i < specs.size(); i++) {
            NspFig6Config.ExpertSpec spec = specs.get(i);
            QosType type;
            try {
                type = QosType.fromId(spec.qos());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("experts[" + i + "].qos: " + e.getMessage(), e);
            }
            NspConfig cfg = nsp.withQosTypes(List.of(type.id()));
            ObjectNode tree = base.deepCopy();
            if (!tree.has("seed")) {
                tree.put("seed", ctx.seed() + i);
            }
            ObjectNode env = tree.withObject("/env");
            env.put("id", NspPowerEnv.SPEC.id());
            env.set("params", ConfigLoader.merge(ConfigLoader.toTree(cfg), env.path("params")));
            Path dir = expertsDir.resolve(spec.id());
            ResolvedRun run;
            try {
                String label = "expert " + spec.id() + " (" + type.id() + ")";
                run = given.isPresent() ? ctx.reuseInput("expertsDir", label, tree, dir)
                        : ctx.trainOrReuse(label, tree, dir);
            } catch (ConfigException e) {
                throw new ConfigException("experts[" + i + "] (" + spec.id() + "): " + e.getMessage(), e);
            }
            steps += run.train().steps();
            ExpertInfo info = new ExpertInfo(spec.id(), spec.description(), spec.trainedFor(), NspPowerEnv.SPEC.id(),
                    "Discrete(" + cfg.powerLevels() + "): transmit power " + cfg.powers() + " W");
            out.add(new ExpertView(FrozenExperts.load(info, run, dir, 0), type));
        }
        return steps;
    }

    private static List<float[]> probes(NspConfig users, int n, long seed) {
        List<float[]> out = new ArrayList<>();
        try (NspPowerEnv env = new NspPowerEnv(users)) {
            out.add(env.reset(seed).observation());
            while (out.size() < n) {
                out.add(env.reset().observation());
            }
        }
        return out;
    }

    private static double[] weightsOf(Combiner combiner, Map<String, Double> w, String field) {
        try {
            return combiner.weightsOf(w, field);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    private static Gate plan(Combiner combiner, List<NspFig6Config.StageSpec> stages, List<StatePredicate> predicates) {
        if (stages.isEmpty()) {
            throw new ConfigException("gates.plan: missing (a list of {when, weights} stages)");
        }
        List<Stage> list = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            list.add(new Stage(stages.get(i).when(), weightsOf(combiner, stages.get(i).weights(),
                    "gates.plan[" + i + "].weights")));
        }
        try {
            return new PlanGate(GateIds.PLAN, list, predicates, combiner.ids());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("gates.plan: " + e.getMessage(), e);
        }
    }

    private static NetworkGateTrainer.Result network(ExperimentContext ctx, Combiner combiner,
                                                     NspFig6Config.NetworkSpec spec, NspConfig users,
                                                     RequirementUtility utility, NspEvaluator evaluator, long evalSeed,
                                                     Table curve) {
        PpoConfig ppo = spec.ppo() == null ? PpoConfig.defaults()
                : ConfigLoader.bindOver(PpoConfig.defaults(), spec.ppo(), "gates.network.ppo");
        ResolvedRun.requireRolloutWithin(ppo, spec.steps(), "gates.network.ppo", "gates.network.steps");
        ctx.say("training the network gate: PPO for " + spec.steps() + " users");
        NetworkGateTrainer.Result r = NetworkGateTrainer.train(combiner,
                i -> new RequirementEnv(new NspPowerEnv(users), utility), ppo, spec.steps(), spec.evalEvery(), g -> {
                    NspEvaluator.Score s = evaluator.evaluate(g, combiner, spec.evalUsers(), evalSeed);
                    return new double[] {s.meanRegret(), s.optimalFraction()};
                }, ctx.seed() + 101);
        for (NetworkGateTrainer.CurvePoint p : r.curve()) {
            curve.add(p.envSteps(), p.episodes(), p.values()[0], p.values()[1]);
        }
        return r;
    }

    private record DirectResult(NspEvaluator.Score score, long envSteps, double seconds) {
    }

    /** The costly baseline the paper argues against: a new DQN trained on the requirement's own utility. */
    private static DirectResult directDrl(ExperimentContext ctx, NspFig6Config.DirectSpec spec, NspConfig users,
                                          RequirementUtility utility, NspEvaluator evaluator, int n, long evalSeed) {
        DqnConfig config = spec.params() == null ? DqnConfig.defaults()
                : ConfigLoader.bindOver(DqnConfig.defaults(), spec.params(), "directDrl.params");
        ctx.say("training the direct DRL baseline: DQN on the new requirement for " + spec.steps() + " env steps");
        try (var loop = OffPolicyLoop.dqn(config, () -> new RequirementEnv(new NspPowerEnv(users), utility),
                ctx.seed() + 202)) {
            LoopResult r = loop.run(spec.steps(), TrainingListener.NONE);
            NspEvaluator.Score s = evaluator.evaluate((obs, user) -> ((Action.Index) loop.act(obs)[0]).index(), n,
                    evalSeed);
            return new DirectResult(s, r.envSteps(), r.wallSeconds());
        }
    }

    /** Fig. 6 Step 3: each expert's normalized evaluation of every power for the paper's default user. */
    private static void writeExpertEvaluations(ExperimentContext ctx, Combiner combiner, NspConfig nsp,
                                               NspConfig users) throws IOException {
        float[] obs;
        try (NspPowerEnv env = new NspPowerEnv(users)) {
            obs = env.observation(nsp.defaultUser(QosType.TP));
        }
        Table t = Table.of("expert", "power_w", "raw_score", "normalized_evaluation");
        Map<String, double[]> bars = new LinkedHashMap<>();
        List<String> powers = nsp.powers().stream().map(p -> String.format(Locale.ROOT, "%.0f W", p)).toList();
        for (int k = 0; k < combiner.experts().size(); k++) {
            double[] raw = combiner.experts().get(k).scores(obs);
            double[] p = combiner.preferences(k, obs);
            for (int i = 0; i < p.length; i++) {
                t.add(combiner.ids().get(k), nsp.power(i), raw[i], p[i]);
            }
            bars.put("expert " + combiner.ids().get(k), p);
        }
        t.writeCsv(ctx.file("expert-evaluations.csv"));
        Plots.bars(ctx.file("plots/expert-evaluations.png"), "Experts' normalized evaluations (default user)",
                "transmit power", "normalized evaluation", powers, bars);
    }

    private static void writePlots(ExperimentContext ctx, NspConfig nsp, Map<String, QosDefinition> qos,
                                   Table results, Table curve) throws IOException {
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
        List<String> methods = new ArrayList<>();
        List<Double> regrets = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            double r = (Double) results.cell(i, "mean_regret");
            if (!Double.isNaN(r)) { // a failed gate has no bar
                methods.add((String) results.cell(i, "method"));
                regrets.add(r);
            }
        }
        double[] regret = regrets.stream().mapToDouble(Double::doubleValue).toArray();
        Plots.bars(ctx.file("plots/regret.png"), "Mean regret to the exact optimum", "method", "mean regret", methods,
                Map.of("regret", regret));
        if (curve.size() > 0) {
            double[] cx = new double[curve.size()];
            double[] cy = new double[curve.size()];
            for (int i = 0; i < curve.size(); i++) {
                cx[i] = ((Number) curve.cell(i, "episodes")).doubleValue();
                cy[i] = (Double) curve.cell(i, "mean_regret");
            }
            Plots.line(ctx.file("plots/network-gate-curve.png"), "Network gate: regret along training",
                    "training users", "mean regret", List.of(Plots.Series.of("network", cx, cy)));
        }
    }

    private static void writeSummary(ExperimentContext ctx, NspFig6Config.RequirementSpec req, QosDefinition qos,
                                     Combiner combiner, NspFig6Config.EvaluationSpec evaluation, Table results,
                                     Table cost, String weights, String llmNote) throws IOException {
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
        md.append("`").append(ORACLE_WEIGHTS_ROW).append("` is the `oracle` gate (the best weighting of the experts"
                + " found by search); `").append(ORACLE_ROW).append("` is the exact optimum per user.\n\n");
        md.append("## Cost\n\n").append(cost.toMarkdown(2)).append('\n');
        md.append("## Gate weights\n\n").append(weights).append('\n');
        md.append("Plots: `plots/op-vs-power.png`, `plots/rate-vs-power.png` (Fig. 6 curves), `plots/utility-vs-power.png`,"
                + " `plots/expert-evaluations.png` (Step 3), `plots/regret.png`, `plots/network-gate-curve.png`.\n");
        Files.writeString(ctx.file("summary.md"), md.toString());
    }
}
