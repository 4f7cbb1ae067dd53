package org.netmoe.envs.maze;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.netmoe.core.Require;

/**
 * A maze task: a non-empty set of {@link Objective}s. Its id joins the objective ids with
 * {@code '+'} in the order goal, prize, trap (e.g. {@code "goal+prize+trap"}).
 *
 * <p>The paper's expert tasks (Fig. 3) are {@link #GOAL} (model a, "Go to the goal!"),
 * {@link #TRAP} (model b, "Avoid the trap!") and {@link #PRIZE} (model c, "Get the prize!");
 * its evaluation tasks (Sec. IV-A, Fig. 5) are {@link #GOAL_TRAP}, {@link #GOAL_PRIZE} and
 * {@link #GOAL_PRIZE_TRAP}.
 */
public record MazeTask(Set<Objective> objectives) {
    /** Expert a: go to the goal. */
    public static final MazeTask GOAL = of(Objective.GOAL);
    /** Expert b: avoid the trap. */
    public static final MazeTask TRAP = of(Objective.TRAP);
    /** Expert c: get the prize. */
    public static final MazeTask PRIZE = of(Objective.PRIZE);
    /** Reach the goal without entering the trap. */
    public static final MazeTask GOAL_TRAP = of(Objective.GOAL, Objective.TRAP);
    /** Collect the prize, then reach the goal. */
    public static final MazeTask GOAL_PRIZE = of(Objective.GOAL, Objective.PRIZE);
    /** Collect the prize, then reach the goal, never entering the trap (Fig. 3's final task). */
    public static final MazeTask GOAL_PRIZE_TRAP = of(Objective.GOAL, Objective.PRIZE, Objective.TRAP);

    /** The expert tasks a, b, c in that order. */
    public static final List<MazeTask> EXPERT_TASKS = List.of(GOAL, TRAP, PRIZE);
    /** The composite evaluation tasks of Fig. 5. */
    public static final List<MazeTask> EVALUATION_TASKS = List.of(GOAL_TRAP, GOAL_PRIZE, GOAL_PRIZE_TRAP);

    /** @throws IllegalArgumentException if {@code objectives} is null or empty */
    public MazeTask {
        Require.nonEmpty("task", objectives);
        objectives = Collections.unmodifiableSet(EnumSet.copyOf(objectives));
    }

    /** The task with {@code objectives}. */
    public static MazeTask of(Objective first, Objective... more) {
        return new MazeTask(EnumSet.of(first, more));
    }

    /**
     * The task with the objective ids {@code ids} (order free, no repeats); an element may join
     * several ids with {@code '+'}, so {@code [goal+trap]} is {@code [goal, trap]}.
     *
     * @throws IllegalArgumentException naming the bad id, a repeat, or an empty list
     */
    public static MazeTask of(List<String> ids) {
        Require.nonEmpty("task", ids);
        Set<Objective> set = EnumSet.noneOf(Objective.class);
        for (String element : ids) {
            for (String id : element == null ? new String[] {""} : element.trim().split("\\s*\\+\\s*", -1)) {
                Objective o;
                try {
                    o = Objective.fromId(id);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("task must contain only " + Objective.ids() + ", was " + ids, e);
                }
                if (!set.add(o)) {
                    throw new IllegalArgumentException("task must not repeat an objective, was " + ids);
                }
            }
        }
        return new MazeTask(set);
    }

    /**
     * Parses a task id such as {@code "goal+prize+trap"} (objective ids joined by {@code '+'}).
     *
     * @throws IllegalArgumentException naming the bad id
     */
    public static MazeTask parse(String id) {
        Require.nonNull("task", id);
        return of(List.of(id));
    }

    /** Whether the task includes {@code objective}. */
    public boolean has(Objective objective) {
        return objectives.contains(objective);
    }

    /**
     * Whether the task has an objective to achieve (goal or prize). Only such tasks pay the step
     * cost and end on success; a trap-only task can end only in the trap or at the time limit.
     */
    public boolean hasAchievement() {
        return has(Objective.GOAL) || has(Objective.PRIZE);
    }

    /** The objective ids in canonical order (goal, prize, trap). */
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        objectives.forEach(o -> ids.add(o.id()));
        return List.copyOf(ids);
    }

    /** The canonical id, e.g. {@code "goal+prize+trap"}. */
    public String id() {
        return objectives.stream().map(Objective::id).collect(Collectors.joining("+"));
    }

    @Override
    public String toString() {
        return id();
    }
}
