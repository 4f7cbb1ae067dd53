package org.netmoe.envs.maze;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netmoe.envs.maze.MazeTestSupport.last;
import static org.netmoe.envs.maze.MazeTestSupport.moves;
import static org.netmoe.envs.maze.MazeTestSupport.run;
import static org.netmoe.envs.maze.MazeTestSupport.totalReward;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.netmoe.envs.Env;
import org.netmoe.envs.EnvChecker;
import org.netmoe.envs.space.Action;

class MazeEnvTest {
    private static final double EPS = 1e-9;

    private static MazeEnv env(String task) {
        return new MazeEnv(MazeConfig.forTask(task));
    }

    @Test
    void defaultLayoutMatchesPaperFigure() {
        MazeEnv env = new MazeEnv(MazeConfig.defaults());
        env.reset(0L);
        assertEquals("A....G.\n...T...\n...P...\n", env.render());
        env.step(Move.RIGHT.action());
        assertEquals("SA...G.\n...T...\n...P...\n", env.render());
        assertEquals(new Cell(1, 0), env.position());
    }

    @Test
    void movingIntoAWallStaysInPlace() {
        MazeEnv env = env("goal");
        float[] first = env.reset(0L).observation();
        Env.Step up = env.step(Move.UP.action());
        Env.Step left = env.step(Move.LEFT.action());
        assertEquals(new Cell(0, 0), env.position());
        assertArrayEquals(first, up.observation());
        assertArrayEquals(first, left.observation());
        run(env, moves("D5R9"));
        assertEquals(new Cell(6, 2), env.position());
    }

    @Test
    void upDecreasesTheRowAndDownIncreasesIt() {
        MazeEnv env = env("goal");
        env.reset(0L);
        env.step(Move.DOWN.action());
        assertEquals(new Cell(0, 1), env.position());
        env.step(Move.UP.action());
        assertEquals(new Cell(0, 0), env.position());
    }

    @Test
    void reachingTheGoalPaysGoalRewardAndTerminates() {
        List<Env.Step> steps = run(env("goal"), moves("R5"));
        Env.Step end = last(steps);
        assertEquals(5, steps.size());
        assertTrue(end.terminated());
        assertFalse(end.truncated());
        assertEquals(1.0 - 0.01, end.reward(), EPS);
        assertEquals(1.0 - 5 * 0.01, totalReward(steps), EPS);
        assertEquals(1.0, end.info().get("goal"));
        assertEquals(1.0, end.info().get("success"));
        assertEquals(5.0, end.info().get("steps"));
    }

    @Test
    void goalIsAnOrdinaryCellWhenTheTaskLacksGoal() {
        List<Env.Step> steps = run(env("prize"), moves("R5"));
        Env.Step end = last(steps);
        assertFalse(end.done());
        assertEquals(-0.01, end.reward(), EPS);
        assertEquals(1.0, end.info().get("goal"));
    }

    @Test
    void prizeIsPaidOnceAndItsFlagPersists() {
        MazeEnv env = env("goal+prize");
        List<Env.Step> steps = run(env, moves("DDRRRLR"));
        assertEquals(0.5 - 0.01, steps.get(4).reward(), EPS);
        assertTrue(env.prizeCollected());
        for (int t = 4; t < steps.size(); t++) {
            float[] obs = steps.get(t).observation();
            assertEquals(1f, obs[obs.length - 1], "prize flag at step " + t);
            assertEquals(1.0, steps.get(t).info().get("prize"));
        }
        assertEquals(-0.01, steps.get(6).reward(), EPS, "revisiting the prize pays nothing");
        assertFalse(last(steps).done());
        env.reset();
        assertFalse(env.prizeCollected(), "reset clears the prize flag");
    }

    @Test
    void prizeFlagFlipsEvenWhenThePrizeIsNotInTheTask() {
        MazeEnv env = env("goal");
        List<Env.Step> steps = run(env, moves("DDRRR"));
        Env.Step atPrize = last(steps);
        assertEquals(-0.01, atPrize.reward(), EPS);
        assertFalse(atPrize.done());
        assertTrue(env.prizeCollected());
        assertEquals(1f, atPrize.observation()[atPrize.observation().length - 1]);
    }

