package org.netmoe.training.experiment.maze;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.netmoe.core.Require;

/**
 * The sections of {@code configs/maze-llm-eval.yaml} that differ from maze-fig5's (SPEC §9, "LLM
 * evaluation"): tasks with a paper-style requirement, the network gate trained over several seeds,
 * and how LLM plans are sampled.
 */
public final class MazeLlmEvalConfig {
    private MazeLlmEvalConfig() {
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
     * @param seeds        training seeds (run seed + 101 + i, i &lt; seeds; seed 0 is maze-fig5's); 0 leaves the
     *                     network gate out
     * @param steps        env steps of training per seed and task
     * @param evalEvery    env steps between greedy evaluations along training
     * @param evalEpisodes episodes per evaluation along training
     * @param ppo          PPO parameters merged over PPO's defaults
     */
    public record NetworkSpec(int seeds, long steps, long evalEvery, int evalEpisodes, JsonNode ppo) {
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
     * @param plan    per task id: the stages of the hand-written plan
     * @param oracle  the oracle's search
     * @param network the network gate over seeds
     */
    public record GatesSpec(Map<String, List<MazeFig5Config.StageSpec>> plan, MazeFig5Config.OracleSpec oracle,
                            NetworkSpec network) {
        public GatesSpec {
            Require.nonNull("plan", plan);
            Require.nonNull("oracle", oracle);
            Require.nonNull("network", network);
        }
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
