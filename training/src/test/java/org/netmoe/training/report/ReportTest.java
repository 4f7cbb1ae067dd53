package org.netmoe.training.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    @Test
    void csvAndMarkdownFormatCellsAndQuote() {
        Table t = Table.of("gate", "task", "success_rate", "episodes")
                .add("plan", "goal+trap", 0.875, 200)
                .add("a,b", "x", Double.NaN, 3);
        assertEquals("gate,task,success_rate,episodes\nplan,goal+trap,0.875,200\n\"a,b\",x,,3\n", t.toCsv());
        String md = t.toMarkdown(3);
        assertTrue(md.startsWith("| gate | task | success_rate | episodes |\n|---|---|---|---|\n"), md);
        assertTrue(md.contains("| plan | goal+trap | 0.875 | 200 |"), md);
        assertTrue(md.contains("| a,b | x | – | 3 |"), md);
        assertEquals(0.875, t.cell(0, "success_rate"));
    }

    @Test
    void rowOfWrongWidthIsRejected() {
        Table t = Table.of("a", "b");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.add(1));
        assertTrue(e.getMessage().contains("1 cells"), e.getMessage());
    }

    @Test
    void plotsArePngImagesOfTheConfiguredSize(@TempDir Path dir) throws Exception {
        double[] x = {0, 1, 2, 3};
        Plots.line(dir.resolve("a/line.png"), "t", "x", "y", List.of(
                Plots.Series.of("plain", x, new double[] {0, 1, 4, 9}),
                new Plots.Series("band", x, new double[] {1, 2, 3, 4}, new double[] {0, 1, 2, 3},
                        new double[] {2, 3, 4, 5})));
        Plots.bars(dir.resolve("bars.png"), "t", "gate", "regret", List.of("u", "v"),
                Map.of("s", new double[] {0.1, 0.2}));
        for (Path p : List.of(dir.resolve("a/line.png"), dir.resolve("bars.png"))) {
            assertTrue(Files.size(p) > 1000, p + " is too small to be a plot");
            BufferedImage img = ImageIO.read(p.toFile());
            assertEquals(Plots.WIDTH, img.getWidth());
            assertEquals(Plots.HEIGHT, img.getHeight());
        }
    }

    @Test
    void seriesWithMismatchedLengthsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Plots.Series.of("s", new double[] {1, 2}, new double[] {1}));
    }
}