    @Test
    void prizeOnlyTaskEndsAtThePrizeAsSuccess() {
        List<Env.Step> steps = run(env("prize"), moves("DDRRR"));
        Env.Step end = last(steps);
        assertTrue(end.terminated());
        assertEquals(0.5 - 0.01, end.reward(), EPS);
        assertEquals(1.0, end.info().get("success"));
    }

    @Test
    void enteringTheTrapEndsTheEpisodeAsFailure() {
        List<Env.Step> steps = run(env("goal+trap"), moves("RRRD"));
        Env.Step end = last(steps);
        assertEquals(4, steps.size());
        assertTrue(end.terminated());
        assertEquals(-1.0 - 0.01, end.reward(), EPS);
        assertEquals(1.0, end.info().get("trap"));
        assertEquals(0.0, end.info().get("success"));
    }

    @Test
    void goalExpertMayWalkThroughTheTrap() {
        List<Env.Step> steps = run(env("goal"), moves("RRRDRUUR"));
        assertFalse(steps.get(3).done());
        assertEquals(-0.01, steps.get(3).reward(), EPS);
        Env.Step end = last(steps);
        assertTrue(end.terminated());
        assertEquals(1.0, end.info().get("trap"));
        assertEquals(1.0, end.info().get("success"));
    }

    @Test
    void trapOnlyTaskHasNoStepCostAndSucceedsWhenTruncatedOutsideTheTrap() {
        List<Env.Step> steps = run(env("trap"), moves("U50"));
        assertEquals(50, steps.size());
        assertEquals(0.0, totalReward(steps), EPS);
        Env.Step end = last(steps);
        assertTrue(end.truncated());
        assertFalse(end.terminated());
        assertEquals(1.0, end.info().get("success"));
        assertEquals(0.0, steps.get(48).info().get("success"), "success is reported on the final step only");
    }

    @Test
    void trapOnlyTaskFailsInTheTrap() {
        Env.Step end = last(run(env("trap"), moves("RRRD")));
        assertTrue(end.terminated());
        assertEquals(-1.0, end.reward(), EPS);
        assertEquals(0.0, end.info().get("success"));
    }

    @ParameterizedTest(name = "{0} via {1}: success {2}")
    @CsvSource({
            "goal,            R5,        1",
            "goal,            DDR5UU,    1",
            "goal,            U50,       0",
            "goal+trap,       R5,        1",
            "goal+trap,       RRRD,      0",
            "goal+trap,       U50,       0",
            "goal+prize,      R5,        0",
            "goal+prize,      DDR4UUR,   1",
            "goal+prize,      RRRDDRUUR, 1",
            "goal+prize+trap, DDR4UUR,   1",
            "goal+prize+trap, R5,        0",
            "goal+prize+trap, RRRD,      0",
            "goal+prize+trap, DDR3U,     0",
            "prize,           DDRRR,     1",
            "prize,           U50,       0",
            "prize+trap,      DDRRR,     1",
            "prize+trap,      RRRD,      0",
            "trap,            U50,       1",
            "trap,            RRRD,      0",
    })
    void successMeansEveryObjectiveOfTheTaskWasMet(String task, String script, int success) {
        List<Env.Step> steps = run(env(task), moves(script));
        Env.Step end = last(steps);
        assertTrue(end.done(), "the script must end the episode");
        assertEquals(success, end.info().get("success"));
    }

    @Test
    void episodeIsTruncatedNotTerminatedAtMaxEpisodeSteps() {
        MazeEnv env = new MazeEnv(MazeConfig.defaults().withMaxEpisodeSteps(3));
        List<Env.Step> steps = run(env, moves("U3"));
        assertFalse(steps.get(1).done());
        Env.Step end = steps.get(2);
        assertTrue(end.truncated());
        assertFalse(end.terminated());
        assertEquals(3.0, end.info().get("steps"));
        assertThrows(IllegalStateException.class, () -> env.step(Move.UP.action()));
    }

