package org.netmoe.sweep;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What one finished task reports back to the driver.
 *
 * @param taskIndex        the task's index in the plan
 * @param attempt          the Spark attempt that finished it (0 = first)
 * @param resumedFromStep  the checkpoint step a train task, or an experiment task's interrupted sub-run, resumed
 *                         from, or -1 when it started fresh (or was already finished)
 * @param metrics          final metric name to value, in file order
 * @param curve            learning-curve points
 */
public record TaskResult(int taskIndex, int attempt, long resumedFromStep, LinkedHashMap<String, Double> metrics,
                         List<CurvePoint> curve) implements Serializable {

    /** One point of a learning curve; {@code key} names the curve (empty for a single curve). */
    public record CurvePoint(String key, double x, double y) implements Serializable {
    }

    /** Reads the metrics and curve of the finished run in {@code runDir}. */
    static TaskResult read(SweepTask task, Path runDir, ResultSpec results, CurveSpec curve, int attempt,
                           long resumedFromStep) throws IOException {
        return new TaskResult(task.index(), attempt, resumedFromStep, metrics(runDir, results),
                curve == null ? List.of() : curve(runDir, curve));
    }

    static LinkedHashMap<String, Double> metrics(Path runDir, ResultSpec spec) throws IOException {
        List<Map<String, String>> rows = rows(runDir.resolve(spec.file()));
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        if (rows.isEmpty()) {
            return out;
        }
        List<String> columns = new ArrayList<>(rows.get(0).keySet());
        List<String> values = spec.values().isEmpty()
                ? columns.stream().filter(c -> rows.stream().allMatch(r -> isNumber(r.get(c)))).toList() : spec.values();
        List<String> keys = spec.keys().isEmpty() ? columns.stream().filter(c -> !values.contains(c)).toList() : spec.keys();
        for (String c : concat(keys, values)) {
            if (!columns.contains(c)) {
                throw new IllegalArgumentException(runDir.resolve(spec.file()) + " has no column " + c + "; columns: "
                        + columns);
            }
        }
        Pattern match = spec.match() == null ? null : Pattern.compile(spec.match());
        for (Map<String, String> row : rows) {
            String key = keys.stream().map(row::get).collect(Collectors.joining("/"));
            for (String v : values) {
                String name = values.size() == 1 && !key.isEmpty() ? key : key.isEmpty() ? v : key + "/" + v;
                if (match == null || match.matcher(name).matches()) {
                    out.remove(name);   // the last row of a name wins, in the order it was last written
                    out.put(name, parse(row.get(v)));
                }
            }
        }
        return out;
    }

    static List<CurvePoint> curve(Path runDir, CurveSpec spec) throws IOException {
        Path file = runDir.resolve(spec.file());
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<CurvePoint> points = new ArrayList<>();
        for (Map<String, String> row : rows(file)) {
            if (!row.containsKey(spec.x()) || !row.containsKey(spec.y())) {
                throw new IllegalArgumentException(file + " has no column " + spec.x() + " or " + spec.y()
                        + "; columns: " + row.keySet());
            }
            if (spec.where().entrySet().stream().allMatch(w -> w.getValue().equals(row.get(w.getKey())))) {
                String key = spec.keys().stream().map(row::get).collect(Collectors.joining("/"));
                points.add(new CurvePoint(key, parse(row.get(spec.x())), parse(row.get(spec.y()))));
            }
        }
        return points;
    }

    private static List<Map<String, String>> rows(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("result file " + file + " does not exist (results.file / curve.file"
                    + " name a CSV file of the task's run directory)");
        }
        CsvMapper csv = new CsvMapper();
        try (MappingIterator<Map<String, String>> it = csv.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            List<Map<String, String>> rows = new ArrayList<>();
            it.forEachRemaining(rows::add);
            return rows;
        }
    }

    private static boolean isNumber(String s) {
        try {
            parse(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double parse(String s) {
        if (s == null || s.isBlank()) {
            return Double.NaN;
        }
        return Double.parseDouble(s.trim());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
