package org.netmoe.training.plot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.report.Plots;
import org.netmoe.training.stats.MeanCi;

/**
 * Learning curves from run directories' {@code metrics.csv}: one run's curve (a moving average over
 * episodes, as RL plots draw it), several runs' curves on one chart, and for runs that are seeds of
 * one config (identical {@code config.yaml} but for {@code seed}) their mean with a 95 % confidence
 * band (Student's t over seeds) on a common env-step grid.
 */
public final class LearningCurves {
    /** Points of the common grid on which seeds are averaged. */
    static final int GRID = 100;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private LearningCurves() {
    }

    /** A metric's rows in one run: env steps and values, in file order. */
    record Curve(double[] steps, double[] values) {
        int size() {
            return steps.length;
        }
    }

    /**
     * The rows of {@code metric} in {@code runDir/metrics.csv}.
     *
     * @throws ConfigException naming the file if it is missing or not NetMoE's metrics format
     */
    static Curve read(Path runDir, String metric) throws IOException {
        Path file = runDir.resolve("metrics.csv");
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file (is " + runDir + " a NetMoE run directory?)");
        }
        if (lines.isEmpty() || !lines.get(0).equals("step,metric,value")) {
            throw new ConfigException(file + ": not a NetMoE metrics file (header 'step,metric,value' expected)");
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            if (f.length != 3) {
                throw new ConfigException(file + " line " + (i + 1) + ": expected step,metric,value");
            }
            if (f[1].equals(metric)) {
                try {
                    rows.add(new double[] {Long.parseLong(f[0]), Double.parseDouble(f[2])});
                } catch (NumberFormatException e) {
                    throw new ConfigException(file + " line " + (i + 1) + ": not a number: " + lines.get(i));
                }
            }
        }
        return new Curve(rows.stream().mapToDouble(r -> r[0]).toArray(), rows.stream().mapToDouble(r -> r[1]).toArray());
    }

    /** The moving average of {@code values} over the last {@code window} entries (fewer at the start). */
    static double[] smooth(double[] values, int window) {
        double[] out = new double[values.length];
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i];
            if (i >= window) {
                sum -= values[i - window];
            }
            out[i] = sum / Math.min(i + 1, window);
        }
        return out;
    }

    /** A window of about a fiftieth of the episodes (at least 1) when {@code window} is 0. */
    static int window(int n, int window) {
        return window > 0 ? window : Math.max(1, n / 50);
    }

    /**
     * Writes {@code runDir/plots/learning-curve.png}: the episode return (moving average) and, where
     * the run evaluated, {@code eval/mean_return} against env steps.
     */
    public static Path writeRunPlot(Path runDir) throws IOException {
        Curve returns = read(runDir, "rollout/episode_return");
        Curve eval = read(runDir, "eval/mean_return");
        List<Plots.Series> series = new ArrayList<>();
        if (returns.size() > 0) {
            int w = window(returns.size(), 0);
            series.add(Plots.Series.of("episode return (mean of " + w + ")", returns.steps(),
                    smooth(returns.values(), w)));
        }
        if (eval.size() > 0) {
            series.add(Plots.Series.of("eval/mean_return (greedy)", eval.steps(), eval.values()));
        }
        Path png = runDir.resolve("plots").resolve("learning-curve.png");
        if (!series.isEmpty()) {
            Files.createDirectories(png.getParent());
            Plots.line(png, "Learning curve: " + runDir.getFileName(), "env steps", "return", series);
        }
        return png;
    }

    /**
     * One series per config: a single run's smoothed curve, or the seeds' mean with a 95 % band.
     *
     * @param window moving-average window in rows; 0 picks about a fiftieth of each run's rows
     */
    public static List<Plots.Series> series(List<Path> runDirs, String metric, int window) throws IOException {
        Map<String, List<Path>> byConfig = new LinkedHashMap<>();
        for (Path dir : runDirs) {
            byConfig.computeIfAbsent(configWithoutSeed(dir), k -> new ArrayList<>()).add(dir);
        }
        List<Plots.Series> out = new ArrayList<>();
        for (List<Path> group : byConfig.values()) {
            List<Curve> curves = new ArrayList<>();
            for (Path dir : group) {
                Curve c = read(dir, metric);
                if (c.size() == 0) {
                    throw new ConfigException(dir.resolve("metrics.csv") + ": no rows of metric '" + metric + "'");
                }
                curves.add(new Curve(c.steps(), smooth(c.values(), window(c.size(), window))));
            }
            if (group.size() == 1) {
                out.add(Plots.Series.of(group.get(0).getFileName().toString(), curves.get(0).steps(),
                        curves.get(0).values()));
            } else {
                out.add(meanBand(label(group), curves));
            }
        }
        return out;
    }

    /** The mean of {@code curves} with a 95 % band, on a grid up to the shortest run's last step. */
    static Plots.Series meanBand(String name, List<Curve> curves) {
        double end = curves.stream().mapToDouble(c -> c.steps()[c.size() - 1]).min().orElseThrow();
        double start = curves.stream().mapToDouble(c -> c.steps()[0]).max().orElseThrow();
        int points = end > start ? GRID : 1;
        double[] x = new double[points];
        double[] mean = new double[points];
        double[] lo = new double[points];
        double[] hi = new double[points];
        int n = curves.size();
        for (int i = 0; i < points; i++) {
            x[i] = points == 1 ? end : start + (end - start) * i / (points - 1);
            double[] v = new double[n];
            for (int k = 0; k < n; k++) {
                v[k] = valueAt(curves.get(k), x[i]);
            }
            MeanCi m = MeanCi.of(v);
            mean[i] = m.mean();
            lo[i] = m.lower();
            hi[i] = m.upper();
        }
        return new Plots.Series(name + " (mean ± 95 % CI, " + n + " seeds)", x, mean, lo, hi);
    }

    /** The curve's value at env step {@code x}: that of its last row at or before {@code x}. */
    static double valueAt(Curve c, double x) {
        int i = Arrays.binarySearch(c.steps(), x);
        if (i < 0) {
            i = -i - 2;
        } else {
            while (i + 1 < c.size() && c.steps()[i + 1] == x) {
                i++;
            }
        }
        return c.values()[Math.max(0, i)];
    }

    private static String label(List<Path> group) {
        String first = group.get(0).getFileName().toString();
        return group.size() <= 3 ? String.join("/", group.stream().map(p -> p.getFileName().toString()).toList())
                : first + " …";
    }

    /** The run's {@code config.yaml} without its seed, as the key that groups seeds of one config. */
    static String configWithoutSeed(Path runDir) throws IOException {
        Path file = runDir.resolve("config.yaml");
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": no such file (is " + runDir + " a NetMoE run directory?)");
        }
        ObjectNode tree;
        try {
            tree = (ObjectNode) YAML.readTree(file.toFile());
        } catch (IOException | ClassCastException e) {
            throw new ConfigException(file + ": not a NetMoE run config");
        }
        tree.remove("seed");
        return tree.toString();
    }
}
