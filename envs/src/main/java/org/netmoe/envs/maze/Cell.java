package org.netmoe.envs.maze;

/**
 * A grid cell: {@code x} is the column (0 = left), {@code y} the row (0 = top). Any integers are
 * representable; whether a cell lies inside a maze is checked by {@link MazeConfig#inside(Cell)}.
 * Binds from YAML as {@code {x: 3, y: 1}}.
 */
public record Cell(int x, int y) {

    /** The cell reached by {@code move}, ignoring walls (may lie outside the grid). */
    public Cell plus(Move move) {
        return new Cell(x + move.dx(), y + move.dy());
    }

    @Override
    public String toString() {
        return "(" + x + "," + y + ")";
    }
}
