package org.netmoe.training.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plots of experiments with XChart: line charts (optionally with a shaded band, e.g. mean ±
 * CI over seeds), grouped bar charts, and {@link #save} for charts an experiment builds itself.
 */
public final class Plots {
    /** Plot size in pixels. */
    public static final int WIDTH = 900;
    public static final int HEIGHT = 560;

    static {
        // Plots are written on machines without a display (CI, clusters).
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Plots() {
    }

    /**
     * One line of a line chart.
     *
     * @param lower, upper the band around {@code y} (both null for no band)
     */
    public record Series(String name, double[] x, double[] y, double[] lower, double[] upper) {
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series " + name + ": x has " + x.length + " points, y " + y.length);
            }
            if ((lower == null) != (upper == null)
                    || lower != null && (lower.length != y.length || upper.length != y.length)) {
                throw new IllegalArgumentException("series " + name + ": band must have both bounds, one per point");
            }
        }

        /** A line without a band. */
        public static Series of(String name, double[] x, double[] y) {
            return new Series(name, x, y, null, null);
        }
    }

    /** A new line chart with the house style. */
    public static XYChart xyChart(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setMarkerSize(4);
        return chart;
    }

    /** Writes a line chart of {@code series} (bands drawn as shaded areas) to {@code png}. */
    public static void line(Path png, String title, String xLabel, String yLabel, List<Series> series)
            throws IOException {
        XYChart chart = xyChart(title, xLabel, yLabel);
        for (Series s : series) {
            if (s.x().length == 0) {
                continue;
            }
            XYSeries line = s.lower() == null
                    ? chart.addSeries(s.name(), s.x(), s.y())
                    : chart.addSeries(s.name(), s.x(), s.y(), errorBars(s));
            line.setMarker(s.x().length > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        }
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        save(chart, png);
    }

    private static double[] errorBars(Series s) {
        // XChart draws symmetric error bars; the band is shown as y ± half its width.
        double[] e = new double[s.y().length];
        for (int i = 0; i < e.length; i++) {
            e[i] = (s.upper()[i] - s.lower()[i]) / 2;
        }
        return e;
    }

    /** Writes a grouped bar chart: one bar group per category, one bar per series. */
    public static void bars(Path png, String title, String xLabel, String yLabel, List<String> categories,
                            Map<String, double[]> seriesByName) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisLabelRotation(categories.size() > 6 ? 45 : 0);
        for (var e : seriesByName.entrySet()) {
            if (e.getValue().length != categories.size()) {
                throw new IllegalArgumentException("bar series " + e.getKey() + " has " + e.getValue().length
                        + " values for " + categories.size() + " categories");
            }
            chart.addSeries(e.getKey(), categories, Arrays.stream(e.getValue()).boxed().toList());
        }
        save(chart, png);
    }

    /** Writes any XChart chart to {@code png} (parent folders created). */
    public static void save(Chart<?, ?> chart, Path png) throws IOException {
        if (png.getParent() != null) {
            Files.createDirectories(png.getParent());
        }
        String name = png.toString();
        String base = name.endsWith(".png") ? name.substring(0, name.length() - 4) : name;
        BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
    }
}
