package org.netmoe.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** configs/maze-sweep-smoke.yaml end to end: maze-fig5 (smoke-sized) over two seeds on embedded Spark. */
class MazeSweepSmokeTest {
    @Test
    void aggregatesEveryGateAndTaskOverBothSeeds(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("sweep");
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new SweepCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        int code = cl.execute(Path.of("..", "configs", "maze-sweep-smoke.yaml").toString(), "--sweep-dir", dir.toString());
        assertEquals(0, code, out.toString());

        List<String> lines = Files.readAllLines(dir.resolve("sweep.csv"));
        assertEquals(3, lines.size(), "header + one row per seed");
        List<String> header = List.of(lines.get(0).split(","));
        for (String gate : List.of("uniform", "fixed", "plan", "network", "oracle")) {
            for (String task : List.of("goal+trap", "goal+prize", "goal+prize+trap")) {
                String column = gate + "/" + task + "/success_rate";
                int c = header.indexOf(column);
                assertTrue(c >= 0, column + " in " + header);
                for (String row : lines.subList(1, 3)) {
                    double v = Double.parseDouble(row.split(",", -1)[c]);
                    assertTrue(v >= 0 && v <= 1, column + " = " + v);
                }
            }
        }
        String summary = Files.readString(dir.resolve("summary.md"));
        assertTrue(summary.contains("| plan/goal+prize+trap/success_rate | 2 |"), summary);
        // The gate × task table of success rates: one row per gate, one column per task.
        String pivot = summary.substring(summary.indexOf("**success_rate**"));
        assertTrue(pivot.contains("| gate / task | goal+trap | goal+prize | goal+prize+trap |"), pivot);
        assertTrue(pivot.lines().anyMatch(l -> l.matches("\\| oracle \\| [0-9.]+( ± [0-9.]+)? \\|.*")), pivot);
        for (String task : List.of("goal+trap", "goal+prize", "goal+prize+trap")) {
            assertTrue(Files.size(dir.resolve("plots/curve-" + task + ".png")) > 1000, task);
        }
        for (String run : List.of("t000", "t001")) {
            assertTrue(Files.isRegularFile(dir.resolve("runs/" + run + "/results.csv")), run);
            assertTrue(Files.isRegularFile(dir.resolve("runs/" + run + "/experts/a/.finished")), run);
        }
    }
}
