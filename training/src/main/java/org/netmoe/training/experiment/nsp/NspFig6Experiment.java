package org.netmoe.training.experiment.nsp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.netmoe.agents.loop.LoopResult;
import org.netmoe.agents.loop.OffPolicyLoop;
import org.netmoe.agents.loop.TrainingListener;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.nsp.NspConfig;
import org.netmoe.envs.nsp.NspPowerEnv;
import org.netmoe.envs.nsp.QosType;
import org.netmoe.envs.space.Action;
import org.netmoe.llm.GateRequest;
import org.netmoe.llm.LlmText;
import org.netmoe.moe.mix.Combiner;
import org.netmoe.moe.mix.Expert;
import org.netmoe.moe.mix.Gate;
import org.netmoe.moe.mix.GateIds;
import org.netmoe.training.experiment.ExpertCatalogue;
import org.netmoe.training.experiment.Experiment;
import org.netmoe.training.experiment.ExperimentContext;
import org.netmoe.training.experiment.GateFactory;
import org.netmoe.training.experiment.LlmGates;
import org.netmoe.training.experiment.LlmNote;
import org.netmoe.training.experiment.SingleExperts;
import org.netmoe.training.experiment.nsp.NspRows.CostRow;
import org.netmoe.training.experiment.nsp.NspRows.CurveRow;
import org.netmoe.training.experiment.nsp.NspRows.MethodRow;
import org.netmoe.training.report.Rows;
import org.netmoe.training.report.Table;

/**
 * Paper "LLM-enabled MoE", Sec. III-IV-B and Fig. 6: QoS experts (OP, DR, optionally BEP) trained
 * on {@code nsp-power} and frozen; every gate combines their per-power evaluations for a new
 * requirement (throughput: "seamless and uninterrupted gaming") that no expert was trained for;
 * every method is scored by mean utility, regret to the exact optimum and the fraction of users
 * served optimally, next to a DQN trained directly on the new utility (with its training cost).
 * The whole config is bound and checked first ({@link NspFig6Config#bind}).
 */
public final class NspFig6Experiment implements Experiment {
    /** The results row of the exact optimum. */
    public static final String ORACLE_ROW = "oracle";
    /** The results row of the oracle gate (best weights by search), apart from the exact optimum. */
    public static final String ORACLE_WEIGHTS_ROW = "oracle-weights";
    /** The results row of the DQN trained on the new requirement directly. */
    public static final String DIRECT_ROW = "direct-drl";
    /** Where the one-hot QoS block starts in an nsp-power observation. */
    private static final int QOS_OFFSET = 4;

    /** The results, the cost of each method, the gates built and the notes on them. */
    private static final class Results {
        final Rows<MethodRow> methods = Rows.of(MethodRow.class);
        final Rows<CostRow> cost = Rows.of(CostRow.class);
        final Rows<CurveRow> curve = Rows.of(CurveRow.class);
        final Map<String, Gate> built = new LinkedHashMap<>();
        final StringBuilder weights = new StringBuilder();
        final List<String> failed = new ArrayList<>();
        String llmNote = "";
    }

    @Override
    public void run(ExperimentContext ctx) throws IOException {
        NspFig6Config.Checked checked = NspFig6Config.bind(ctx);
        NspFig6Config c = checked.config();
        // The llm section is validated (and its endpoint or replay opened) before any training.
        LlmGates llm = c.gates().run().contains(GateIds.LLM) ? LlmGates.open(ctx, c.llm()) : null;
        long expertsStart = System.nanoTime();
        List<Expert> frozen = ExpertCatalogue.freeze(ctx, checked.experts(), c.expertsDir(), 0);
        List<Expert> experts = IntStream.range(0, frozen.size()) // each sees users under its own QoS type
                .mapToObj(i -> underOwnQos(frozen.get(i), c.experts().get(i).type())).toList();
        double expertSeconds = (System.nanoTime() - expertsStart) / 1e9;
        NspConfig users = c.users();
        Combiner combiner = c.combiner().build(experts, () -> probes(users, c.combiner().probes(),
                seed(ctx, "combiner-probes")));
        ExpertCatalogue.write(ctx, experts);
        RequirementUtility utility = new RequirementUtility(users, checked.requirementQos());
        NspEvaluator evaluator = new NspEvaluator(users, utility);
        Results results = new Results();
        runGates(ctx, checked, combiner, evaluator, utility, llm, results);
        if (llm != null && llm.available() && c.llmPerState().isPresent()) {
            perState(ctx, c, llm, combiner, evaluator, utility, results);
        }
        if (llm != null) {
            llm.close();
            llm.sayIfSkipped();
            if (!llm.available()) {
                results.llmNote = LlmNote.absent(llm);
            }
        }
        baselines(ctx, c, combiner, evaluator, utility, results);
        long expertSteps = checked.experts().stream().mapToLong(r -> r.resolved().train().steps()).sum();
        results.cost.add(new CostRow("experts (shared)", expertSteps, expertSeconds, "the " + experts.size()
                + " QoS experts, trained once for every requirement (0 s when reused)"));
        writeFiles(ctx, checked, combiner, utility, results);
    }

