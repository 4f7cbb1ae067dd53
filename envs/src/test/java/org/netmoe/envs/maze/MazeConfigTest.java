package org.netmoe.envs.maze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class MazeConfigTest {

    /** A config built from the defaults' fields with {@code edit} applied to them. */
    private static MazeConfig with(UnaryOperator<Object[]> edit) {
        MazeConfig d = MazeConfig.defaults();
        Object[] f = edit.apply(new Object[] {d.width(), d.height(), d.start(), d.goal(), d.trap(), d.prize(),
                d.task(), d.goalReward(), d.prizeReward(), d.trapPenalty(), d.stepCost(), d.maxEpisodeSteps(),
                d.observation(), d.randomStart(), d.slipProbability()});
        return new MazeConfig((int) f[0], (int) f[1], (Cell) f[2], (Cell) f[3], (Cell) f[4], (Cell) f[5],
                cast(f[6]), (double) f[7], (double) f[8], (double) f[9], (double) f[10], (int) f[11],
                (String) f[12], (boolean) f[13], (double) f[14]);
    }

    @SuppressWarnings("unchecked")
    private static List<String> cast(Object o) {
        return (List<String>) o;
    }

    private static UnaryOperator<Object[]> set(int index, Object value) {
        return f -> {
            Object[] g = Arrays.copyOf(f, f.length);
            g[index] = value;
            return g;
        };
    }

    private static String rejection(int index, Object value) {
        return assertThrows(IllegalArgumentException.class, () -> with(set(index, value))).getMessage();
    }

    @Test
    void defaultsAreThePaperLayoutAndTheDocumentedNumbers() {
        MazeConfig d = MazeConfig.defaults();
        assertEquals(7, d.width());
        assertEquals(3, d.height());
        assertEquals(new Cell(0, 0), d.start());
        assertEquals(new Cell(5, 0), d.goal());
        assertEquals(new Cell(3, 1), d.trap());
        assertEquals(new Cell(3, 2), d.prize());
        assertEquals(MazeTask.GOAL_PRIZE_TRAP, d.mazeTask());
        assertEquals(List.of(1.0, 0.5, -1.0, -0.01), List.of(d.goalReward(), d.prizeReward(), d.trapPenalty(), d.stepCost()));
        assertEquals(50, d.maxEpisodeSteps());
        assertEquals("onehot", d.observation());
        assertEquals(22, d.obsDim());
        assertEquals(with(f -> f), d);
    }

    @Test
    void taskFactoriesKeepTheLayoutAndChangeOnlyTheTask() {
        MazeConfig goal = MazeConfig.forTask(MazeTask.GOAL);
        assertEquals(List.of("goal"), goal.task());
        assertEquals(MazeConfig.defaults().withTask(MazeTask.GOAL), goal);
        assertEquals(MazeTask.GOAL_TRAP, MazeConfig.forTask("trap+goal").mazeTask());
    }

    @Test
    void taskIsStoredInCanonicalOrder() {
        assertEquals(List.of("goal", "prize", "trap"), with(set(6, List.of("trap", "goal", "prize"))).task());
    }

    @Test
    void rejectsATrapOutsideTheGridNamingTheTrap() {
        String msg = rejection(4, new Cell(3, 5));
        assertTrue(msg.startsWith("trap must be a cell inside the 7x3 grid"), msg);
        assertTrue(msg.contains("(3,5)"), msg);
    }

    @Test
    void rejectsEachSpecialCellOutsideTheGridByName() {
        assertTrue(rejection(2, new Cell(-1, 0)).startsWith("start "));
        assertTrue(rejection(3, new Cell(7, 0)).startsWith("goal "));
        assertTrue(rejection(5, new Cell(0, 3)).startsWith("prize "));
        assertEquals("prize is required", rejection(5, null));
    }

    @Test
    void rejectsSpecialCellsThatCoincide() {
        assertEquals("prize must differ from goal, both were (5,0)", rejection(5, new Cell(5, 0)));
        assertEquals("trap must differ from start, both were (0,0)", rejection(4, new Cell(0, 0)));
    }

    @Test
    void rejectsAShrunkGridThatNoLongerHoldsTheLayout() {
        assertTrue(rejection(0, 4).startsWith("goal must be a cell inside the 4x3 grid"));
        assertEquals("height must be > 0, was 0", rejection(1, 0));
    }

    @Test
    void rejectsUnknownRepeatedOrMissingObjectives() {
        String unknown = rejection(6, List.of("goal", "treasure"));
        assertTrue(unknown.startsWith("task must contain only [goal, prize, trap]"), unknown);
        assertTrue(rejection(6, List.of("goal", "goal")).startsWith("task must not repeat"));
        assertEquals("task must not be empty", rejection(6, List.of()));
        assertEquals("task must not be empty", rejection(6, null));
    }

    @Test
    void rejectsRewardsWithTheWrongSign() {
        assertTrue(rejection(7, 0.0).startsWith("goalReward must be > 0"));
        assertTrue(rejection(8, -0.5).startsWith("prizeReward must be > 0"));
        assertEquals("trapPenalty must be < 0 and finite, was 1.0", rejection(9, 1.0));
        assertEquals("stepCost must be <= 0 and finite, was 0.01", rejection(10, 0.01));
        assertTrue(rejection(10, Double.NaN).startsWith("stepCost"));
    }

    @Test
    void rejectsBadLimitsEncodingsAndProbabilities() {
        assertEquals("maxEpisodeSteps must be > 0, was 0", rejection(11, 0));
        assertEquals("observation must be one of [onehot, coords], was pixels", rejection(12, "pixels"));
        assertEquals("slipProbability must be in [0.0, 1.0], was 1.5", rejection(14, 1.5));
        assertTrue(rejection(14, -0.1).startsWith("slipProbability"));
    }

    @Test
    void randomStartCellsExcludeGoalTrapAndPrize() {
        List<Cell> cells = MazeConfig.defaults().startCells();
        assertEquals(18, cells.size());
        assertTrue(cells.contains(new Cell(0, 0)));
        assertTrue(cells.stream().noneMatch(c -> c.equals(new Cell(5, 0)) || c.equals(new Cell(3, 1))
                || c.equals(new Cell(3, 2))));
    }
}
