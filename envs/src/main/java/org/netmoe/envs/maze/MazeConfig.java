package org.netmoe.envs.maze;

import java.util.ArrayList;
import java.util.List;
import org.netmoe.core.Require;

/**
 * Parameters of the {@code maze-3x7} env (paper Sec. II-A, Fig. 3), bound from a YAML file's
 * {@code env.params}. Cells are {@code {x: column, y: row}} with row 0 at the top. The reward and
 * termination rules these numbers feed are documented on {@link MazeEnv}.
 *
 * @param width           grid columns, {@code >= 1}; default 7
 * @param height          grid rows, {@code >= 1}; default 3
 * @param start           the start cell (used unless {@code randomStart}); default (0,0)
 * @param goal            the goal cell; default (5,0)
 * @param trap            the trap cell; default (3,1)
 * @param prize           the prize cell; default (3,2)
 * @param task            objective ids, any non-repeating subset of {@code goal, prize, trap};
 *                        default {@code [goal, prize, trap]}, the paper's hardest composite task
 * @param goalReward      added on entering the goal when the task has {@code goal}; {@code > 0},
 *                        default {@code +1.0}
 * @param prizeReward     added on the first visit of the prize when the task has {@code prize};
 *                        {@code > 0}, default {@code +0.5}
 * @param trapPenalty     added on entering the trap when the task has {@code trap}; {@code < 0},
 *                        default {@code -1.0}
 * @param stepCost        added on every step of a task with {@code goal} or {@code prize};
 *                        {@code <= 0}, default {@code -0.01}
 * @param maxEpisodeSteps time limit (truncation), {@code > 0}; default 50
 * @param observation     {@code "onehot"} (one-hot cell, {@code width*height} entries, then the
 *                        prize flag) or {@code "coords"} ({@code x/(width-1)}, {@code y/(height-1)},
 *                        prize flag); default {@code "onehot"}
 * @param randomStart     start each episode in a uniformly random cell that is none of goal, trap
 *                        and prize; default false
 * @param slipProbability probability in {@code [0, 1]} that a uniformly random move replaces the
 *                        chosen one; default 0
 */
public record MazeConfig(int width, int height, Cell start, Cell goal, Cell trap, Cell prize,
                         List<String> task, double goalReward, double prizeReward, double trapPenalty,
                         double stepCost, int maxEpisodeSteps, String observation, boolean randomStart,
                         double slipProbability) {
    /** The observation encodings. */
    public static final List<String> OBSERVATIONS = List.of("onehot", "coords");

    /** @throws IllegalArgumentException naming the first invalid field, its value and what is allowed */
    public MazeConfig {
        Require.positive("width", width);
        Require.positive("height", height);
        String[] names = {"start", "goal", "trap", "prize"};
        Cell[] cells = {start, goal, trap, prize};
        for (int i = 0; i < cells.length; i++) {
            Require.nonNull(names[i], cells[i]);
            if (!inside(cells[i], width, height)) {
                throw new IllegalArgumentException(names[i] + " must be a cell inside the " + width + "x" + height
                        + " grid (0 <= x < " + width + ", 0 <= y < " + height + "), was " + cells[i]);
            }
            for (int j = 0; j < i; j++) {
                if (cells[i].equals(cells[j])) {
                    throw new IllegalArgumentException(names[i] + " must differ from " + names[j]
                            + ", both were " + cells[i]);
                }
            }
        }
        task = List.copyOf(MazeTask.of(task).ids());
        Require.positive("goalReward", goalReward);
        Require.positive("prizeReward", prizeReward);
        if (!(trapPenalty < 0) || !Double.isFinite(trapPenalty)) {
            throw new IllegalArgumentException("trapPenalty must be < 0 and finite, was " + trapPenalty);
        }
        if (!(stepCost <= 0) || !Double.isFinite(stepCost)) {
            throw new IllegalArgumentException("stepCost must be <= 0 and finite, was " + stepCost);
        }
        Require.positive("maxEpisodeSteps", maxEpisodeSteps);
        Require.oneOf("observation", observation, OBSERVATIONS);
        Require.inRange("slipProbability", slipProbability, 0.0, 1.0);
    }

    /** The paper's layout and the composite task goal+prize+trap, with the documented defaults. */
    public static MazeConfig defaults() {
        return new MazeConfig(7, 3, new Cell(0, 0), new Cell(5, 0), new Cell(3, 1), new Cell(3, 2),
                List.of("goal", "prize", "trap"), 1.0, 0.5, -1.0, -0.01, 50, "onehot", false, 0.0);
    }

    /** The defaults with {@code task}, e.g. {@code forTask(MazeTask.GOAL)} for expert a. */
    public static MazeConfig forTask(MazeTask task) {
        return defaults().withTask(task);
    }

    /** The defaults with the task parsed from an id such as {@code "goal+trap"}. */
    public static MazeConfig forTask(String taskId) {
        return forTask(MazeTask.parse(taskId));
    }

    /** This config with {@code task}. */
    public MazeConfig withTask(MazeTask task) {
        return new MazeConfig(width, height, start, goal, trap, prize, task.ids(), goalReward, prizeReward,
                trapPenalty, stepCost, maxEpisodeSteps, observation, randomStart, slipProbability);
    }

    /** This config with the observation encoding {@code encoding} ({@code "onehot"} or {@code "coords"}). */
    public MazeConfig withObservation(String encoding) {
        return new MazeConfig(width, height, start, goal, trap, prize, task, goalReward, prizeReward,
                trapPenalty, stepCost, maxEpisodeSteps, encoding, randomStart, slipProbability);
    }

    /** This config with the randomness knobs {@code randomStart} and {@code slipProbability}. */
    public MazeConfig withRandomness(boolean randomStart, double slipProbability) {
        return new MazeConfig(width, height, start, goal, trap, prize, task, goalReward, prizeReward,
                trapPenalty, stepCost, maxEpisodeSteps, observation, randomStart, slipProbability);
    }

    /** This config with the time limit {@code maxEpisodeSteps}. */
    public MazeConfig withMaxEpisodeSteps(int maxEpisodeSteps) {
        return new MazeConfig(width, height, start, goal, trap, prize, task, goalReward, prizeReward,
                trapPenalty, stepCost, maxEpisodeSteps, observation, randomStart, slipProbability);
    }

    /** The task as objectives. */
    public MazeTask mazeTask() {
        return MazeTask.of(task);
    }

    /** Whether {@code cell} lies inside the grid. */
    public boolean inside(Cell cell) {
        return inside(cell, width, height);
    }

    /** Every cell of the grid, row by row from the top ({@code index = y * width + x}). */
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>(width * height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                cells.add(new Cell(x, y));
            }
        }
        return cells;
    }

    /** The cells a random start may choose: every cell except goal, trap and prize. */
    public List<Cell> startCells() {
        return cells().stream().filter(c -> !c.equals(goal) && !c.equals(trap) && !c.equals(prize)).toList();
    }

    /** Length of an observation: {@code width*height + 1} for onehot, 3 for coords. */
    public int obsDim() {
        return "onehot".equals(observation) ? width * height + 1 : 3;
    }

    private static boolean inside(Cell c, int width, int height) {
        return c.x() >= 0 && c.x() < width && c.y() >= 0 && c.y() < height;
    }
}
