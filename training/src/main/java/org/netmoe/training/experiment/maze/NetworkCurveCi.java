package org.netmoe.training.experiment.maze;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netmoe.training.report.Plots;
import org.netmoe.training.report.Table;

/**
 * The network gate's success along training over seeds: per task and evaluation point (the same
 * env steps for every seed, as the rollout size fixes them), the mean and its 95 % confidence
 * interval (Student's t).
 */
final class NetworkCurveCi {
    private NetworkCurveCi() {
    }

    /** {@code task,env_steps,seeds,mean_success,ci95_low,ci95_high} from the per-seed curve rows. */
    static Table of(Table curves) {
        Map<String, Map<Long, List<Double>>> byTask = new LinkedHashMap<>();
        for (int i = 0; i < curves.size(); i++) {
            byTask.computeIfAbsent((String) curves.cell(i, "task"), k -> new LinkedHashMap<>())
                    .computeIfAbsent(((Number) curves.cell(i, "env_steps")).longValue(), k -> new ArrayList<>())
                    .add((Double) curves.cell(i, "success_rate"));
        }
        Table t = Table.of("task", "env_steps", "seeds", "mean_success", "ci95_low", "ci95_high");
        byTask.forEach((task, points) -> points.forEach((step, values) -> {
            SuccessStats s = SuccessStats.of(values.stream().mapToDouble(Double::doubleValue).toArray(), 1.0);
            t.add(task, step, s.n(), s.mean(), s.ciLow(), s.ciHigh());
        }));
        return t;
    }

    /** The mean curve of {@code task} with its interval as a band (empty when there is none). */
    static List<Plots.Series> series(Table ci, String task) {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < ci.size(); i++) {
            if (ci.cell(i, "task").equals(task)) {
                rows.add(new double[] {((Number) ci.cell(i, "env_steps")).doubleValue(), (Double) ci.cell(i, "mean_success"),
                    (Double) ci.cell(i, "ci95_low"), (Double) ci.cell(i, "ci95_high")});
            }
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        double[] x = rows.stream().mapToDouble(r -> r[0]).toArray();
        double[] y = rows.stream().mapToDouble(r -> r[1]).toArray();
        double[] lo = rows.stream().mapToDouble(r -> Double.isNaN(r[2]) ? r[1] : r[2]).toArray();
        double[] hi = rows.stream().mapToDouble(r -> Double.isNaN(r[3]) ? r[1] : r[3]).toArray();
        return List.of(new Plots.Series("network (mean over seeds, 95 % CI)", x, y, lo, hi));
    }
}
