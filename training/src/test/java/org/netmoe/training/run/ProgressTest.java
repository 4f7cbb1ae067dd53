package org.netmoe.training.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static String lastLine(long startStep, long step, double recentReturn) {
        List<String> lines = new ArrayList<>();
        Progress p = Progress.onBar(Progress.bar("dqn", startStep, 1000)
                .setConsumer(new DelegatingProgressBarConsumer(lines::add, 200)).build(), startStep, 1000);
        p.update(step, recentReturn);
        p.close();
        return lines.get(lines.size() - 1);
    }

    @Test
    void barSeparatesTheSpeedFromTheRecentReturn() {
        String line = lastLine(0, 500, 0.25);
        assertTrue(line.contains("steps/s return 0.250"), line);
    }

    @Test
    void barShowsNoReturnBeforeTheFirstEpisodeEnds() {
        String line = lastLine(0, 500, Double.NaN);
        assertTrue(!line.contains("NaN") && !line.contains("return"), line);
    }

    @Test
    void resumedBarStartsAtTheCheckpointStep() {
        String line = lastLine(400, 500, 0.5);
        assertTrue(line.contains("500/1000"), line);
    }
}
