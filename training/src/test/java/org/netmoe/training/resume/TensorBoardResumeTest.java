package org.netmoe.training.resume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.tensorboard.TensorBoardReader;
import org.netmoe.training.cli.CliRun;
import org.netmoe.training.run.MetricsWriter;

/**
 * A run's TensorBoard file, read back by TensorBoard's own reader, holds every {@code metrics.csv}
 * row (same tag, same env step, same value) and the resolved config as text; a run paused twice and
 * resumed holds exactly the uninterrupted run's curves: no step repeated or missing.
 */
class TensorBoardResumeTest {
    @TempDir
    Path tmp;

    @Test
    void tensorBoardHoldsTheMetricsAndResumedCurvesEqualUninterrupted() throws Exception {
        Path config = Runs.config(tmp, "dqn", Runs.DQN);
        Path full = tmp.resolve("full");
        Path resumed = tmp.resolve("resumed");
        CliRun a = Runs.cli("train", "--config", config.toString(), "--run-dir", full.toString());
        assertEquals(0, a.code(), a.err());
        assertEquals(0, Runs.cli("train", "--config", config.toString(), "--run-dir", resumed.toString(),
                "--until", "217").code());
        assertEquals(0, Runs.cli("resume", "--run-dir", resumed.toString(), "--until", "450").code());
        CliRun d = Runs.cli("resume", "--run-dir", resumed.toString());
        assertEquals(0, d.code(), d.err());

        Path readFull = Files.createDirectories(tmp.resolve("read-full"));
        JsonNode fullTb = TensorBoardReader.read(MetricsWriter.eventFile(full), readFull);
        Path readResumed = Files.createDirectories(tmp.resolve("read-resumed"));
        JsonNode resumedTb = TensorBoardReader.read(MetricsWriter.eventFile(resumed), readResumed);

        // Every CSV row is a TensorBoard scalar at the same step, equal to the CSV's six significant digits.
        Map<String, List<double[]>> csv = new TreeMap<>();
        for (String row : Files.readAllLines(full.resolve("metrics.csv")).subList(1, Files.readAllLines(
                full.resolve("metrics.csv")).size())) {
            String[] f = row.split(",");
            csv.computeIfAbsent(f[1], k -> new ArrayList<>()).add(new double[] {Long.parseLong(f[0]),
                    Double.parseDouble(f[2])});
        }
        Map<String, List<double[]>> tb = scalars(fullTb);
        assertEquals(csv.keySet(), tb.keySet());
        assertTrue(csv.containsKey("rollout/episode_return") && csv.containsKey("eval/mean_return"), csv.keySet()
                .toString());
        for (String tag : csv.keySet()) {
            List<double[]> want = csv.get(tag);
            List<double[]> got = tb.get(tag);
            assertEquals(want.size(), got.size(), tag);
            for (int i = 0; i < want.size(); i++) {
                assertEquals(want.get(i)[0], got.get(i)[0], tag + " step");
                double tolerance = 5e-6 * Math.max(1.0, Math.abs(want.get(i)[1]));
                assertEquals(want.get(i)[1], got.get(i)[1], tolerance, tag + " at step " + (long) want.get(i)[0]);
            }
        }
        String configText = fullTb.get("texts").get("hparams/config").get(0).get(1).asText();
        assertTrue(configText.contains("agent:") && configText.contains("dqn"), configText);

        // The resumed run: the same scalars, bit for bit (wall-clock time/ rows aside), no step twice.
        Map<String, List<double[]>> again = scalars(resumedTb);
        again.remove("time/steps_per_second");
        tb.remove("time/steps_per_second");
        assertEquals(tb.keySet(), again.keySet());
        for (String tag : tb.keySet()) {
            List<double[]> x = tb.get(tag);
            List<double[]> y = again.get(tag);
            assertEquals(x.size(), y.size(), tag);
            for (int i = 0; i < x.size(); i++) {
                assertEquals(x.get(i)[0], y.get(i)[0], tag);
                assertEquals(x.get(i)[1], y.get(i)[1], tag);
            }
        }
        assertEquals(1, resumedTb.get("texts").get("hparams/config").size(), "the config text is written once");
    }

    private static Map<String, List<double[]>> scalars(JsonNode read) {
        Map<String, List<double[]>> m = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = read.get("scalars").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<double[]> points = new ArrayList<>();
            for (JsonNode p : e.getValue()) {
                points.add(new double[] {p.get(0).asDouble(), p.get(1).asDouble()});
            }
            m.put(e.getKey(), points);
        }
        return m;
    }
}