    @Test
    void terminationOnTheLastAllowedStepIsNotTruncation() {
        MazeEnv env = new MazeEnv(MazeConfig.forTask("goal").withMaxEpisodeSteps(5));
        Env.Step end = last(run(env, moves("R5")));
        assertTrue(end.terminated());
        assertFalse(end.truncated());
        assertEquals(1.0, end.info().get("success"));
    }

    @Test
    void scriptedOptimalRouteSolvesGoalPrizeTrapInNineSteps() {
        MazeEnv env = new MazeEnv(MazeConfig.defaults());
        List<Env.Step> steps = run(env, moves("DDRRRRUUR"));
        Env.Step end = last(steps);
        assertEquals(9, steps.size());
        assertEquals(MazePaths.startViaPrizeToGoalAvoidingTrap(env.config()).getAsInt(), steps.size());
        assertTrue(end.terminated());
        assertEquals(1.0, end.info().get("success"));
        assertEquals(9.0, end.info().get("steps"));
        assertEquals(1.0 + 0.5 - 9 * 0.01, totalReward(steps), EPS);
        assertEquals(new Cell(5, 0), env.position());
    }

    @Test
    void sameSeedGivesTheSameTrajectoryUnderSlipAndRandomStart() {
        MazeConfig config = MazeConfig.defaults().withRandomness(true, 0.3);
        assertEquals(trajectory(config, 123L), trajectory(config, 123L));
        assertNotEquals(trajectory(config, 123L), trajectory(config, 124L));
    }

    @Test
    void deterministicMazeIgnoresTheSeedAndLeavesItsRngUntouched() {
        MazeConfig config = MazeConfig.defaults();
        assertEquals(trajectory(config, 1L), trajectory(config, 2L));
        MazeEnv env = new MazeEnv(config);
        env.reset(9L);
        byte[] before = env.rng().saveState();
        for (Move m : moves("R3")) {
            env.step(m.action());
        }
        env.reset();
        assertArrayEquals(before, env.rng().saveState());
        assertFalse(env.stochastic());
        assertTrue(new MazeEnv(config.withRandomness(true, 0)).stochastic());
        assertTrue(new MazeEnv(config.withRandomness(false, 0.1)).stochastic());
    }

    private static List<String> trajectory(MazeConfig config, long seed) {
        MazeEnv env = new MazeEnv(config);
        List<String> out = new ArrayList<>();
        for (int ep = 0; ep < 5; ep++) {
            env.reset(ep == 0 ? seed : null, Map.of());
            out.add("start " + env.position());
            for (Move m : moves("R6D2L6")) {
                Env.Step s = env.step(m.action());
                out.add(env.position() + " " + s.reward());
                if (s.done()) {
                    break;
                }
            }
        }
        return out;
    }

