package org.netmoe.training.experiment.nsp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.netmoe.agents.dqn.DqnConfig;
import org.netmoe.agents.ppo.PpoConfig;
import org.netmoe.core.Require;
import org.netmoe.envs.nsp.NspConfig;
import org.netmoe.envs.nsp.NspPowerEnv;
import org.netmoe.envs.nsp.QosType;
import org.netmoe.llm.LlmConfig;
import org.netmoe.moe.mix.ExpertInfo;
import org.netmoe.moe.mix.StatePredicate;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.config.ConfigLoader;
import org.netmoe.training.experiment.CombinerSpec;
import org.netmoe.training.experiment.ConfiguredGates;
import org.netmoe.training.experiment.ExpertCatalogue;
import org.netmoe.training.experiment.ExperimentConfigs;
import org.netmoe.training.experiment.ExperimentContext;
import org.netmoe.training.experiment.StageSpec;
import org.netmoe.training.run.ResolvedRun;

/**
 * The whole of {@code configs/nsp-fig6.yaml}, bound and checked before any work by {@link #bind}.
 * Fields the file leaves out come from {@code nsp-fig6.defaults.yaml} (a resource beside
 * {@link ExperimentConfigs}); {@code nsp}, {@code gates.network.ppo}, {@code directDrl.params} and
 * {@code llm} are merged over {@link NspConfig#defaults()}, {@link PpoConfig#defaults()},
 * {@link DqnConfig#defaults()} and {@link LlmConfig#defaults()}.
 *
 * @param experiment     {@code nsp-fig6}
 * @param seed           the root seed
 * @param nsp            nsp-power's parameters (users randomized; each expert's QoS type is set per expert)
 * @param experts        the QoS experts
 * @param expertTraining the {@code netmoe train} config every expert is trained with (env set per expert)
 * @param expertsDir     the experts of an earlier run, a read-only input; empty trains them into the run directory
 * @param qosTypes       QoS types besides the built-in {@code op}, {@code dr}, {@code tp}, {@code bep}
 * @param requirement    the new requirement
 * @param combiner       how the experts' evaluations are combined
 * @param predicates     the state predicates plans may key on
 * @param gates          the gates and their settings
 * @param directDrl      the direct-DRL baseline
 * @param evaluation     users scored per method
 * @param llmPerState    the LLM gate per state, when asked
 * @param llm            the LLM gate's endpoint (used when {@code gates.run} has {@code llm})
 */
