package org.netmoe.training.experiment.maze;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netmoe.agents.ppo.PpoConfig;
import org.netmoe.core.Require;
import org.netmoe.envs.maze.MazeConfig;
import org.netmoe.llm.LlmConfig;
import org.netmoe.training.experiment.CombinerSpec;
import org.netmoe.training.experiment.ExperimentConfigs;
import org.netmoe.training.experiment.ExperimentContext;
import org.netmoe.training.experiment.StageSpec;
import org.netmoe.training.run.ResolvedRun;

/**
 * The whole of {@code configs/maze-fig5.yaml}, bound and checked before any work by {@link #bind}.
 * Fields the file leaves out come from {@code maze-fig5.defaults.yaml} (a resource beside
 * {@link ExperimentConfigs}); {@code maze}, {@code gates.network.ppo} and {@code llm} are merged over
 * {@link MazeConfig#defaults()}, {@link PpoConfig#defaults()} and {@link LlmConfig#defaults()}.
 *
 * @param experiment     {@code maze-fig5}
 * @param seed           the root seed
 * @param maze           the maze the gates are evaluated in (the task is set per task)
 * @param experts        the expert catalogue
 * @param expertTraining the {@code netmoe train} config every expert is trained with (env set per expert)
 * @param expertsDir     the experts of an earlier run, a read-only input; empty trains them into the run directory
 * @param combiner       how the experts are combined
 * @param tasks          the composite tasks
 * @param gates          the gates and their settings
 * @param evaluation     the final evaluation
 * @param llm            the LLM gate's endpoint (used when {@code gates.run} has {@code llm})
 */
public record MazeFig5Config(String experiment, long seed, MazeConfig maze, List<ExpertSpec> experts,
                             ObjectNode expertTraining, Optional<String> expertsDir, CombinerSpec combiner,
                             List<TaskSpec> tasks, GatesSpec gates, EvaluationSpec evaluation, LlmConfig llm) {

    /**
     * The config of {@code ctx} bound, with everything that can be checked before training checked:
     * each expert's train config resolved, each task parsed, the configured gates built.
     *
     * @throws org.netmoe.training.config.ConfigException naming the field
     */
    public static MazeSetup.Checked<MazeFig5Config> bind(ExperimentContext ctx) {
        MazeFig5Config c = MazeSetup.bind(ctx, "maze-fig5", MazeFig5Config.class, "tasks", "gates.run",
                "gates.network", "gates.oracle");
        NetworkSpec n = c.gates().network();
        ResolvedRun.requireRolloutWithin(n.ppo(), n.steps(), "gates.network.ppo", "gates.network.steps");
        MazeSetup setup = MazeSetup.check(c.seed(), c.maze(), c.experts(), c.expertTraining(),
                c.tasks().stream().map(TaskSpec::id).toList());
        return new MazeSetup.Checked<>(c, setup, setup.gates(c.gates().run(), c.gates().fixed(), c.gates().plan()));
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
     * The {@code network} gate's training: PPO with a Gaussian policy over {@code [0,1]^K} in the
     * gate env of each task.
     *
     * @param steps        env steps of gate training per task
     * @param evalEvery    env steps between greedy evaluations along training (the Fig. 5 curve)
     * @param evalEpisodes episodes per evaluation along training
     * @param ppo          PPO parameters (over PPO's defaults)
     */
    public record NetworkSpec(long steps, long evalEvery, int evalEpisodes, PpoConfig ppo) {
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
    }

    /**
     * The final evaluation.
     *
     * @param episodes episodes per gate and task
     * @param pathPlot whether the maze with each gate's path (from the default start, no slip) is drawn
     * @param actions  {@code sample} (actions drawn from the combined policy {@code π ∝ Π p_k^{w_k}},
     *                 seeded) or {@code greedy} (its argmax)
     */
    public record EvaluationSpec(int episodes, boolean pathPlot, String actions) {
        public EvaluationSpec {
            Require.positive("episodes", episodes);
            Require.oneOf("actions", actions, MazeGateEvaluator.MODES);
        }
    }
}
