package org.netmoe.training.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.training.cli.NetMoe;
import picocli.CommandLine;

/**
 * {@code netmoe experiment configs/maze-fig5-smoke.yaml} end to end (experts trained for real,
 * fixed seed): the outputs exist with the documented headers, and the stage-wise gates solve
 * goal+prize+trap where the single experts and the uniform gate fail (thresholds: plan and
 * oracle >= 0.8 success; uniform and every single expert <= 0.3).
 */
class MazeFig5ExperimentTest {
    @TempDir
    static Path tmp;
    static Path dir;
    static int code;
    static String out;
    static String err;

    @BeforeAll
    static void runSmoke() {
        dir = tmp.resolve("run");
        CommandLine cl = NetMoe.commandLine();
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        cl.setOut(new PrintWriter(o));
        cl.setErr(new PrintWriter(e));
        code = cl.execute("experiment", Path.of("..", "configs", "maze-fig5-smoke.yaml").toString(),
                "--run-dir", dir.toString());
        out = o.toString();
        err = e.toString();
    }

    private static Map<String, Double> column(Path csv, String keyA, String keyB, String value) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        Map<String, Double> m = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            m.put(c[header.indexOf(keyA)] + "/" + c[header.indexOf(keyB)], Double.parseDouble(c[header.indexOf(value)]));
        }
        return m;
    }

    @Test
    void writesSummaryCsvPlotsAndCatalogue() throws Exception {
        assertEquals(0, code, err);
        List<String> lines = Files.readAllLines(dir.resolve("results.csv"));
        assertEquals("gate,task,success_rate,mean_steps,mean_return,episodes", lines.get(0));
        assertEquals(1 + 5 * 3, lines.size(), "every gate but llm on every task");
        for (String p : List.of("summary.md", "experts.yaml", "experts.csv", "expert-preferences.csv",
                "network-gate-curves.csv", "plots/success-goal+prize+trap.png", "plots/paths-goal+trap.png",
                "experts/a/dqn-q.bin", "experts/c/metrics.csv")) {
            assertTrue(Files.isRegularFile(dir.resolve(p)), p);
        }
        assertTrue(Files.readString(dir.resolve("summary.md")).contains("The `llm` gate is absent"));
        assertTrue(out.contains("llm gate skipped"), out);
        assertTrue(Files.readAllLines(dir.resolve("network-gate-curves.csv")).size() > 3);
    }

    @Test
    void stageWiseGatesSolveGoalPrizeTrapWhereSingleExpertsAndUniformFail() throws Exception {
        assertEquals(0, code, err);
        Map<String, Double> success = column(dir.resolve("results.csv"), "gate", "task", "success_rate");
        assertTrue(success.get("plan/goal+prize+trap") >= 0.8, success.toString());
        assertTrue(success.get("oracle/goal+prize+trap") >= 0.8, success.toString());
        assertTrue(success.get("uniform/goal+prize+trap") <= 0.3, success.toString());
        Map<String, Double> single = column(dir.resolve("experts.csv"), "expert", "task", "success_rate");
        for (String e : List.of("a", "b", "c")) {
            assertTrue(single.get(e + "/goal+prize+trap") <= 0.3, single.toString());
        }
    }

    @Test
    void aNewRunReusesTheExpertsOfAnEarlierRun() throws Exception {
        assertEquals(0, code, err);
        long before = Files.getLastModifiedTime(dir.resolve("experts/a/dqn-q.bin")).toMillis();
        CommandLine cl = NetMoe.commandLine();
        StringWriter o = new StringWriter();
        cl.setOut(new PrintWriter(o));
        cl.setErr(new PrintWriter(new StringWriter()));
        Path again = tmp.resolve("again");
        int c = cl.execute("experiment", Path.of("..", "configs", "maze-fig5-smoke.yaml").toString(), "--run-dir",
                again.toString(), "--set", "gates.run=[plan]", "--set", "expertsDir=" + dir.resolve("experts"));
        assertEquals(0, c);
        assertEquals(1 + 3, Files.readAllLines(again.resolve("results.csv")).size());
        assertTrue(o.toString().contains("reusing expert a"), o.toString());
        assertEquals(before, Files.getLastModifiedTime(dir.resolve("experts/a/dqn-q.bin")).toMillis());
    }

    @Test
    void badGateIdIsOneLineNamingTheField() {
        CommandLine cl = NetMoe.commandLine();
        StringWriter e = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(e));
        int c = cl.execute("experiment", Path.of("..", "configs", "maze-fig5-smoke.yaml").toString(), "--run-dir",
                tmp.resolve("bad").toString(), "--set", "gates.run=[uniform,magic]");
        assertEquals(2, c);
        assertTrue(e.toString().startsWith("netmoe: error: gates.run: unknown gate 'magic'"), e.toString());
        assertEquals(1, e.toString().strip().lines().count(), e.toString());
    }
}
