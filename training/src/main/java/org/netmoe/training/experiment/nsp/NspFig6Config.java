package org.netmoe.training.experiment.nsp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.netmoe.core.Require;

/** The sections of {@code configs/nsp-fig6.yaml} bound to records. */
public final class NspFig6Config {
    private NspFig6Config() {
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
    }

    /** How experts' per-power evaluations are normalized and combined (see org.netmoe.moe.mix). */
    public record CombinerSpec(String rule, double temperature, String scale, int probes) {
        public CombinerSpec {
            Require.nonNull("rule", rule);
            Require.positive("temperature", temperature);
            scale = scale == null ? "range" : scale;
            Require.oneOf("scale", scale, List.of("range", "none"));
            Require.positive("probes", probes);
        }
    }

    /** One stage of the plan gate. */
    public record StageSpec(String when, Map<String, Double> weights) {
        public StageSpec {
            Require.nonNull("when", when);
            Require.nonNull("weights", weights);
        }
    }

    /** The network gate's training: PPO over weight vectors in the requirement env. */
    public record NetworkSpec(long steps, long evalEvery, int evalUsers, JsonNode ppo) {
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

    /** The gates to evaluate and their settings. */
    public record GatesSpec(List<String> run, Map<String, Double> fixed, List<StageSpec> plan, NetworkSpec network,
                            OracleSpec oracle) {
        public GatesSpec {
            Require.nonNull("run", run);
            fixed = fixed == null ? Map.of() : fixed;
            plan = plan == null ? List.of() : plan;
            Require.nonNull("network", network);
            Require.nonNull("oracle", oracle);
        }
    }

    /** The direct-DRL baseline: a DQN trained on the requirement's own utility (agent params over DQN's defaults). */
    public record DirectSpec(long steps, JsonNode params) {
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