    @Test
    void randomStartUsesEveryFreeCellAndNeverASpecialOne() {
        MazeConfig config = MazeConfig.defaults().withRandomness(true, 0);
        MazeEnv env = new MazeEnv(config);
        env.reset(5L);
        Set<Cell> starts = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            env.reset();
            starts.add(env.position());
        }
        assertEquals(Set.copyOf(config.startCells()), starts);
        assertEquals(21 - 3, starts.size());
    }

    @Test
    void slipReplacesTheChosenMoveWithARandomOne() {
        MazeEnv env = new MazeEnv(MazeConfig.forTask("trap").withRandomness(false, 1.0));
        env.reset(3L);
        boolean movedOtherThanRight = false;
        Cell before = env.position();
        for (int t = 0; t < 40 && !movedOtherThanRight; t++) {
            Env.Step s = env.step(Move.RIGHT.action());
            Cell after = env.position();
            movedOtherThanRight = after.x() < before.x() || after.y() != before.y();
            before = after;
            if (s.done()) {
                env.reset();
                before = env.position();
            }
        }
        assertTrue(movedOtherThanRight);
    }

    @Test
    void onehotObservationMarksTheCellThenThePrizeFlag() {
        MazeEnv env = new MazeEnv(MazeConfig.defaults());
        assertEquals(22, env.observationSpace().flatDim());
        float[] obs = env.observation(new Cell(4, 2), true);
        float[] expected = new float[22];
        expected[2 * 7 + 4] = 1f;
        expected[21] = 1f;
        assertArrayEquals(expected, obs);
        Env.Step s = last(run(env, moves("R")));
        assertArrayEquals(env.observation(new Cell(1, 0), false), s.observation());
    }

    @Test
    void coordsObservationIsNormalizedPositionThenThePrizeFlag() {
        MazeEnv env = new MazeEnv(MazeConfig.defaults().withObservation("coords"));
        assertEquals(3, env.observationSpace().flatDim());
        assertArrayEquals(new float[] {0f, 0f, 0f}, env.reset(0L).observation());
        assertArrayEquals(new float[] {1f, 1f, 1f}, env.observation(new Cell(6, 2), true));
        assertArrayEquals(new float[] {0.5f, 0.5f, 0f}, env.observation(new Cell(3, 1), false));
    }

    @Test
    void observationOfACellOutsideTheGridIsRejected() {
        MazeEnv env = new MazeEnv(MazeConfig.defaults());
        assertThrows(IllegalArgumentException.class, () -> env.observation(new Cell(7, 0), false));
        assertThrows(IllegalArgumentException.class, () -> env.observation(new Cell(0, -1), false));
    }

    @Test
    void everyInfoHoldsTheDocumentedKeys() {
        MazeEnv env = new MazeEnv(MazeConfig.defaults());
        Set<String> keys = Set.of("success", "goal", "trap", "prize", "steps");
        assertEquals(keys, env.reset(0L).info().keySet());
        for (Env.Step s : run(env, moves("DDRRRRUUR"))) {
            assertEquals(keys, s.info().keySet());
        }
    }

    @Test
    void illegalActionsAreRejected() {
        MazeEnv env = new MazeEnv(MazeConfig.defaults());
        env.reset(0L);
        assertThrows(IllegalArgumentException.class, () -> env.step(Action.of(4)));
        assertThrows(IllegalArgumentException.class, () -> env.step(Action.of(0.5f)));
    }

    static Stream<Arguments> checkedConfigs() {
        MazeConfig d = MazeConfig.defaults();
        return Stream.of(
                Arguments.of("defaults", d),
                Arguments.of("randomStart+slip", d.withRandomness(true, 0.2)),
                Arguments.of("coords", d.withObservation("coords")),
                Arguments.of("coords+randomStart+slip", d.withObservation("coords").withRandomness(true, 0.2)),
                Arguments.of("goal", MazeConfig.forTask(MazeTask.GOAL)),
                Arguments.of("trap", MazeConfig.forTask(MazeTask.TRAP)),
                Arguments.of("prize", MazeConfig.forTask(MazeTask.PRIZE)),
                Arguments.of("goal+trap", MazeConfig.forTask(MazeTask.GOAL_TRAP)),
                Arguments.of("goal+prize", MazeConfig.forTask(MazeTask.GOAL_PRIZE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checkedConfigs")
    void passesTheEnvChecker(String name, MazeConfig config) {
        EnvChecker.check(() -> new MazeEnv(config));
    }

    @Test
    void specBuildsTheDefaultMaze() {
        assertEquals("maze-3x7", MazeEnv.SPEC.id());
        assertEquals(MazeConfig.defaults(), MazeEnv.SPEC.defaults());
        Env env = MazeEnv.SPEC.make();
        assertTrue(env instanceof MazeEnv m && m.config().equals(MazeConfig.defaults()));
        Env other = MazeEnv.SPEC.make(MazeConfig.forTask("goal"));
        assertEquals(MazeTask.GOAL, ((MazeEnv) other).task());
    }
}
