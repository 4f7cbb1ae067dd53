package org.netmoe.envs.maze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netmoe.envs.Env;

class MazeMetricsTest {

    @Test
    void averagesStepsOverSuccessfulEpisodesOnly() {
        MazeMetrics m = new MazeMetrics();
        m.add(true, 9, 1.41);
        m.add(true, 11, 1.39);
        m.add(false, 4, -1.04);
        m.add(false, 50, -0.5);
        MazeMetrics.Result r = m.result();
        assertEquals(4, r.episodes());
        assertEquals(0.5, r.successRate(), 1e-12);
        assertEquals(10.0, r.meanStepsToSuccess(), 1e-12);
        assertEquals((1.41 + 1.39 - 1.04 - 0.5) / 4, r.meanReturn(), 1e-12);
    }

    @Test
    void reportsNaNWhereNothingWasCounted() {
        MazeMetrics.Result empty = new MazeMetrics().result();
        assertEquals(0, empty.episodes());
        assertTrue(Double.isNaN(empty.successRate()));
        assertTrue(Double.isNaN(empty.meanReturn()));
        MazeMetrics m = new MazeMetrics();
        m.add(false, 50, 0);
        assertEquals(0.0, m.result().successRate());
        assertTrue(Double.isNaN(m.result().meanStepsToSuccess()));
    }

    @Test
    void readsSuccessAndStepsFromTheFinalInfoOfAnEpisode() {
        MazeEnv env = new MazeEnv(MazeConfig.defaults());
        MazeMetrics m = new MazeMetrics();
        double ret = 0;
        Env.Step s = null;
        env.reset(0L);
        for (Move move : MazeTestSupport.moves("DDRRRRUUR")) {
            s = env.step(move.action());
            ret += s.reward();
        }
        m.add(s.info(), ret);
        assertEquals(new MazeMetrics.Result(1, 1.0, 9.0, ret), m.result());
    }

    @Test
    void rejectsEpisodesItCannotCount() {
        MazeMetrics m = new MazeMetrics();
        assertThrows(IllegalArgumentException.class, () -> m.add(true, 0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> m.add(true, 3, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> m.add(Map.of("steps", 3.0), 1.0));
    }
}
