package org.netmoe.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.netmoe.training.report.Plots;
import org.netmoe.training.report.Table;
import org.netmoe.training.stats.MeanCi;

/**
 * The aggregate of a finished sweep: {@code sweep.csv} (one row per task: its parameters, attempt
 * and final metrics), {@code summary.md} (per configuration, every metric's mean ± 95 % CI over
 * the seeds), {@code curves.csv} and one PNG learning curve per curve key under {@code plots/}
 * (mean with a 95 % CI band per configuration).
 */
public final class SweepReport {
    /** Bins of a curve whose tasks logged at different x (e.g. episode ends). */
    static final int CURVE_BINS = 20;

    private SweepReport() {
    }

    /** Writes the aggregate of {@code results} (one per task of {@code plan}) into the sweep directory. */
    public static void write(SweepPlan plan, SweepLayout layout, List<TaskResult> results, String title)
            throws IOException {
        TaskResult[] byTask = new TaskResult[plan.tasks().size()];
        results.forEach(r -> byTask[r.taskIndex()] = r);
        Set<String> metricNames = new LinkedHashSet<>();
        results.forEach(r -> metricNames.addAll(r.metrics().keySet()));
        Set<String> paramNames = new LinkedHashSet<>();
        plan.tasks().forEach(t -> paramNames.addAll(t.params().keySet()));

        List<String> header = new ArrayList<>(List.of("task", "configuration"));
        header.addAll(paramNames);
        header.addAll(List.of("attempt", "resumed_from_step"));
        header.addAll(metricNames);
        Table csv = Table.of(header.toArray(String[]::new));
        for (SweepTask t : plan.tasks()) {
            TaskResult r = byTask[t.index()];
            List<Object> row = new ArrayList<>(List.of(t.id(), t.configuration()));
            paramNames.forEach(p -> row.add(t.params().getOrDefault(p, "")));
            row.add(r.attempt());
            row.add(r.resumedFromStep());
            metricNames.forEach(m -> row.add(r.metrics().getOrDefault(m, Double.NaN)));
            csv.add(row.toArray());
        }
        csv.writeCsv(layout.dir().resolve("sweep.csv"));

        Map<String, List<SweepTask>> byConfiguration = new LinkedHashMap<>();
        plan.tasks().forEach(t -> byConfiguration.computeIfAbsent(t.configuration(), k -> new ArrayList<>()).add(t));
        StringBuilder md = new StringBuilder("# Sweep " + title + "\n\n");
        md.append(String.format(Locale.ROOT, "Base `%s` (%s), %d tasks: %d configuration(s) × seeds %s. Per task:"
                        + " `sweep.csv`; run directories under `runs/`.%n%n", plan.config().base(),
                plan.kind().name().toLowerCase(Locale.ROOT), plan.tasks().size(), byConfiguration.size(),
                plan.tasks().stream().map(SweepTask::seed).distinct().toList()));
        List<String> retried = results.stream().filter(r -> r.attempt() > 0)
                .map(r -> plan.tasks().get(r.taskIndex()).id() + " (attempt " + r.attempt()
                        + (r.resumedFromStep() >= 0 ? ", resumed from env step " + r.resumedFromStep() : "") + ")")
                .toList();
        md.append("Retried tasks: ").append(retried.isEmpty() ? "none" : String.join(", ", retried)).append(".\n\n");
        md.append("Mean ± half width of the 95 % confidence interval over seeds (Student's t, n − 1 degrees of"
                + " freedom).\n\n");
        for (var e : byConfiguration.entrySet()) {
            md.append("## ").append(e.getKey()).append("\n\n");
            Table t = Table.of("metric", "n", "mean", "ci95", "min", "max");
            for (String m : metricNames) {
                double[] v = e.getValue().stream().mapToDouble(x -> byTask[x.index()].metrics().getOrDefault(m,
                        Double.NaN)).toArray();
                MeanCi s = MeanCi.of(v);
                t.add(m, s.n(), s.mean(), s.halfWidth(), s.min(), s.max());
            }
            md.append(t.toMarkdown(4)).append('\n');
            md.append(pivots(plan.results(), metricNames, e.getValue(), byTask));
        }
        if (plan.curve() != null) {
            md.append(curves(plan, layout, byTask, byConfiguration));
        }
        Files.writeString(layout.dir().resolve("summary.md"), md.toString());
    }

