package org.netmoe.training.experiment.maze;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.netmoe.core.Require;

/**
 * The sections of {@code configs/maze-fig5.yaml} (besides {@code experiment}, {@code seed},
 * {@code maze}, {@code expertTraining} and {@code llm}, which are read as trees).
 */
public final class MazeFig5Config {
    private MazeFig5Config() {
    }

    /**
     * One frozen expert of the catalogue.
     *
     * @param id          the id used in weights and plans ({@code a}, {@code b}, {@code c})
     * @param description what it does, for the catalogue and the LLM
     * @param trainedFor  the task it was trained on, in words
     * @param task        the maze objectives of its training task, e.g. {@code [goal]}
     */
    public record ExpertSpec(String id, String description, String trainedFor, List<String> task) {
        public ExpertSpec {
            Require.nonNull("id", id);
            Require.nonNull("task", task);
        }
    }

    /**
     * An evaluation task.
     *
     * @param id          {@code goal+trap}, {@code goal+prize} or {@code goal+prize+trap} (any objective set)
     * @param requirement the user's requirement text, given to the LLM gate
     */
    public record TaskSpec(String id, String requirement) {
        public TaskSpec {
            Require.nonNull("id", id);
            requirement = requirement == null ? "" : requirement;
        }
    }

    /**
     * How experts are combined.
     *
     * @param rule        {@code product} or {@code mixture} (see org.netmoe.moe.mix)
     * @param temperature softmax temperature of Q-value experts, {@code > 0}
     * @param scale       {@code range} (each Q-value expert's temperature times its Q-value range over
     *                    every maze observation) or {@code none}
     */
    public record CombinerSpec(String rule, double temperature, String scale) {
        public CombinerSpec {
            Require.nonNull("rule", rule);
            Require.positive("temperature", temperature);
            scale = scale == null ? "range" : scale;
        }
    }

    /** One stage of a configured plan: {@code when} (always, a predicate, not:predicate) and weights by expert id. */
    public record StageSpec(String when, Map<String, Double> weights) {
        public StageSpec {
            Require.nonNull("when", when);
            Require.nonNull("weights", weights);
        }
    }

    /**
     * The {@code network} gate's training: PPO with a Gaussian policy over {@code [0,1]^K} in the
     * gate env of each task.
     *
     * @param steps         env steps of gate training per task
     * @param evalEvery     env steps between greedy evaluations along training (the Fig. 5 curve)
     * @param evalEpisodes  episodes per evaluation along training
     * @param ppo           PPO parameters merged over PPO's defaults
     */
    public record NetworkSpec(long steps, long evalEvery, int evalEpisodes, JsonNode ppo) {
        public NetworkSpec {
            Require.positive("steps", steps);
            Require.positive("evalEvery", evalEvery);
            Require.positive("evalEpisodes", evalEpisodes);
        }
    }

    /**
     * The {@code oracle} gate's search.
     *
     * @param gridSteps      simplex grid denominator n (weights i/n)
     * @param stageWise      whether two-stage plans keyed by each predicate are searched too
     * @param searchEpisodes episodes scoring each candidate (seeded apart from the evaluation)
     */
    public record OracleSpec(int gridSteps, boolean stageWise, int searchEpisodes) {
        public OracleSpec {
            Require.positive("gridSteps", gridSteps);
            Require.positive("searchEpisodes", searchEpisodes);
        }
    }

    /**
     * The gates.
     *
     * @param run     which gate ids to evaluate, in report order
     * @param fixed   per task id: weights by expert id
     * @param plan    per task id: the stages
     * @param network the network gate's training
     * @param oracle  the oracle's search
     */
    public record GatesSpec(List<String> run, Map<String, Map<String, Double>> fixed,
                            Map<String, List<StageSpec>> plan, NetworkSpec network, OracleSpec oracle) {
        public GatesSpec {
            Require.nonNull("run", run);
            fixed = fixed == null ? Map.of() : fixed;
            plan = plan == null ? Map.of() : plan;
            Require.nonNull("network", network);
            Require.nonNull("oracle", oracle);
        }
    }

    /**
     * The final evaluation.
     *
     * @param episodes episodes per gate and task
     * @param pathPlot whether the maze with each gate's path (from the default start, no slip) is drawn
     * @param actions  {@code sample} (default: actions drawn from the combined policy
     *                 {@code π ∝ Π p_k^{w_k}}, seeded) or {@code greedy} (its argmax)
     */
    public record EvaluationSpec(int episodes, boolean pathPlot, String actions) {
        public EvaluationSpec {
            Require.positive("episodes", episodes);
            actions = actions == null ? "sample" : actions;
            if (!MazeGateEvaluator.MODES.contains(actions)) {
                throw new IllegalArgumentException("actions must be one of " + MazeGateEvaluator.MODES + ", was '"
                        + actions + "'");
            }
        }
    }
}