    @Override
    public String id() {
        return "nsp-fig6";
    }

    @Override
    public String description() {
        return "QoS experts (OP, DR) frozen; gates for the new throughput requirement scored by regret to the"
                + " exact optimum, next to a DQN trained on it directly (LLM-enabled MoE, Fig. 6)";
    }

    /**
     * Shows a QoS expert the current user under the expert's own QoS type: the observation's one-hot
     * QoS block is rewritten to the type the expert was trained for, so an OP expert evaluates every
     * power for this user's channel as if the user wanted reliability (paper Fig. 6, Step 3: each
     * expert's evaluation of every power level).
     */
    static Expert underOwnQos(Expert expert, QosType qos) {
        return Expert.of(expert.info(), expert.kind(), expert.numActions(), observation -> {
            if (observation.length != NspPowerEnv.OBS_DIM) {
                throw new IllegalArgumentException("nsp observation must have " + NspPowerEnv.OBS_DIM
                        + " entries, was " + observation.length);
            }
            float[] view = observation.clone();
            Arrays.fill(view, QOS_OFFSET, view.length, 0f);
            view[QOS_OFFSET + qos.ordinal()] = 1f;
            return expert.scores(view);
        });
    }

    /** The seed of one use of randomness in this experiment: a named split of the run's seed. */
    private static long seed(ExperimentContext ctx, String use) {
        return RngStream.deriveSeed(ctx.seed(), "nsp-fig6/" + use);
    }

    /** The evaluation users' seed: the same users for every method. */
    private static long evalSeed(ExperimentContext ctx) {
        return seed(ctx, "evaluation");
    }

    /** Every gate of {@code gates.run} on the evaluation users. */
    private static void runGates(ExperimentContext ctx, NspFig6Config.Checked checked, Combiner combiner,
                                 NspEvaluator evaluator, RequirementUtility utility, LlmGates llm, Results results) {
        NspFig6Config c = checked.config();
        NspFig6Config.GatesSpec gates = c.gates();
        long evalSeed = evalSeed(ctx);
        long searchSeed = seed(ctx, "oracle-search");
        NspConfig users = c.users();
        GateFactory factory = new GateFactory(ctx, combiner, checked.predicates(), checked.gates(),
                new GateFactory.Oracle(gates.oracle().gridSteps(), gates.oracle().stageWise()),
                new GateFactory.Network(gates.network().ppo(), gates.network().steps(), gates.network().evalEvery(),
                        seed(ctx, "network-gate")), llm);
        GateFactory.Task task = new GateFactory.Task(c.requirement().id(),
                g -> -evaluator.evaluate(g, combiner, gates.oracle().searchUsers(), searchSeed).meanRegret(),
                i -> new RequirementEnv(new NspPowerEnv(users), utility), g -> {
                    NspEvaluator.Score s = evaluator.evaluate(g, combiner, gates.network().evalUsers(),
                            seed(ctx, "network-gate-curve"));
                    return new double[] {s.meanRegret(), s.optimalFraction()};
                }, new GateRequest(c.requirement().id(), c.requirement().text(), stateDescription(c.nsp()),
                combiner.experts().stream().map(Expert::info).toList(), checked.predicates()));
        factory.each(gates.run(), task, new GateFactory.Sink() {
            @Override
            public void built(GateFactory.Built b) {
                String row = b.id().equals(GateIds.ORACLE) ? ORACLE_WEIGHTS_ROW : b.id();
                String note = switch (b.id()) {
                    case GateIds.ORACLE -> b.note() + " scored on " + gates.oracle().searchUsers() + " search users";
                    case GateIds.NETWORK -> "PPO gate policy trained on the requirement's reward";
                    case GateIds.LLM -> b.note() + " per user";
                    default -> b.note();
                };
                b.curve().forEach(p -> results.curve.add(new CurveRow(p.envSteps(), p.episodes(), p.values()[0],
                        p.values()[1])));
                b.planned().ifPresent(p -> results.llmNote = LlmNote.head(llm, "plan") + " " + p.decision().markdown()
                        + "\n");
                NspEvaluator.Score s = evaluator.evaluate(b.gate(), combiner, c.evaluation().users(), evalSeed);
                results.methods.add(MethodRow.of(row, s));
                results.built.put(row, b.gate());
                results.cost.add(new CostRow(row, b.steps(), b.seconds(), note));
                results.weights.append("* `").append(row).append("`: ").append(b.gate().describe()).append('\n');
                say(ctx, row, s, b.gate().describe());
            }

            @Override
            public void absent(String id) {
                if (llm.available()) {
                    results.llmNote = "The `llm` gate failed (llm.fallback: none; see the log) and is absent.\n";
                }
            }

            @Override
            public void failed(String id, String reason) {
                String row = id.equals(GateIds.ORACLE) ? ORACLE_WEIGHTS_ROW : id;
                results.methods.add(MethodRow.failed(row));
                results.failed.add("`" + row + "`: " + LlmText.markdown(reason, 500));
                ctx.say("gate " + row + " failed: " + reason + " (its row is written empty; the other gates go on)");
            }
        });
    }