    /**
     * With two key columns (e.g. gate and task), one table per value column: rows the first key,
     * columns the second, cells mean ± CI half width.
     */
    private static String pivots(ResultSpec spec, Set<String> metricNames, List<SweepTask> tasks, TaskResult[] byTask) {
        if (spec.keys().size() != 2 || spec.values().isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder();
        for (String value : spec.values()) {
            Set<String> rows = new LinkedHashSet<>();
            Set<String> cols = new LinkedHashSet<>();
            for (String m : metricNames) {
                String[] parts = m.split("/", -1);
                if (parts.length == 3 && (spec.values().size() == 1 || parts[2].equals(value))) {
                    rows.add(parts[0]);
                    cols.add(parts[1]);
                }
            }
            if (rows.isEmpty()) {
                continue;
            }
            List<String> header = new ArrayList<>(List.of(spec.keys().get(0) + " / " + spec.keys().get(1)));
            header.addAll(cols);
            Table t = Table.of(header.toArray(String[]::new));
            for (String r : rows) {
                List<Object> cells = new ArrayList<>(List.of(r));
                for (String c : cols) {
                    String name = r + "/" + c + (spec.values().size() == 1 ? "" : "/" + value);
                    MeanCi s = MeanCi.of(tasks.stream().mapToDouble(x -> byTask[x.index()].metrics()
                            .getOrDefault(name, Double.NaN)).toArray());
                    cells.add(s.n() == 0 ? "–" : Double.isNaN(s.halfWidth())
                            ? String.format(Locale.ROOT, "%.3f", s.mean())
                            : String.format(Locale.ROOT, "%.3f ± %.3f", s.mean(), s.halfWidth()));
                }
                t.add(cells.toArray());
            }
            md.append("**").append(value).append("** (mean ± 95 % CI half width, n = ").append(tasks.size())
                    .append(" seeds)\n\n").append(t.toMarkdown(3)).append('\n');
        }
        return md.toString();
    }

    private static String curves(SweepPlan plan, SweepLayout layout, TaskResult[] byTask,
                                 Map<String, List<SweepTask>> byConfiguration) throws IOException {
        CurveSpec spec = plan.curve();
        Set<String> keys = new LinkedHashSet<>();
        Arrays.stream(byTask).forEach(r -> r.curve().forEach(p -> keys.add(p.key())));
        Table table = Table.of("configuration", "key", "x", "n", "mean", "lower", "upper");
        StringBuilder md = new StringBuilder("## Learning curves\n\n");
        for (String key : keys) {
            List<Plots.Series> series = new ArrayList<>();
            for (var e : byConfiguration.entrySet()) {
                List<TreeMap<Double, Double>> perTask = e.getValue().stream()
                        .map(t -> bins(byTask[t.index()].curve(), key)).toList();
                Band band = band(perTask);
                for (int i = 0; i < band.x().length; i++) {
                    table.add(e.getKey(), key, band.x()[i], band.n()[i], band.mean()[i], band.lower()[i], band.upper()[i]);
                }
                series.add(new Plots.Series(e.getKey(), band.x(), band.mean(), band.lower(), band.upper()));
            }
            String name = "curve" + (key.isEmpty() ? "" : "-" + key.replaceAll("[^A-Za-z0-9+._-]", "_")) + ".png";
            Plots.line(layout.dir().resolve("plots").resolve(name), (key.isEmpty() ? "" : key + ": ") + spec.y()
                    + " (mean, 95 % CI over seeds)", spec.x(), spec.y(), series,
                    Plots.Range.forMetric(key + " " + spec.y()).orElse(null));
            md.append("![").append(key.isEmpty() ? spec.y() : key).append("](plots/").append(name).append(")\n\n");
        }
        table.writeCsv(layout.dir().resolve("curves.csv"));
        return md.toString();
    }

    /** One task's points of {@code key} as x to y (mean of repeated x). */
    private static TreeMap<Double, Double> bins(List<TaskResult.CurvePoint> points, String key) {
        TreeMap<Double, double[]> acc = new TreeMap<>();
        for (TaskResult.CurvePoint p : points) {
            if (p.key().equals(key) && !Double.isNaN(p.y())) {
                double[] a = acc.computeIfAbsent(p.x(), x -> new double[2]);
                a[0] += p.y();
                a[1]++;
            }
        }
        TreeMap<Double, Double> out = new TreeMap<>();
        acc.forEach((x, a) -> out.put(x, a[0] / a[1]));
        return out;
    }

    private record Band(double[] x, int[] n, double[] mean, double[] lower, double[] upper) {
    }

    /**
     * Mean and CI per x over tasks: at the tasks' x when all logged the same x, otherwise in
     * {@link #CURVE_BINS} equal bins (each task's mean per bin, x at the bin's centre).
     */
    private static Band band(List<TreeMap<Double, Double>> perTask) {
        boolean aligned = perTask.stream().allMatch(m -> m.keySet().equals(perTask.get(0).keySet()));
        List<TreeMap<Double, Double>> series = perTask;
        if (!aligned) {
            double lo = perTask.stream().filter(m -> !m.isEmpty()).mapToDouble(TreeMap::firstKey).min().orElse(0);
            double hi = perTask.stream().filter(m -> !m.isEmpty()).mapToDouble(TreeMap::lastKey).max().orElse(1);
            double width = Math.max(hi - lo, 1e-9) / CURVE_BINS;
            series = perTask.stream().map(m -> {
                TreeMap<Double, double[]> acc = new TreeMap<>();
                m.forEach((x, y) -> {
                    int b = Math.min(CURVE_BINS - 1, (int) ((x - lo) / width));
                    double[] a = acc.computeIfAbsent(lo + (b + 0.5) * width, c -> new double[2]);
                    a[0] += y;
                    a[1]++;
                });
                TreeMap<Double, Double> out = new TreeMap<>();
                acc.forEach((x, a) -> out.put(x, a[0] / a[1]));
                return out;
            }).toList();
        }
        TreeMap<Double, List<Double>> byX = new TreeMap<>();
        series.forEach(m -> m.forEach((x, y) -> byX.computeIfAbsent(x, k -> new ArrayList<>()).add(y)));
        int size = byX.size();
        Band band = new Band(new double[size], new int[size], new double[size], new double[size], new double[size]);
        int i = 0;
        for (var e : byX.entrySet()) {
            MeanCi s = MeanCi.of(e.getValue().stream().mapToDouble(Double::doubleValue).toArray());
            band.x()[i] = e.getKey();
            band.n()[i] = s.n();
            band.mean()[i] = s.mean();
            band.lower()[i] = s.lower();
            band.upper()[i] = s.upper();
            i++;
        }
        return band;
    }
}
