package org.netmoe.envs.maze;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.netmoe.envs.EnvSpec;
import org.netmoe.envs.EpisodicEnv;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.Discrete;

/**
 * The grid-world maze of paper Sec. II-A (Fig. 3): a walker on a {@code width x height} grid
 * (default 7 columns x 3 rows) with a start, a goal, a trap and a prize, solving a
 * {@link MazeTask}.
 *
 * <p><b>Actions</b> {@code Discrete(4)}: 0 up ({@code y - 1}), 1 down ({@code y + 1}), 2 left
 * ({@code x - 1}), 3 right ({@code x + 1}); see {@link Move}. Row 0 is the top row. A move into
 * the outer wall leaves the walker where it is. With probability {@code slipProbability} a
 * uniformly random move (possibly the chosen one) replaces the chosen move.
 *
 * <p><b>Observation</b> a {@code Box} in {@code [0, 1]}: for {@code "onehot"},
 * {@code width*height} entries with a 1 at {@code y*width + x}, then the prize flag (length 22
 * by default); for {@code "coords"}, {@code [x/(width-1), y/(height-1), prizeFlag]} (a
 * coordinate of a one-cell-wide dimension is 0). The prize flag is 1 once the prize cell has
 * been visited in this episode, whatever the task, so every expert sees both stages.
 *
 * <p><b>Reward and termination</b> of one step, entering cell {@code c} (defaults in brackets):
 * <ul>
 *   <li>{@code GOAL} in the task: entering the goal adds {@code goalReward} [+1] and terminates
 *       the episode (also when a required prize was not taken, which is then a failure).</li>
 *   <li>{@code PRIZE} in the task: the first visit of the prize adds {@code prizeReward} [+0.5].
 *       If the task has no {@code GOAL}, that first visit also terminates the episode (success).</li>
 *   <li>{@code TRAP} in the task: entering the trap adds {@code trapPenalty} [-1] and terminates
 *       the episode as a failure.</li>
 *   <li>An objective not in the task makes its cell ordinary: no reward, no termination (an
 *       expert for "goal" may walk through the trap, one for "prize" through the goal).</li>
 *   <li>Every step of a task with {@code GOAL} or {@code PRIZE} also adds {@code stepCost}
 *       [-0.01], so those experts take shortest paths. A trap-only task ("avoid the trap") has
 *       no step cost: it can end only in the trap or at the time limit, and a step cost would
 *       reward ending early in the trap.</li>
 *   <li>The episode is truncated (not terminated) after {@code maxEpisodeSteps} [50] steps.</li>
 * </ul>
 * So the default goal+prize+trap task's best return is {@code 1 + 0.5 - 9 * 0.01 = 1.41}.
 *
 * <p><b>Info</b> of every step and reset: {@code "goal"}, {@code "trap"} (1.0 once that cell has
 * been entered in this episode, whatever the task), {@code "prize"} (the prize flag),
 * {@code "steps"} (steps taken in the episode) and {@code "success"}: 1.0 on the final step of
 * an episode in which every objective of the task was met (goal reached if {@code GOAL}; prize
 * taken if {@code PRIZE}; trap never entered if {@code TRAP}, so a trap-only episode succeeds
 * when truncated outside the trap), else 0.0 (always 0.0 before the final step).
 *
 * <p>Randomness (random start, slip) comes only from the env's RNG; {@link #stochastic()} is
 * true iff {@code randomStart} or {@code slipProbability > 0}.
 */
public final class MazeEnv extends EpisodicEnv {
    /** The registry entry {@code maze-3x7}. */
    public static final EnvSpec<MazeConfig> SPEC = new EnvSpec<>("maze-3x7",
            "3x7 grid-world maze with goal, prize and trap objectives (llm-enabled-moe-network-optimization, Sec. II)",
            MazeConfig.class, MazeConfig.defaults(), MazeEnv::new);

    private static final Discrete ACTIONS = new Discrete(Move.values().length);

    private final MazeConfig config;
    private final MazeTask task;
    private final Box observationSpace;
    private final List<Cell> startCells;
    private Cell position;
    private boolean prizeTaken;
    private boolean goalReached;
    private boolean trapEntered;

    /** A maze with {@code config}. */
    public MazeEnv(MazeConfig config) {
        super(config.maxEpisodeSteps());
        this.config = config;
        this.task = config.mazeTask();
        this.observationSpace = Box.uniform(0f, 1f, config.obsDim());
        this.startCells = config.startCells();
        this.position = config.start();
    }

    /** The config this env was built with. */
    public MazeConfig config() {
        return config;
    }

    /** The task whose reward and success this env reports. */
    public MazeTask task() {
        return task;
    }

    @Override
    public Box observationSpace() {
        return observationSpace;
    }

    @Override
    public Discrete actionSpace() {
        return ACTIONS;
    }

    @Override
    public boolean stochastic() {
        return config.randomStart() || config.slipProbability() > 0;
    }

    /** The walker's cell ({@link MazeConfig#start()} before the first reset). */
    public Cell position() {
        return position;
    }

