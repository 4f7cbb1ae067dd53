package org.netmoe.envs.maze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netmoe.envs.Env;

class MazePathsTest {

    @Test
    void defaultLayoutNeedsFiveStepsToTheGoalAndNineViaThePrize() {
        MazeConfig d = MazeConfig.defaults();
        assertEquals(OptionalInt.of(5), MazePaths.startToGoalAvoidingTrap(d));
        assertEquals(OptionalInt.of(9), MazePaths.startViaPrizeToGoalAvoidingTrap(d));
    }

    @Test
    void pathsNeverEnterABlockedCell() {
        MazeConfig d = MazeConfig.defaults();
        Set<Cell> wall = Set.of(new Cell(3, 0), new Cell(3, 1));
        List<Move> moves = MazePaths.path(d, d.start(), d.goal(), wall).orElseThrow();
        assertEquals(9, moves.size());
        Cell at = d.start();
        for (Move m : moves) {
            at = at.plus(m);
            assertFalse(wall.contains(at), "entered " + at);
        }
        assertEquals(d.goal(), at);
    }

    @Test
    void unreachableTargetGivesEmpty() {
        MazeConfig d = MazeConfig.defaults();
        Set<Cell> wall = Set.of(new Cell(3, 0), new Cell(3, 1), new Cell(3, 2));
        assertTrue(MazePaths.path(d, d.start(), d.goal(), wall).isEmpty());
        assertTrue(MazePaths.distance(d, d.start(), d.goal(), wall).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> MazePaths.path(d, new Cell(9, 9), d.goal(), Set.of()));
    }

    @ParameterizedTest(name = "{0}: {1} steps from the start")
    @CsvSource({"goal, 5", "goal+trap, 5", "goal+prize, 9", "goal+prize+trap, 9", "prize, 5", "prize+trap, 5",
            "trap, 0"})
    void optimalPathLengthPerTask(String task, int steps) {
        MazeConfig config = MazeConfig.forTask(task);
        assertEquals(steps, MazePaths.optimalPath(config, config.start(), false).orElseThrow().size());
    }

    @Test
    void optimalPathAfterThePrizeHeadsStraightToTheGoal() {
        MazeConfig d = MazeConfig.defaults();
        assertEquals(4, MazePaths.optimalPath(d, d.prize(), true).orElseThrow().size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"goal", "goal+trap", "goal+prize", "goal+prize+trap", "prize", "prize+trap"})
    void followingTheOptimalPathSucceedsFromEveryStartCell(String task) {
        MazeConfig config = MazeConfig.forTask(task);
        for (Cell start : config.startCells()) {
            MazeConfig fromHere = new MazeConfig(config.width(), config.height(), start, config.goal(),
                    config.trap(), config.prize(), config.task(), config.goalReward(), config.prizeReward(),
                    config.trapPenalty(), config.stepCost(), config.maxEpisodeSteps(), config.observation(),
                    false, 0.0);
            List<Move> moves = MazePaths.optimalPath(fromHere, start, false).orElseThrow();
            List<Env.Step> steps = MazeTestSupport.run(new MazeEnv(fromHere), moves);
            Env.Step end = MazeTestSupport.last(steps);
            assertEquals(moves.size(), steps.size(), "ended early from " + start);
            assertTrue(end.terminated(), "not terminated from " + start);
            assertEquals(1.0, end.info().get("success"), "failed from " + start);
        }
    }
}
