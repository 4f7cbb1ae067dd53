package org.netmoe.training.experiment.maze;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netmoe.training.experiment.maze.MazeRows.CurveCiRow;
import org.netmoe.training.experiment.maze.MazeRows.SeedCurveRow;
import org.netmoe.training.report.Plots;
import org.netmoe.training.report.Rows;

/**
 * The network gate's success along training over seeds: per task and evaluation point (the same
 * env steps for every seed, as the rollout size fixes them), the mean and its 95 % confidence
 * interval (Student's t).
 */
final class NetworkCurveCi {
    private NetworkCurveCi() {
    }

    /** The mean and interval per task and evaluation point of the per-seed curve rows. */
    static Rows<CurveCiRow> of(Rows<SeedCurveRow> curves) {
        Map<String, Map<Long, List<Double>>> byTask = new LinkedHashMap<>();
        curves.stream().forEach(r -> byTask.computeIfAbsent(r.task(), k -> new LinkedHashMap<>())
                .computeIfAbsent(r.envSteps(), k -> new ArrayList<>()).add(r.successRate()));
        Rows<CurveCiRow> t = Rows.of(CurveCiRow.class);
        byTask.forEach((task, points) -> points.forEach((step, values) -> {
            SuccessStats s = SuccessStats.of(values.stream().mapToDouble(Double::doubleValue).toArray(), 1.0);
            t.add(new CurveCiRow(task, step, s.n(), s.mean(), s.ciLow(), s.ciHigh()));
        }));
        return t;
    }

    /** The mean curve of {@code task} with its interval as a band (empty when there is none). */
    static List<Plots.Series> series(Rows<CurveCiRow> ci, String task) {
        List<CurveCiRow> rows = ci.where(r -> r.task().equals(task)).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        double[] x = rows.stream().mapToDouble(CurveCiRow::envSteps).toArray();
        double[] y = rows.stream().mapToDouble(CurveCiRow::meanSuccess).toArray();
        double[] lo = rows.stream().mapToDouble(r -> Double.isNaN(r.ci95Low()) ? r.meanSuccess() : r.ci95Low()).toArray();
        double[] hi = rows.stream().mapToDouble(r -> Double.isNaN(r.ci95High()) ? r.meanSuccess() : r.ci95High())
                .toArray();
        return List.of(new Plots.Series("network (mean over seeds, 95 % CI)", x, y, lo, hi));
    }
}