    /** Whether the prize has been collected in this episode (the observation's prize flag). */
    public boolean prizeCollected() {
        return prizeTaken;
    }

    /**
     * The observation the walker would get in {@code cell} with the prize flag {@code prizeFlag},
     * e.g. to query experts at every cell; a fresh array of {@code observationSpace().flatDim()}.
     *
     * @throws IllegalArgumentException if {@code cell} is outside the grid
     */
    public float[] observation(Cell cell, boolean prizeFlag) {
        if (cell == null || !config.inside(cell)) {
            throw new IllegalArgumentException("cell must be inside the " + config.width() + "x"
                    + config.height() + " grid, was " + cell);
        }
        float[] obs = new float[config.obsDim()];
        if ("onehot".equals(config.observation())) {
            obs[cell.y() * config.width() + cell.x()] = 1f;
        } else {
            obs[0] = config.width() == 1 ? 0f : (float) cell.x() / (config.width() - 1);
            obs[1] = config.height() == 1 ? 0f : (float) cell.y() / (config.height() - 1);
        }
        obs[obs.length - 1] = prizeFlag ? 1f : 0f;
        return obs;
    }

    /** No options are read; {@code randomStart} draws the start cell from {@code rng}. */
    @Override
    protected Reset onReset(RngStream rng, Map<String, ?> options) {
        position = config.randomStart() ? startCells.get(rng.nextInt(startCells.size())) : config.start();
        prizeTaken = false;
        goalReached = false;
        trapEntered = false;
        return new Reset(observation(position, false), info(false, 0));
    }

    @Override
    protected Step onStep(Action action, RngStream rng) {
        Move move = Move.of(ACTIONS.index(action));
        // Draw only when slipping is possible, so a deterministic maze never consumes its RNG.
        if (config.slipProbability() > 0 && rng.nextDouble() < config.slipProbability()) {
            move = Move.of(rng.nextInt(ACTIONS.n()));
        }
        Cell next = position.plus(move);
        if (config.inside(next)) {
            position = next;
        }
        double reward = task.hasAchievement() ? config.stepCost() : 0.0;
        boolean terminated = false;
        if (position.equals(config.goal())) {
            goalReached = true;
            if (task.has(Objective.GOAL)) {
                reward += config.goalReward();
                terminated = true;
            }
        } else if (position.equals(config.trap())) {
            trapEntered = true;
            if (task.has(Objective.TRAP)) {
                reward += config.trapPenalty();
                terminated = true;
            }
        } else if (position.equals(config.prize()) && !prizeTaken) {
            prizeTaken = true;
            if (task.has(Objective.PRIZE)) {
                reward += config.prizeReward();
                terminated = !task.has(Objective.GOAL);
            }
        }
        // The time limit is applied by EpisodicEnv after this step; success must know it now.
        boolean last = terminated || episodeStep() + 1 >= maxEpisodeSteps();
        return new Step(observation(position, prizeTaken), reward, terminated, false, info(last, episodeStep() + 1));
    }

    /** The walker's cell and the goal/trap/prize flags of the episode. */
    @Override
    protected void saveDynamics(DataOutput out) throws IOException {
        out.writeInt(position.x());
        out.writeInt(position.y());
        out.writeBoolean(prizeTaken);
        out.writeBoolean(goalReached);
        out.writeBoolean(trapEntered);
    }

    @Override
    protected void restoreDynamics(DataInput in) throws IOException {
        Cell cell = new Cell(in.readInt(), in.readInt());
        if (!config.inside(cell)) {
            throw new IllegalArgumentException("maze state: position " + cell + " is outside the " + config.width()
                    + "x" + config.height() + " grid");
        }
        position = cell;
        prizeTaken = in.readBoolean();
        goalReached = in.readBoolean();
        trapEntered = in.readBoolean();
    }

    private Map<String, Double> info(boolean last, int steps) {
        boolean success = last
                && (!task.has(Objective.GOAL) || goalReached)
                && (!task.has(Objective.PRIZE) || prizeTaken)
                && (!task.has(Objective.TRAP) || !trapEntered);
        return Map.of("success", flag(success), "goal", flag(goalReached), "trap", flag(trapEntered),
                "prize", flag(prizeTaken), "steps", (double) steps);
    }

    private static double flag(boolean b) {
        return b ? 1.0 : 0.0;
    }

    /**
     * The grid as text, top row first: {@code A} the walker, {@code S} start, {@code G} goal,
     * {@code T} trap, {@code P} the prize (until collected), {@code .} other cells; one line per row.
     */
    public String render() {
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < config.height(); y++) {
            for (int x = 0; x < config.width(); x++) {
                Cell c = new Cell(x, y);
                char ch = c.equals(position) ? 'A'
                        : c.equals(config.goal()) ? 'G'
                        : c.equals(config.trap()) ? 'T'
                        : c.equals(config.prize()) && !prizeTaken ? 'P'
                        : c.equals(config.start()) ? 'S' : '.';
                sb.append(ch);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
