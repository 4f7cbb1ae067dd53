package org.netmoe.training.experiment.maze;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.netmoe.envs.maze.Cell;
import org.netmoe.envs.maze.MazeConfig;

/**
 * The maze drawn as its grid, as the paper's Fig. 3 draws it: one square per cell (row 0 at the
 * top, columns and rows numbered), the start, goal, trap and prize cells coloured and lettered, and
 * each gate's path from the start through the cell centres in its own colour and dash pattern
 * (offset a little so paths over the same cells stay visible), labelled below with its length and
 * how many of the sampled episodes succeeded. Drawn with Java2D (the JDK), written with ImageIO.
 */
final class MazePathPlot {
    private static final int CELL = 110;
    private static final int MARGIN = 40;
    private static final int LEGEND_LINE = 22;
    private static final Color[] COLORS = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(23, 190, 207),
        new Color(188, 189, 34), new Color(127, 127, 127), new Color(214, 39, 40)};
    private static final float[][] DASHES = {null, {10f, 5f}, {3f, 4f}, {12f, 4f, 3f, 4f}};

    private MazePathPlot() {
    }

    static void write(Path png, String title, MazeConfig maze, Map<String, MazeGateEvaluator.PathSample> paths)
            throws IOException {
        int gridW = maze.width() * CELL;
        int gridH = maze.height() * CELL;
        int width = gridW + 2 * MARGIN;
        int height = MARGIN + 30 + gridH + 20 + LEGEND_LINE * (paths.size() + 1) + MARGIN / 2;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, MARGIN, MARGIN);
            int top = MARGIN + 30;
            drawGrid(g, maze, MARGIN, top);
            drawPaths(g, paths, MARGIN, top);
            drawLegend(g, paths, MARGIN, top + gridH + 20);
        } finally {
            g.dispose();
        }
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(image, "png", png.toFile());
    }

    private static void drawGrid(Graphics2D g, MazeConfig maze, int left, int top) {
        special(g, maze.start(), "start", new Color(220, 220, 220), left, top);
        special(g, maze.goal(), "goal", new Color(170, 225, 170), left, top);
        special(g, maze.trap(), "trap", new Color(245, 170, 170), left, top);
        special(g, maze.prize(), "prize", new Color(250, 215, 140), left, top);
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1.5f));
        for (int y = 0; y < maze.height(); y++) {
            for (int x = 0; x < maze.width(); x++) {
                g.drawRect(left + x * CELL, top + y * CELL, CELL, CELL);
            }
        }
        g.setStroke(new BasicStroke(3f));
        g.drawRect(left, top, maze.width() * CELL, maze.height() * CELL);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int x = 0; x < maze.width(); x++) {
            g.drawString("x=" + x, left + x * CELL + CELL / 2 - 10, top - 4);
        }
        for (int y = 0; y < maze.height(); y++) {
            g.drawString("y=" + y, left - 34, top + y * CELL + CELL / 2 + 4);
        }
    }

    private static void special(Graphics2D g, Cell c, String label, Color fill, int left, int top) {
        g.setColor(fill);
        g.fillRect(left + c.x() * CELL, top + c.y() * CELL, CELL, CELL);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(label, left + c.x() * CELL + 6, top + c.y() * CELL + 18);
    }

    private static void drawPaths(Graphics2D g, Map<String, MazeGateEvaluator.PathSample> paths, int left, int top) {
        int n = Math.max(1, paths.size());
        int i = 0;
        for (MazeGateEvaluator.PathSample sample : paths.values()) {
            double off = (i - (n - 1) / 2.0) * Math.min(8.0, 60.0 / n);
            List<Cell> cells = sample.cells();
            Path2D.Double line = new Path2D.Double();
            for (int k = 0; k < cells.size(); k++) {
                double px = left + (cells.get(k).x() + 0.5) * CELL + off;
                double py = top + (cells.get(k).y() + 0.5) * CELL + off;
                if (k == 0) {
                    line.moveTo(px, py);
                } else {
                    line.lineTo(px, py);
                }
            }
            g.setColor(COLORS[i % COLORS.length]);
            g.setStroke(stroke(i, 3f));
            g.draw(line);
            Cell end = cells.get(cells.size() - 1);
            int ex = (int) Math.round(left + (end.x() + 0.5) * CELL + off);
            int ey = (int) Math.round(top + (end.y() + 0.5) * CELL + off);
            g.fillOval(ex - 5, ey - 5, 10, 10);
            i++;
        }
    }

    private static void drawLegend(Graphics2D g, Map<String, MazeGateEvaluator.PathSample> paths, int left, int top) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(Color.BLACK);
        g.drawString("Paths from the start (the shortest successful of the sampled episodes; a dot marks the end):",
                left, top + 14);
        int i = 0;
        for (var e : paths.entrySet()) {
            int y = top + LEGEND_LINE * (i + 1) + 14;
            g.setColor(COLORS[i % COLORS.length]);
            g.setStroke(stroke(i, 3f));
            g.drawLine(left, y - 5, left + 40, y - 5);
            g.setColor(Color.BLACK);
            g.drawString(label(e.getKey(), e.getValue()), left + 50, y);
            i++;
        }
    }

    private static BasicStroke stroke(int i, float width) {
        float[] dash = DASHES[(i / COLORS.length + i) % DASHES.length];
        return dash == null ? new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
    }

    static String label(String gate, MazeGateEvaluator.PathSample s) {
        int steps = s.cells().size() - 1;
        return s.successes() > 0
                ? String.format(Locale.ROOT, "%s: %d steps; %d of %d sampled episodes succeeded", gate, steps,
                        s.successes(), s.tries())
                : String.format(Locale.ROOT, "%s: failed in all %d sampled episodes (first: %d steps)", gate, s.tries(),
                        steps);
    }
}
