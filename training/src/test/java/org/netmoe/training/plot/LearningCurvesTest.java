package org.netmoe.training.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.training.cli.CliRun;
import org.netmoe.training.report.Plots;

class LearningCurvesTest {
    private static final String DQN = """
            seed: %d
            env: {id: maze-3x7, params: {task: [goal, trap]}}
            agent: {id: dqn, params: {hiddenSizes: [16], batchSize: 16, bufferSize: 400, learningStarts: 100, learningRate: %s}}
            train: {steps: 600, logEvery: 100, evalEpisodes: 3}
            """;

    @TempDir
    Path tmp;

    @Test
    void movingAverageAndStepLookup() {
        assertArrayEquals(new double[] {1, 1.5, 2.5, 3.5}, LearningCurves.smooth(new double[] {1, 2, 3, 4}, 2));
        LearningCurves.Curve c = new LearningCurves.Curve(new double[] {10, 20, 20, 30}, new double[] {1, 2, 3, 4});
        assertEquals(1, LearningCurves.valueAt(c, 5)); // before the first row: the first value
        assertEquals(1, LearningCurves.valueAt(c, 19));
        assertEquals(3, LearningCurves.valueAt(c, 20)); // the last row at that step
        assertEquals(4, LearningCurves.valueAt(c, 99));
    }

    @Test
    void seedsAreAveragedWithAStudentTBand() {
        LearningCurves.Curve a = new LearningCurves.Curve(new double[] {0, 100}, new double[] {1, 1});
        LearningCurves.Curve b = new LearningCurves.Curve(new double[] {0, 100}, new double[] {3, 3});
        Plots.Series s = LearningCurves.meanBand("x", List.of(a, b));
        assertEquals(LearningCurves.GRID, s.x().length);
        // mean 2, sample sd sqrt(2), n = 2: half width t(0.975, 1) * sqrt(2) / sqrt(2) = 12.7062...
        assertEquals(2, s.y()[50], 1e-12);
        assertEquals(2 + 12.706204736174, s.upper()[50], 1e-9);
        assertEquals(2 - 12.706204736174, s.lower()[50], 1e-9);
    }

    @Test
    void trainWritesItsCurveAndPlotGroupsSeedsOfOneConfig() throws Exception {
        Path[] runs = {tmp.resolve("lr3-s1"), tmp.resolve("lr3-s2"), tmp.resolve("lr4-s1")};
        String[][] settings = {{"1", "0.001"}, {"2", "0.001"}, {"1", "0.0001"}};
        for (int i = 0; i < runs.length; i++) {
            Path config = tmp.resolve("c" + i + ".yaml");
            Files.writeString(config, DQN.formatted(Long.parseLong(settings[i][0]), settings[i][1]));
            CliRun r = CliRun.of("train", "--config", config.toString(), "--run-dir", runs[i].toString());
            assertEquals(0, r.code(), r.err());
        }
        BufferedImage curve = ImageIO.read(runs[0].resolve("plots/learning-curve.png").toFile());
        assertEquals(Plots.WIDTH, curve.getWidth());

        List<Plots.Series> series = LearningCurves.series(List.of(runs), "rollout/episode_return", 0);
        assertEquals(2, series.size(), "two configs");
        assertNotNull(series.get(0).lower(), "the two seeds of lr 0.001: a band");
        assertTrue(series.get(0).name().contains("2 seeds"), series.get(0).name());
        assertNull(series.get(1).lower(), "one run: a line");

        Path png = tmp.resolve("out/compare.png");
        CliRun plot = CliRun.of("plot", runs[0].toString(), runs[1].toString(), runs[2].toString(), "-o", png.toString());
        assertEquals(0, plot.code(), plot.err());
        assertEquals(Plots.HEIGHT, ImageIO.read(png.toFile()).getHeight());
        CliRun again = CliRun.of("plot", runs[0].toString(), "-o", png.toString());
        assertEquals(2, again.code());
        assertEquals("netmoe: error: --output " + png + " exists; choose another file or add --overwrite",
                again.err().strip());
        CliRun missing = CliRun.of("plot", tmp.resolve("nope").toString(), "-o", tmp.resolve("x.png").toString());
        assertEquals(2, missing.code());
        assertEquals("netmoe: error: RUN_DIR " + tmp.resolve("nope") + ": no such directory", missing.err().strip());
        CliRun metric = CliRun.of("plot", runs[0].toString(), "--metric", "no/such", "-o", tmp.resolve("y.png").toString());
        assertEquals(2, metric.code());
        assertTrue(metric.err().strip().endsWith("no rows of metric 'no/such'"), metric.err());
    }
}
