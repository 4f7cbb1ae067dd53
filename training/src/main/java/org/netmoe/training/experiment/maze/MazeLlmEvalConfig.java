package org.netmoe.training.experiment.maze;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
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
 * The whole of {@code configs/maze-llm-eval.yaml} (SPEC §9, "LLM evaluation"), bound and checked
 * before any work by {@link #bind}: maze-fig5's experts, maze and combiner; tasks with a
 * paper-style requirement; the network gate trained over several seeds; how LLM plans are sampled.
 * Fields the file leaves out come from {@code maze-llm-eval.defaults.yaml} (a resource beside
 * {@link ExperimentConfigs}); {@code maze}, {@code gates.network.ppo} and {@code llm} are merged over
 * their records' defaults.
 *
 * @param experiment     {@code maze-llm-eval}
 * @param seed           the root seed
 * @param maze           the maze the gates are evaluated in (the task is set per task)
 * @param experts        the expert catalogue (as maze-fig5's)
 * @param expertTraining the {@code netmoe train} config every expert is trained with
 * @param expertsDir     the experts of an earlier run, a read-only input; empty trains them into the run directory
 * @param combiner       how the experts are combined
 * @param tasks          the tasks
 * @param gates          the gates besides {@code llm}, {@code uniform} and the single experts
 * @param sampling       how LLM plans are sampled
 * @param evaluation     the evaluation of every plan and gate ({@code pathPlot} is not used here)
 * @param llm            the LLM gate's endpoint
 */
public record MazeLlmEvalConfig(String experiment, long seed, MazeConfig maze, List<MazeFig5Config.ExpertSpec> experts,
                                ObjectNode expertTraining, Optional<String> expertsDir, CombinerSpec combiner,
                                List<TaskSpec> tasks, GatesSpec gates, SamplingSpec sampling,
                                MazeFig5Config.EvaluationSpec evaluation, LlmConfig llm) {

    /**
     * The config of {@code ctx} bound, with everything that can be checked before training checked.
     * A task without a plan has no plan row, so no gate needs weights for every task here.
     *
     * @throws org.netmoe.training.config.ConfigException naming the field
     */
    public static MazeSetup.Checked<MazeLlmEvalConfig> bind(ExperimentContext ctx) {
        MazeLlmEvalConfig c = MazeSetup.bind(ctx, "maze-llm-eval", MazeLlmEvalConfig.class, "tasks", "sampling",
                "gates.network", "gates.oracle");
        NetworkSpec n = c.gates().network();
        if (n.seeds() > 0) {
            ResolvedRun.requireRolloutWithin(n.ppo(), n.steps(), "gates.network.ppo", "gates.network.steps");
        }
        MazeSetup setup = MazeSetup.check(c.seed(), c.maze(), c.experts(), c.expertTraining(),
                c.tasks().stream().map(TaskSpec::id).toList());
        return new MazeSetup.Checked<>(c, setup, setup.gates(List.of(), Map.of(), c.gates().plan()));
    }

    /** How much the LLM is told besides the requirement. */
    public enum PromptStyle {
        /** Each expert's role and reward, and the task's reward components (maze-fig5's prompt). */
        HINTS,
        /** The paper's style: a free-text requirement; experts named only by their mission. */
        PAPER;

        /** The style called {@code name} ({@code hints} or {@code paper}); errors name {@code field}. */
        public static PromptStyle of(String field, String name) {
            for (PromptStyle s : values()) {
                if (s.id().equals(name)) {
                    return s;
                }
            }
            throw new IllegalArgumentException(field + " must be one of [hints, paper], was '" + name + "'");
        }

        /** The id used in configs and result files. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * An evaluation task.
     *
     * @param id               {@code goal+trap}, {@code goal+prize} or {@code goal+prize+trap}
     * @param requirement      the requirement of the {@code hints} prompt
     * @param paperRequirement the free-text requirement of the {@code paper} prompt, e.g. "Arrive at
     *                         the goal in the safest way and pick up the prize on the way"
     */
    public record TaskSpec(String id, String requirement, String paperRequirement) {
        public TaskSpec {
            Require.nonNull("id", id);
            Require.nonNull("requirement", requirement);
            Require.nonNull("paperRequirement", paperRequirement);
        }
    }

    /**
     * The {@code network} gate trained to convergence over several seeds.
     *
     * @param seeds        training seeds (the named splits {@code maze/network-gate/i} of the run seed,
     *                     i &lt; seeds; i = 0 is maze-fig5's); 0 leaves the network gate out
     * @param steps        env steps of training per seed and task
     * @param evalEvery    env steps between greedy evaluations along training
     * @param evalEpisodes episodes per evaluation along training
     * @param ppo          PPO parameters (over PPO's defaults)
     */
    public record NetworkSpec(int seeds, long steps, long evalEvery, int evalEpisodes, PpoConfig ppo) {
        public NetworkSpec {
            Require.nonNegative("seeds", seeds);
            Require.positive("steps", steps);
            Require.positive("evalEvery", evalEvery);
            Require.positive("evalEpisodes", evalEpisodes);
        }
    }

    /**
     * The gates besides {@code llm}, {@code uniform} and the single experts.
     *
     * @param plan    per task id: the stages of the hand-written plan (tasks without one have no plan row)
     * @param oracle  the oracle's search
     * @param network the network gate over seeds
     */
    public record GatesSpec(Map<String, List<StageSpec>> plan, MazeFig5Config.OracleSpec oracle,
                            NetworkSpec network) {
    }

    /**
     * How LLM plans are sampled (the sampling temperature is {@code llm.temperature}).
     *
     * @param samples         K plans per task and prompt style, each with its own seed
     * @param promptStyles    {@code hints}, {@code paper} or both
     * @param solvedThreshold a plan solves its task when its success rate is at least this
     */
    public record SamplingSpec(int samples, List<String> promptStyles, double solvedThreshold) {
        public SamplingSpec {
            Require.positive("samples", samples);
            Require.nonEmpty("promptStyles", promptStyles);
            for (int i = 0; i < promptStyles.size(); i++) {
                PromptStyle.of("promptStyles[" + i + "]", promptStyles.get(i));
            }
            Require.inRange("solvedThreshold", solvedThreshold, 0.0, 1.0);
        }

        /** The prompt styles, in config order. */
        public List<PromptStyle> styles() {
            return promptStyles.stream().map(s -> PromptStyle.of("promptStyles", s)).toList();
        }
    }
}
