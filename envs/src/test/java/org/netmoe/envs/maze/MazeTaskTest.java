package org.netmoe.envs.maze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MazeTaskTest {

    @Test
    void parsesIdsInAnyOrderToTheCanonicalTask() {
        assertEquals(MazeTask.GOAL_PRIZE_TRAP, MazeTask.parse("goal+prize+trap"));
        assertEquals(MazeTask.GOAL_PRIZE_TRAP, MazeTask.parse("trap + goal+prize"));
        assertEquals("goal+prize+trap", MazeTask.parse("trap+prize+goal").id());
        assertEquals(List.of("goal", "trap"), MazeTask.parse("trap+goal").ids());
    }

    @Test
    void paperTasksAreTheExpertsAndTheCompositeEvaluations() {
        assertEquals(List.of("goal", "trap", "prize"), MazeTask.EXPERT_TASKS.stream().map(MazeTask::id).toList());
        assertEquals(List.of("goal+trap", "goal+prize", "goal+prize+trap"),
                MazeTask.EVALUATION_TASKS.stream().map(MazeTask::id).toList());
    }

    @Test
    void onlyTasksWithGoalOrPrizeHaveAnAchievement() {
        assertFalse(MazeTask.TRAP.hasAchievement());
        assertTrue(MazeTask.PRIZE.hasAchievement());
        assertTrue(MazeTask.GOAL_TRAP.hasAchievement());
    }

    @Test
    void rejectsUnknownRepeatedAndEmptyIds() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MazeTask.parse("goal+coin"))
                .getMessage().contains("[goal, prize, trap]"));
        assertThrows(IllegalArgumentException.class, () -> MazeTask.parse("goal+goal"));
        assertThrows(IllegalArgumentException.class, () -> MazeTask.parse(""));
        assertThrows(IllegalArgumentException.class, () -> MazeTask.parse("goal+"));
        assertThrows(IllegalArgumentException.class, () -> new MazeTask(Set.of()));
    }

    @Test
    void objectivesAreImmutable() {
        assertThrows(UnsupportedOperationException.class, () -> MazeTask.GOAL.objectives().add(Objective.TRAP));
    }
}
