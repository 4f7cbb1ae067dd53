package org.netmoe.envs.maze;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Shortest paths on a maze grid by breadth-first search (4-neighbourhood, unit step cost), for
 * tests, oracles and gates. On the default layout the shortest start-to-goal path avoiding the
 * trap takes 5 steps, and start-to-prize-to-goal avoiding the trap takes 9 (5 + 4).
 */
public final class MazePaths {
    private MazePaths() {
    }

    /**
     * A shortest sequence of moves from {@code from} to {@code to} that never enters a cell of
     * {@code blocked} (other than {@code to}); empty if {@code to} is unreachable. The moves are
     * tried in {@link Move} order, so the result is deterministic.
     *
     * @throws IllegalArgumentException if {@code from} or {@code to} is outside the grid
     */
    public static Optional<List<Move>> path(MazeConfig config, Cell from, Cell to, Set<Cell> blocked) {
        for (Cell c : new Cell[] {from, to}) {
            if (c == null || !config.inside(c)) {
                throw new IllegalArgumentException("path endpoints must be inside the " + config.width() + "x"
                        + config.height() + " grid, was " + c);
            }
        }
        Map<Cell, Move> arrivedBy = new HashMap<>();
        Set<Cell> seen = new HashSet<>(List.of(from));
        ArrayDeque<Cell> queue = new ArrayDeque<>(List.of(from));
        while (!queue.isEmpty()) {
            Cell c = queue.poll();
            if (c.equals(to)) {
                List<Move> moves = new ArrayList<>();
                for (Cell at = to; !at.equals(from); ) {
                    Move m = arrivedBy.get(at);
                    moves.add(m);
                    at = new Cell(at.x() - m.dx(), at.y() - m.dy());
                }
                Collections.reverse(moves);
                return Optional.of(List.copyOf(moves));
            }
            for (Move m : Move.values()) {
                Cell n = c.plus(m);
                if (config.inside(n) && (n.equals(to) || !blocked.contains(n)) && seen.add(n)) {
                    arrivedBy.put(n, m);
                    queue.add(n);
                }
            }
        }
        return Optional.empty();
    }

    /** The length of {@link #path}, or empty if unreachable. */
    public static OptionalInt distance(MazeConfig config, Cell from, Cell to, Set<Cell> blocked) {
        return path(config, from, to, blocked).map(p -> OptionalInt.of(p.size())).orElse(OptionalInt.empty());
    }

    /** Steps of the shortest start-to-goal path that avoids the trap (5 on the default layout). */
    public static OptionalInt startToGoalAvoidingTrap(MazeConfig config) {
        return distance(config, config.start(), config.goal(), Set.of(config.trap()));
    }

    /**
     * Steps of the shortest start-to-prize-to-goal path that avoids the trap and does not touch the
     * goal before the prize (9 on the default layout).
     */
    public static OptionalInt startViaPrizeToGoalAvoidingTrap(MazeConfig config) {
        OptionalInt toPrize = distance(config, config.start(), config.prize(), Set.of(config.trap(), config.goal()));
        OptionalInt toGoal = distance(config, config.prize(), config.goal(), Set.of(config.trap()));
        return toPrize.isPresent() && toGoal.isPresent()
                ? OptionalInt.of(toPrize.getAsInt() + toGoal.getAsInt()) : OptionalInt.empty();
    }

    /**
     * A shortest move sequence that meets the config's task from {@code from} with the prize flag
     * {@code prizeCollected}, under {@link MazeEnv}'s rules: the trap is avoided if the task has
     * {@code TRAP}; with {@code PRIZE} and {@code GOAL} the prize (if not yet collected) is visited
     * first without touching the goal; with {@code PRIZE} alone the path ends at the prize. A
     * trap-only task needs no moves (empty list). Empty if the task cannot be met from there.
     *
     * @throws IllegalArgumentException if {@code from} is outside the grid
     */
    public static Optional<List<Move>> optimalPath(MazeConfig config, Cell from, boolean prizeCollected) {
        MazeTask task = config.mazeTask();
        Set<Cell> avoid = task.has(Objective.TRAP) ? Set.of(config.trap()) : Set.of();
        boolean needPrize = task.has(Objective.PRIZE) && !prizeCollected;
        if (!task.has(Objective.GOAL)) {
            return needPrize ? path(config, from, config.prize(), avoid) : path(config, from, from, avoid);
        }
        if (!needPrize) {
            return path(config, from, config.goal(), avoid);
        }
        Set<Cell> avoidWithGoal = new HashSet<>(avoid);
        avoidWithGoal.add(config.goal());
        Optional<List<Move>> first = path(config, from, config.prize(), avoidWithGoal);
        Optional<List<Move>> second = path(config, config.prize(), config.goal(), avoid);
        if (first.isEmpty() || second.isEmpty()) {
            return Optional.empty();
        }
        List<Move> moves = new ArrayList<>(first.get());
        moves.addAll(second.get());
        return Optional.of(List.copyOf(moves));
    }
}