public record NspFig6Config(String experiment, long seed, NspConfig nsp, List<ExpertSpec> experts,
                            ObjectNode expertTraining, Optional<String> expertsDir, List<QosDefinition> qosTypes,
                            RequirementSpec requirement, CombinerSpec combiner, List<PredicateSpec> predicates,
                            GatesSpec gates, DirectSpec directDrl, EvaluationSpec evaluation,
                            Optional<PerStateSpec> llmPerState, LlmConfig llm) {

    /**
     * The config of {@code ctx} bound, with everything that can be checked before training checked.
     *
     * @throws ConfigException naming the field
     */
    public static Checked bind(ExperimentContext ctx) {
        return bind(ctx.config());
    }

    /**
     * {@code config} (an nsp-fig6 config file's tree) merged over the defaults, bound and checked.
     *
     * @throws ConfigException naming the field
     */
    public static Checked bind(ObjectNode config) {
        ObjectNode tree = ExperimentConfigs.overDefaults("nsp-fig6", config);
        ExperimentConfigs.underRecord(tree, "nsp", NspConfig.defaults());
        ExperimentConfigs.underRecord(tree, "gates.network.ppo", PpoConfig.defaults());
        ExperimentConfigs.underRecord(tree, "directDrl.params", DqnConfig.defaults());
        ExperimentConfigs.underRecord(tree, "llm", LlmConfig.defaults());
        NspFig6Config c = ExperimentConfigs.bind(tree, NspFig6Config.class,
                "experts", "expertTraining", "requirement", "gates.run", "gates.network", "gates.oracle", "directDrl");
        NspConfig nsp = c.nsp();
        if (nsp.continuousActions() || nsp.episodeSteps() != 1) {
            throw new ConfigException("nsp: nsp-fig6 needs actionSpace: discrete and episodeSteps: 1");
        }
        Map<String, QosDefinition> qos = c.qos();
        QosDefinition reqQos = qos.get(c.requirement().qos());
        if (reqQos == null) {
            throw new ConfigException("requirement.qos: unknown QoS type '" + c.requirement().qos() + "'; defined: "
                    + qos.keySet());
        }
        if (reqQos.needsBep() && !nsp.includeBep()) {
            throw new ConfigException("requirement.qos: " + reqQos.id() + " reads bep; set nsp.includeBep: true");
        }
        ResolvedRun.requireRolloutWithin(c.gates().network().ppo(), c.gates().network().steps(), "gates.network.ppo",
                "gates.network.steps");
        List<ExpertCatalogue.Run> runs = new ArrayList<>();
        for (int i = 0; i < c.experts().size(); i++) {
            runs.add(c.experts().get(i).resolve(i, c, nsp));
        }
        List<StatePredicate> predicates = c.predicates().stream().map(p -> p.predicate(nsp)).toList();
        String task = c.requirement().id();
        ConfiguredGates gates = ConfiguredGates.check(c.gates().run(), c.experts().stream().map(ExpertSpec::id)
                .toList(), predicates, List.of(task), c.gates().fixed().isEmpty() ? Map.of()
                : Map.of(task, c.gates().fixed()), c.gates().plan().isEmpty() ? Map.of() : Map.of(task, c.gates().plan()),
                (field, t) -> field);
        return new Checked(c, runs, reqQos, predicates, gates);
    }

    /** The built-in QoS types with the env's bounds, then {@code qosTypes} (added or replacing). */
    public Map<String, QosDefinition> qos() {
        Map<String, QosDefinition> m = new LinkedHashMap<>();
        NspConfig.QosBounds b = nsp.qosBounds();
        m.put("op", new QosDefinition("op", "reliability 1 - outage probability", "1 - op", b.op().min(), b.op().max()));
        m.put("dr", new QosDefinition("dr", "ergodic data rate (bit/s)", "dr", b.dr().min(), b.dr().max()));
        m.put("tp", new QosDefinition("tp", "throughput (1 - OP)·DR (bit/s)", "tp", b.tp().min(), b.tp().max()));
        m.put("bep", new QosDefinition("bep", "-log10 of the BPSK bit error probability", "-log10(bep)",
                b.bep().min(), b.bep().max()));
        qosTypes.forEach(q -> m.put(q.id(), q));
        return m;
    }

    /** The users every method is scored on: the one-hot QoS block is constant (experts see their own). */
    public NspConfig users() {
        return nsp.withQosTypes(List.of(QosType.TP.id()));
    }

    /**
     * The bound config with what was checked: the experts' resolved sub-runs, the requirement's QoS
     * type, the state predicates and the configured gates.
     */
    public record Checked(NspFig6Config config, List<ExpertCatalogue.Run> experts, QosDefinition requirementQos,
                          List<StatePredicate> predicates, ConfiguredGates gates) {
    }

    /**
     * A QoS expert: a DQN trained on {@code nsp-power} users of one built-in QoS type.
     *
     * @param qos the env QoS type it is trained for ({@code op}, {@code dr}, {@code bep})
     */
    public record ExpertSpec(String id, String qos, String description, String trainedFor) {
        public ExpertSpec {
            Require.nonNull("id", id);
            Require.nonNull("qos", qos);
        }

        /** The QoS type it is trained for (checked by {@link NspFig6Config#bind}). */
        public QosType type() {
            return QosType.fromId(qos);
        }

        private ExpertCatalogue.Run resolve(int index, NspFig6Config c, NspConfig nsp) {
            QosType type;
            try {
                type = type();
            } catch (IllegalArgumentException e) {
                throw new ConfigException("experts[" + index + "].qos: " + e.getMessage(), e);
            }
            NspConfig cfg = nsp.withQosTypes(List.of(type.id()));
            ExpertInfo info = new ExpertInfo(id, description, trainedFor, NspPowerEnv.SPEC.id(),
                    "Discrete(" + cfg.powerLevels() + "): transmit power " + cfg.powers() + " W");
            return ExpertCatalogue.resolve(index, "expert " + id + " (" + type.id() + ")", c.expertTraining(), c.seed(),
                    NspPowerEnv.SPEC.id(), ConfigLoader.toTree(cfg), Map.of(), info);
        }
    }

    /**
     * The new requirement no expert was trained for.
     *
     * @param text the user's words, given to the LLM gate
     * @param qos  the id of its QoS type in {@code qosTypes}
     */
    public record RequirementSpec(String id, String text, String qos) {
        public RequirementSpec {
            Require.nonNull("id", id);
            Require.nonNull("text", text);
            Require.nonNull("qos", qos);
        }
    }

    /** A state predicate for stage-wise plans: {@code feature} (distance, theta, antennas, pathLossExponent) above a value. */
    public record PredicateSpec(String id, String description, String feature, double above) {
        public PredicateSpec {
            Require.nonNull("id", id);
            Require.oneOf("feature", feature, List.of("distance", "theta", "antennas", "pathLossExponent"));
        }

        /** The predicate on an observation: the feature, denormalized with the user ranges of {@code nsp}, above {@code above}. */
        StatePredicate predicate(NspConfig nsp) {
            NspConfig.UserRanges r = nsp.userRanges();
            int index = List.of("distance", "theta", "antennas", "pathLossExponent").indexOf(feature);
            NspConfig.Range range = switch (feature) {
                case "distance" -> r.distance();
                case "theta" -> r.theta();
                case "antennas" -> new NspConfig.Range(r.antennasMin(), r.antennasMax());
                default -> r.pathLossExponent();
            };
            double threshold = above;
            return new StatePredicate(id, description == null ? feature + " > " + above : description,
                    obs -> range.min() + obs[index] * (range.max() - range.min()) > threshold);
        }
    }

    /** The network gate's training: PPO over weight vectors in the requirement env (PPO over its defaults). */
    public record NetworkSpec(long steps, long evalEvery, int evalUsers, PpoConfig ppo) {
        public NetworkSpec {
            Require.positive("steps", steps);
            Require.positive("evalEvery", evalEvery);
            Require.positive("evalUsers", evalUsers);
        }
    }

    /** The oracle-weights gate's search over the simplex grid with step 1/gridSteps. */
    public record OracleSpec(int gridSteps, boolean stageWise, int searchUsers) {
        public OracleSpec {
            Require.positive("gridSteps", gridSteps);
            Require.positive("searchUsers", searchUsers);
        }
    }

    /** The gates to evaluate and their settings: {@code fixed} weights by expert id, {@code plan} stages. */
    public record GatesSpec(List<String> run, Map<String, Double> fixed, List<StageSpec> plan, NetworkSpec network,
                            OracleSpec oracle) {
    }

    /** The direct-DRL baseline: a DQN trained on the requirement's own utility (params over DQN's defaults). */
    public record DirectSpec(long steps, DqnConfig params) {
        public DirectSpec {
            Require.positive("steps", steps);
        }
    }

    /**
     * The LLM gate per state (the paper's Step 3): the LLM sees each expert's normalized evaluation
     * of every power level for one user and answers that user's weights, or the power itself;
     * one call per user.
     *
     * @param users  the first {@code users} evaluation users are served this way ({@code > 0})
     * @param answer {@code weights} (the combiner picks the power; the default) or {@code power} (the
     *               LLM answers one of the offered power levels)
     */
    public record PerStateSpec(int users, String answer) {
        public PerStateSpec {
            Require.positive("users", users);
            answer = answer == null ? "weights" : answer.strip();
            Answer.of("answer", answer);
        }

        /** The answer asked for. */
        public Answer mode() {
            return Answer.of("answer", answer);
        }

        /** What the LLM answers per state. */
        public enum Answer {
            /** Expert weights; the combiner picks the power. */
            WEIGHTS,
            /** One of the offered power levels, directly. */
            POWER;

            /** The mode called {@code id} ({@code weights} or {@code power}); errors name {@code field}. */
            static Answer of(String field, String id) {
                for (Answer a : values()) {
                    if (a.name().toLowerCase(Locale.ROOT).equals(id)) {
                        return a;
                    }
                }
                throw new IllegalArgumentException(field + " must be one of [weights, power], was '" + id + "'");
            }
        }
    }

    /** Users scored per method. */
    public record EvaluationSpec(int users) {
        public EvaluationSpec {
            Require.positive("users", users);
        }
    }
}
