package org.netmoe.envs.maze;

import java.util.Map;

/**
 * Per-task maze metrics (SPEC §2.2) accumulated over finished episodes: success rate (every
 * objective of the task met), mean steps of the successful episodes, mean return. Not
 * thread-safe; one accumulator per evaluation.
 */
public final class MazeMetrics {
    private int episodes;
    private int successes;
    private long successSteps;
    private double returnSum;

    /**
     * Adds one finished episode.
     *
     * @param success       whether every objective of the task was met
     * @param steps         the episode's length, {@code > 0}
     * @param episodeReturn the undiscounted sum of its rewards, finite
     * @throws IllegalArgumentException if {@code steps <= 0} or the return is not finite
     */
    public void add(boolean success, int steps, double episodeReturn) {
        if (steps <= 0) {
            throw new IllegalArgumentException("steps must be > 0, was " + steps);
        }
        if (!Double.isFinite(episodeReturn)) {
            throw new IllegalArgumentException("episodeReturn must be finite, was " + episodeReturn);
        }
        episodes++;
        returnSum += episodeReturn;
        if (success) {
            successes++;
            successSteps += steps;
        }
    }

    /**
     * Adds the episode whose final step returned {@code finalInfo} (a {@link MazeEnv} info, read
     * for {@code "success"} and {@code "steps"}).
     *
     * @throws IllegalArgumentException if {@code finalInfo} lacks those keys
     */
    public void add(Map<String, Double> finalInfo, double episodeReturn) {
        Double success = finalInfo.get("success");
        Double steps = finalInfo.get("steps");
        if (success == null || steps == null) {
            throw new IllegalArgumentException("finalInfo must hold \"success\" and \"steps\", was " + finalInfo);
        }
        add(success > 0.5, (int) Math.round(steps), episodeReturn);
    }

    /** The metrics over every episode added so far. */
    public Result result() {
        return new Result(episodes,
                episodes == 0 ? Double.NaN : (double) successes / episodes,
                successes == 0 ? Double.NaN : (double) successSteps / successes,
                episodes == 0 ? Double.NaN : returnSum / episodes);
    }

    /**
     * Maze metrics of one task.
     *
     * @param episodes           finished episodes counted
     * @param successRate        fraction of them that succeeded, in {@code [0, 1]}; NaN if none
     * @param meanStepsToSuccess mean length of the successful episodes; NaN if none succeeded
     * @param meanReturn         mean undiscounted return; NaN if no episodes
     */
    public record Result(int episodes, double successRate, double meanStepsToSuccess, double meanReturn) {
    }
}
