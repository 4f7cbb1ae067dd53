package org.netmoe.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.tensorboard.TensorBoardReader;
import org.netmoe.training.cli.NetMoe;
import org.netmoe.training.cli.Runs;
import org.netmoe.training.run.MetricsWriter;
import picocli.CommandLine;

/** A tiny train sweep on embedded Spark local[2]: aggregate, and a failed attempt resumed from its checkpoint. */
class SweepTest {
    private static final String BASE = """
            seed: 1
            env: {id: maze-3x7, params: {task: [goal]}}
            agent:
              id: dqn
              params: {hiddenSizes: [32, 32], learningRate: 0.001, batchSize: 32, bufferSize: 2000,
                       learningStarts: 200, targetUpdate: {period: 200}, explorationFraction: 0.5}
            train: {steps: 1000, logEvery: 250, evalEpisodes: 5}
            checkpoint: {every: 300, keep: 3}
            """;

    /** Attempt 0 of task t000 trains to env step 600 (checkpoint written), then fails; other attempts run normally. */
    static final class FailFirstAttemptAfterCheckpoint implements TaskRunner {
        @Override
        public TaskResult run(SweepTask task, SweepLayout layout, int attempt) throws Exception {
            if (task.index() == 0 && attempt == 0) {
                NetMoeTaskRunner.execute(task, layout, attempt, "injected failure after a checkpoint",
                        out -> Runs.train(NetMoeTaskRunner.tree(task), layout.runDir(task), true, OptionalLong.of(600),
                                out));
                throw new IllegalStateException("injected failure of " + task.id());
            }
            return new NetMoeTaskRunner().run(task, layout, attempt);
        }
    }

    @Test
    void aggregatesSeedsPerConfigurationAndResumesTheFailedTaskFromItsCheckpoint(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("base.yaml"), BASE);
        Files.writeString(tmp.resolve("tiny-sweep.yaml"), """
                base: base.yaml
                seeds: [1, 2]
                grid: {agent.params.learningRate: [0.001, 0.003]}
                spark: {master: "local[2]", maxFailures: 2}
                """);
        Path sweepDir = tmp.resolve("sweep");
        SweepCommand command = new SweepCommand();
        command.runner = new FailFirstAttemptAfterCheckpoint();
        CommandLine cl = new CommandLine(command);
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        int code = cl.execute(tmp.resolve("tiny-sweep.yaml").toString(), "--sweep-dir", sweepDir.toString());
        assertEquals(0, code, out.toString());

        List<Map<String, String>> rows = csv(sweepDir.resolve("sweep.csv"));
        assertEquals(4, rows.size());
        assertEquals(List.of("1", "2", "1", "2"), rows.stream().map(r -> r.get("seed")).toList());
        Map<String, String> t0 = rows.get(0);
        assertEquals("1", t0.get("attempt"));
        assertEquals("600", t0.get("resumed_from_step"));
        assertTrue(rows.subList(1, 4).stream().allMatch(r -> r.get("attempt").equals("0")
                && r.get("resumed_from_step").equals("-1")), rows.toString());
        String t0Out = Files.readString(sweepDir.resolve("runs/t000.out"));
        assertTrue(t0Out.contains("attempt 1 on executor driver (127.0.0.1): resuming from its checkpoint at env step 600\n"), t0Out);
        // Every task's final eval metrics are those its own metrics.csv ends with.
        for (int i = 0; i < 4; i++) {
            double fromRun = lastValue(sweepDir.resolve("runs/t00" + i + "/metrics.csv"), "eval/mean_return");
            assertEquals(fromRun, Double.parseDouble(rows.get(i).get("eval/mean_return")), 1e-5);
        }

        // The resumed task ends exactly like an uninterrupted run of its config (CPU resume is bit-exact).
        Path straight = tmp.resolve("straight");
        int trained = NetMoe.commandLine().execute("train", "--config", sweepDir.resolve("configs/t000.yaml").toString(),
                "--run-dir", straight.toString());
        assertEquals(0, trained);
        assertEquals(withoutTiming(straight.resolve("metrics.csv")), withoutTiming(sweepDir.resolve("runs/t000/metrics.csv")));
        // ... and so does its TensorBoard curve, read by TensorBoard's own reader: no step repeated or missing.
        JsonNode tbStraight = TensorBoardReader.read(MetricsWriter.eventFile(straight),
                Files.createDirectories(tmp.resolve("tb-straight"))).get("scalars");
        JsonNode tbTask = TensorBoardReader.read(MetricsWriter.eventFile(sweepDir.resolve("runs/t000")),
                Files.createDirectories(tmp.resolve("tb-task"))).get("scalars");
        assertTrue(tbTask.get("rollout/episode_return").size() > 10, tbTask.toString());
        for (Iterator<String> it = tbStraight.fieldNames(); it.hasNext(); ) {
            String tag = it.next();
            if (!tag.startsWith("time/")) {
                assertEquals(tbStraight.get(tag), tbTask.get(tag), tag);
            }
        }

        // summary.md: mean ± t(0.975, 1)·s/√2 over the two seeds of each learning rate.
        String summary = Files.readString(sweepDir.resolve("summary.md"));
        assertTrue(summary.contains("Retried tasks: t000 (attempt 1, resumed from env step 600)."), summary);
        for (String lr : List.of("0.001", "0.003")) {
            double[] v = rows.stream().filter(r -> r.get("agent.params.learningRate").equals(lr))
                    .mapToDouble(r -> Double.parseDouble(r.get("eval/mean_return"))).toArray();
            double mean = (v[0] + v[1]) / 2;
            double half = new TDistribution(1).inverseCumulativeProbability(0.975) * Math.abs(v[0] - v[1]) / Math.sqrt(2)
                    / Math.sqrt(2);
            String section = summary.substring(summary.indexOf("## agent.params.learningRate=" + lr));
            String row = section.lines().filter(l -> l.startsWith("| eval/mean_return |")).findFirst().orElseThrow();
            String[] cells = Arrays.stream(row.split("\\|")).map(String::trim).filter(c -> !c.isEmpty())
                    .toArray(String[]::new);
            assertEquals("2", cells[1], row);
            assertEquals(mean, Double.parseDouble(cells[2]), 1e-4, row);
            assertEquals(half, cells[3].equals("–") ? 0 : Double.parseDouble(cells[3]), 1e-4, row);
        }
        assertTrue(Files.size(sweepDir.resolve("plots/curve.png")) > 1000);
        assertTrue(csv(sweepDir.resolve("curves.csv")).stream().anyMatch(r -> r.get("n").equals("2")));
    }

    private static List<Map<String, String>> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",");
        return lines.subList(1, lines.size()).stream().map(l -> {
            String[] cells = l.split(",", -1);
            Map<String, String> row = new java.util.LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            return row;
        }).toList();
    }

    private static double lastValue(Path metricsCsv, String metric) throws IOException {
        List<String> hits = Files.readAllLines(metricsCsv).stream().filter(l -> l.contains("," + metric + ",")).toList();
        String last = hits.get(hits.size() - 1);
        return Double.parseDouble(last.substring(last.lastIndexOf(',') + 1));
    }

    private static String withoutTiming(Path metricsCsv) throws IOException {
        return Files.readAllLines(metricsCsv).stream().filter(l -> !l.contains(",time/")).collect(Collectors.joining("\n"));
    }
}
