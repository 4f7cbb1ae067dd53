package org.netmoe.training.experiment.maze;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.netmoe.agents.ppo.PpoConfig;
import org.netmoe.envs.maze.Cell;
import org.netmoe.envs.maze.MazeConfig;
import org.netmoe.envs.maze.MazeEnv;
import org.netmoe.envs.maze.MazeTask;
import org.netmoe.llm.LlmConfig;
import org.netmoe.moe.mix.ExpertInfo;
import org.netmoe.moe.mix.StatePredicate;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.config.ConfigLoader;
import org.netmoe.training.experiment.ConfiguredGates;
import org.netmoe.training.experiment.ExpertCatalogue;
import org.netmoe.training.experiment.ExperimentConfigs;
import org.netmoe.training.experiment.ExperimentContext;
import org.netmoe.training.experiment.StageSpec;

/**
 * What maze-fig5 and maze-llm-eval share, checked before any training: the experts' resolved
 * sub-runs on maze-3x7 (one objective each) and the task mazes; plus the maze's state predicate
 * and its description for the LLM.
 *
 * @param experts the experts' sub-runs, in catalogue order
 * @param tasks   the task ids, in config order
 * @param mazes   the maze of each task (the evaluation maze with the task's rewards), in task order
 */
public record MazeSetup(List<ExpertCatalogue.Run> experts, List<String> tasks, List<MazeConfig> mazes) {
    /** The env every maze expert is trained on. */
    static final String ENV_ID = "maze-3x7";
    /** The stage predicate of the maze: the observation's prize flag (its last entry). */
    public static final StatePredicate PRIZE_COLLECTED = new StatePredicate("prize_collected",
            "the walker has already collected the prize in this episode", obs -> obs[obs.length - 1] > 0.5f);
    /** The predicates plans may key on. */
    static final List<StatePredicate> PREDICATES = List.of(PRIZE_COLLECTED);

    /**
     * A maze experiment's config bound and checked, with its experts' resolved sub-runs and tasks,
     * and its configured gates.
     *
     * @param <C> the experiment's config record
     */
    public record Checked<C>(C config, MazeSetup setup, ConfiguredGates gates) {
    }

    /**
     * The config of experiment {@code id} bound to {@code type}: over its defaults resource, with
     * {@code maze}, {@code gates.network.ppo} and {@code llm} over their records' defaults;
     * {@code experts}, {@code expertTraining} and {@code required} must be given.
     */
    static <C> C bind(ExperimentContext ctx, String id, Class<C> type, String... required) {
        ObjectNode merged = ExperimentConfigs.overDefaults(id, ctx.config());
        ExperimentConfigs.underRecord(merged, "maze", MazeConfig.defaults());
        ExperimentConfigs.underRecord(merged, "gates.network.ppo", PpoConfig.defaults());
        ExperimentConfigs.underRecord(merged, "llm", LlmConfig.defaults());
        List<String> fields = new ArrayList<>(List.of("experts", "expertTraining"));
        fields.addAll(List.of(required));
        return ExperimentConfigs.bind(merged, type, fields.toArray(String[]::new));
    }

    /** Resolves every expert's sub-run and parses every task; errors name the field. */
    static MazeSetup check(long seed, MazeConfig maze, List<MazeFig5Config.ExpertSpec> specs,
                           ObjectNode expertTraining, List<String> taskIds) {
        List<ExpertCatalogue.Run> runs = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            MazeFig5Config.ExpertSpec s = specs.get(i);
            ExpertInfo info = new ExpertInfo(s.id(), s.description(), s.trainedFor(), ENV_ID,
                    "Discrete(4): 0 up, 1 down, 2 left, 3 right; observation one-hot cell + prize flag");
            JsonNode task = ConfigLoader.yaml().valueToTree(s.task());
            runs.add(ExpertCatalogue.resolve(i, "expert " + s.id() + " (" + String.join("+", s.task()) + ")",
                    expertTraining, seed, ENV_ID, ConfigLoader.toTree(maze), Map.of("task", task), info));
        }
        List<MazeConfig> mazes = new ArrayList<>();
        for (int i = 0; i < taskIds.size(); i++) {
            try {
                mazes.add(maze.withTask(MazeTask.parse(taskIds.get(i))));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("tasks[" + i + "].id: " + e.getMessage(), e);
            }
        }
        return new MazeSetup(List.copyOf(runs), List.copyOf(taskIds), List.copyOf(mazes));
    }

    /** The configured gates ({@code gates.fixed.<task>}, {@code gates.plan.<task>}) checked against the experts. */
    ConfiguredGates gates(List<String> run, Map<String, Map<String, Double>> fixed, Map<String, List<StageSpec>> plan) {
        List<String> ids = experts.stream().map(r -> r.info().id()).toList();
        return ConfiguredGates.check(run, ids, PREDICATES, tasks, fixed, plan, (field, task) -> field + "." + task);
    }

    /** The observation of every cell, before and after the prize. */
    static List<float[]> allObservations(MazeConfig maze) {
        List<float[]> out = new ArrayList<>();
        try (MazeEnv env = new MazeEnv(maze)) {
            for (int flag = 0; flag < 2; flag++) {
                for (int y = 0; y < maze.height(); y++) {
                    for (int x = 0; x < maze.width(); x++) {
                        out.add(env.observation(new Cell(x, y), flag == 1));
                    }
                }
            }
        }
        return out;
    }

    /**
     * The maze in words, for the LLM gate's "system state"; {@code withRewards} adds the task's
     * reward components (a hint the paper-style prompt leaves out: there the requirement text alone
     * says what is wanted).
     */
    static String stateDescription(MazeConfig m, boolean withRewards) {
        return String.format(Locale.ROOT, "A %d x %d grid maze (x = column 0..%d, y = row 0..%d). Goal at %s, trap at %s,"
                + " prize at %s. The walker starts %s and moves up/down/left/right%s; an episode ends at the goal, in the"
                + " trap, or after %d steps.%s", m.width(), m.height(), m.width() - 1,
                m.height() - 1, cell(m.goal()), cell(m.trap()), cell(m.prize()),
                m.randomStart() ? "in a random free cell" : "at " + cell(m.start()),
                m.slipProbability() > 0 ? String.format(Locale.ROOT, " (a move slips with probability %.2f)",
                        m.slipProbability()) : "", m.maxEpisodeSteps(),
                withRewards ? " Rewards of this task: " + String.join(" + ", m.task()) + "." : "");
    }

    private static String cell(Cell c) {
        return "(" + c.x() + "," + c.y() + ")";
    }
}
