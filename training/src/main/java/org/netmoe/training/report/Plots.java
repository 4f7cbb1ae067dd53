package org.netmoe.training.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plots of experiments with XChart: line charts (optionally with a band, e.g. mean ± CI over
 * seeds, drawn as two thin dashed lines of the line's colour and clipped to the metric's
 * {@link Range}), grouped bar charts, and {@link #save} for charts an experiment builds itself.
 * Every line has its own colour, dash pattern and (up to 40 points) marker shape, so lines that
 * coincide stay visible.
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

    /**
     * The range a metric's values can take, e.g. [0, 1] for a success rate: a band is clipped to it and
     * the y axis spans it.
     */
    public record Range(double min, double max) {
        /** Success rates and fractions of successful plans. */
        public static final Range UNIT = new Range(0, 1);

        /** {@link #UNIT} for metrics named like a success rate ({@code success} in the name), else empty. */
        public static Optional<Range> forMetric(String name) {
            return name.contains("success") ? Optional.of(UNIT) : Optional.empty();
        }

        double clip(double v) {
            return Math.max(min, Math.min(max, v));
        }
    }

    private static final Color[] COLORS = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};
    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
        SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS};
    private static final float[][] DASHES = {null, {8f, 4f}, {2f, 3f}, {10f, 3f, 2f, 3f}};

    /** Writes a line chart of {@code series} to {@code png}, the y axis fitted to the data. */
    public static void line(Path png, String title, String xLabel, String yLabel, List<Series> series)
            throws IOException {
        line(png, title, xLabel, yLabel, series, null);
    }

    /**
     * Writes a line chart of {@code series} to {@code png}; with a {@code range}, bands are clipped to it
     * and the y axis spans it (stated in the axis title).
     */
    public static void line(Path png, String title, String xLabel, String yLabel, List<Series> series, Range range)
            throws IOException {
        XYChart chart = xyChart(title, xLabel, range == null ? yLabel
                : String.format(Locale.ROOT, "%s (axis %s to %s)", yLabel, num(range.min()), num(range.max())));
        int k = 0;
        for (Series s : series) {
            if (s.x().length == 0) {
                continue;
            }
            Color color = COLORS[k % COLORS.length];
            float[] dash = DASHES[(k / COLORS.length + k) % DASHES.length];
            XYSeries line = chart.addSeries(s.name(), s.x(), s.y());
            line.setLineColor(color);
            line.setMarkerColor(color);
            line.setLineStyle(dash == null ? new BasicStroke(2f)
                    : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f));
            line.setMarker(s.x().length > 40 ? SeriesMarkers.NONE : MARKERS[k % MARKERS.length]);
            if (s.lower() != null) {
                band(chart, s.name() + " lower", s.x(), s.lower(), range, color);
                band(chart, s.name() + " upper", s.x(), s.upper(), range, color);
            }
            k++;
        }
        if (range != null) {
            chart.getStyler().setYAxisMin(range.min()).setYAxisMax(range.max());
        }
        save(chart, png);
    }

    private static void band(XYChart chart, String name, double[] x, double[] y, Range range, Color color) {
        double[] v = range == null ? y : Arrays.stream(y).map(range::clip).toArray();
        XYSeries edge = chart.addSeries(name, x, v);
        edge.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 150));
        edge.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {3f, 3f}, 0f));
        edge.setMarker(SeriesMarkers.NONE);
        edge.setShowInLegend(false);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
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
