package org.netmoe.training.experiment.maze;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.netmoe.envs.maze.Cell;
import org.netmoe.envs.maze.MazeConfig;
import org.netmoe.training.report.Plots;

/**
 * The maze with start, goal, trap and prize, and each gate's path from the start drawn (row 0 at the
 * top): the shortest successful of the sampled episodes, labelled with how many succeeded.
 */
final class MazePathPlot {
    private MazePathPlot() {
    }

    static void write(Path png, String title, MazeConfig maze, Map<String, MazeGateEvaluator.PathSample> paths)
            throws IOException {
        XYChart chart = Plots.xyChart(title, "column x", "row y (0 = top)");
        chart.getStyler().setXAxisMin(-0.5).setXAxisMax(maze.width() - 0.5);
        chart.getStyler().setYAxisMin(-(maze.height() - 0.5)).setYAxisMax(0.5);
        chart.getStyler().setMarkerSize(14);
        marker(chart, "start", maze.start(), Color.GRAY);
        marker(chart, "goal", maze.goal(), new Color(0, 150, 0));
        marker(chart, "trap", maze.trap(), Color.RED);
        marker(chart, "prize", maze.prize(), new Color(230, 160, 0));
        int i = 0;
        int n = Math.max(1, paths.size());
        for (var e : paths.entrySet()) {
            // Offset each path a little so overlapping paths stay visible.
            double off = (i - (n - 1) / 2.0) * 0.08;
            List<Cell> cells = e.getValue().cells();
            double[] x = new double[cells.size()];
            double[] y = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                x[k] = cells.get(k).x() + off;
                y[k] = -cells.get(k).y() + off;
            }
            String label = e.getValue().successes() > 0
                    ? String.format("%s (%d steps; %d/%d succeeded)", e.getKey(), x.length - 1,
                            e.getValue().successes(), e.getValue().tries())
                    : String.format("%s (failed %d/%d; first: %d steps)", e.getKey(), e.getValue().tries(),
                            e.getValue().tries(), x.length - 1);
            XYSeries s = chart.addSeries(label, x, y);
            s.setMarker(SeriesMarkers.CIRCLE);
            i++;
        }
        chart.getStyler().setMarkerSize(6);
        Plots.save(chart, png);
    }

    private static void marker(XYChart chart, String name, Cell c, Color color) {
        XYSeries s = chart.addSeries(name, new double[] {c.x()}, new double[] {-c.y()});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.SQUARE);
        s.setMarkerColor(color);
    }
}