    /** The LLM gate per state on the first users, next to the other gates on the same users. */
    private static void perState(ExperimentContext ctx, NspFig6Config c, LlmGates llm, Combiner combiner,
                                 NspEvaluator evaluator, RequirementUtility utility, Results results) throws IOException {
        NspFig6Config.PerStateSpec spec = c.llmPerState().orElseThrow();
        int n = spec.users();
        Table perUser = NspPerStateLlm.perUserTable();
        Table subset = NspPerStateLlm.run(ctx, llm, c.requirement(), c.nsp(), combiner,
                combiner.experts().stream().map(Expert::info).toList(), evaluator, utility, spec, evalSeed(ctx),
                results.built, perUser);
        perUser.writeCsv(ctx.file("llm-per-state.csv"));
        subset.writeCsv(ctx.file("per-state-subset.csv"));
        results.llmNote += "\nThe `llm` gate per state (one call per user, seeing each expert's evaluation of every"
                + " power level) on the first " + n + " users, next to the other gates on the same users"
                + " (`per-state-subset.csv`; each user in `llm-per-state.csv`):\n\n" + subset.toMarkdown(4);
    }

    /** The single experts, the direct-DRL baseline and the exact optimum. */
    private static void baselines(ExperimentContext ctx, NspFig6Config c, Combiner combiner, NspEvaluator evaluator,
                                  RequirementUtility utility, Results results) {
        int n = c.evaluation().users();
        for (Map.Entry<String, Gate> e : SingleExperts.gates(combiner, "").entrySet()) {
            NspEvaluator.Score s = evaluator.evaluate(e.getValue(), combiner, n, evalSeed(ctx));
            results.methods.add(MethodRow.of(e.getKey(), s));
            say(ctx, e.getKey(), s, "single expert");
        }
        // The costly baseline the paper argues against: a new DQN trained on the requirement's own utility.
        NspFig6Config.DirectSpec direct = c.directDrl();
        ctx.say("training the direct DRL baseline: DQN on the new requirement for " + direct.steps() + " env steps");
        try (var loop = OffPolicyLoop.dqn(direct.params(), () -> new RequirementEnv(new NspPowerEnv(c.users()), utility),
                seed(ctx, "direct-drl"))) {
            LoopResult r = loop.run(direct.steps(), TrainingListener.NONE);
            NspEvaluator.Score s = evaluator.evaluate((obs, user) -> ((Action.Index) loop.act(obs)[0]).index(), n,
                    evalSeed(ctx));
            results.methods.add(MethodRow.of(DIRECT_ROW, s));
            results.cost.add(new CostRow(DIRECT_ROW, r.envSteps(), r.wallSeconds(),
                    "a new DQN trained on this requirement's utility"));
            say(ctx, DIRECT_ROW, s, r.envSteps() + " env steps of training");
        }
        NspEvaluator.Score o = evaluator.oracle(n, evalSeed(ctx));
        results.methods.add(MethodRow.of(ORACLE_ROW, o));
        say(ctx, ORACLE_ROW, o, "exact optimum from the closed forms");
    }

    private static void writeFiles(ExperimentContext ctx, NspFig6Config.Checked checked, Combiner combiner,
                                   RequirementUtility utility, Results results) throws IOException {
        NspFig6Config c = checked.config();
        results.methods.writeCsv(ctx.file("results.csv"));
        results.cost.writeCsv(ctx.file("cost.csv"));
        results.curve.writeCsv(ctx.file("network-gate-curve.csv"));
        String defaultUser = NspFig6Report.writeExpertEvaluations(ctx, combiner,
                c.experts().stream().map(NspFig6Config.ExpertSpec::type).toList(), c.nsp(), c.users(), utility);
        NspFig6Report.writePlots(ctx, c.nsp(), c.qos(), results.methods, results.curve);
        NspFig6Report.writeSummary(ctx, c.requirement(), checked.requirementQos(), combiner, c.evaluation(),
                results.methods, results.cost, results.weights.toString(), results.llmNote
                        + LlmNote.failed(results.failed), defaultUser);
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
}
