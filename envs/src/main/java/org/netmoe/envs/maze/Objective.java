package org.netmoe.envs.maze;

import java.util.List;
import org.netmoe.core.ConfigId;

/**
 * One objective of a maze task (paper Sec. II-A): reach the goal, collect the prize, avoid the trap.
 * Its {@link #id()} is the lower-case name used in configs and task ids ({@code "goal+prize+trap"}).
 * The reward and termination each one contributes are documented on {@link MazeEnv}.
 */
public enum Objective implements ConfigId {
    /** Reach the goal cell; reaching it ends the episode. */
    GOAL,
    /** Collect the prize: the first visit of the prize cell. */
    PRIZE,
    /** Never enter the trap cell; entering it ends the episode as a failure. */
    TRAP;

    /** Every id, in declaration order. */
    public static List<String> ids() {
        return ConfigId.ids(values());
    }

    /**
     * The objective with {@code id}.
     *
     * @throws IllegalArgumentException naming the known ids if there is none
     */
    public static Objective fromId(String id) {
        return ConfigId.find(values(), id)
                .orElseThrow(() -> new IllegalArgumentException("unknown maze objective '" + id + "'; known: " + ids()));
    }
}
