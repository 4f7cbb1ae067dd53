package org.netmoe.envs.maze;

import org.netmoe.envs.space.Action;

/**
 * The four maze actions; {@link #ordinal()} is the {@code Discrete(4)} action index:
 * 0 = {@code UP} ({@code y - 1}, towards row 0 at the top), 1 = {@code DOWN} ({@code y + 1}),
 * 2 = {@code LEFT} ({@code x - 1}), 3 = {@code RIGHT} ({@code x + 1}).
 */
public enum Move {
    UP(0, -1),
    DOWN(0, 1),
    LEFT(-1, 0),
    RIGHT(1, 0);

    private static final Move[] VALUES = values();

    private final int dx;
    private final int dy;

    Move(int dx, int dy) {
        this.dx = dx;
        this.dy = dy;
    }

    /** Column change, -1, 0 or +1. */
    public int dx() {
        return dx;
    }

    /** Row change, -1 (up), 0 or +1 (down). */
    public int dy() {
        return dy;
    }

    /** The env action for this move. */
    public Action action() {
        return Action.of(ordinal());
    }

    /**
     * The move with action index {@code index}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= index < 4}
     */
    public static Move of(int index) {
        if (index < 0 || index >= VALUES.length) {
            throw new IllegalArgumentException("maze action must be in [0, 4), was " + index);
        }
        return VALUES[index];
    }
}
