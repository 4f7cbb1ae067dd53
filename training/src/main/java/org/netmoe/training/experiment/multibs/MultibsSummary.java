package org.netmoe.training.experiment.multibs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.netmoe.training.report.Plots;
import org.netmoe.training.report.Table;
import org.netmoe.training.stats.MeanCi;

/**
 * The multi-seed report of {@code multibs-fig12}: per architecture the mean and 95 % confidence interval (Student's
 * t over seeds) of the final sum rate, the match rate and the area under the curve, the references, the paper's
 * ordering with the paired (same seed, so the same user arrivals) differences of its adjacent pairs, and the plot.
 */
final class MultibsSummary {
    /** The paper's ordering, best first: Top-2 ≥ Top-1 > deeper > baseline. */
    static final List<String> PAPER_ORDER = List.of("moe-top2", "moe-top1", "mlp-deep", "mlp");
    /** The pairs compared: the paper's adjacent ones, then Top-1 against the same denoiser without MoE (Table VII). */
    private static final List<List<String>> PAIRS = List.of(List.of("moe-top2", "moe-top1"),
            List.of("moe-top1", "mlp-deep"), List.of("mlp-deep", "mlp"), List.of("moe-top1", "mlp"));

    private final Map<String, List<MultibsRun.Result>> byArch;
    private final List<UserGrid.Reference> refs;
    private final double threshold;

    MultibsSummary(Map<String, List<MultibsRun.Result>> byArch, List<UserGrid.Reference> refs, double threshold) {
        this.byArch = byArch;
        this.refs = refs;
        this.threshold = threshold;
    }

    /** The first evaluated step whose sum rate reaches {@code threshold}, or null. */
    static Long stepsToThreshold(MultibsRun.Result r, double threshold) {
        for (MultibsRun.Point p : r.curve()) {
            if (p.reward() >= threshold) {
                return p.step();
            }
        }
        return null;
    }

    /** The area under the curve: the mean evaluated sum rate over all evaluation points (speed and level). */
    private static double auc(MultibsRun.Result r) {
        return r.curve().stream().mapToDouble(MultibsRun.Point::reward).average().orElse(Double.NaN);
    }

    private double[] values(String arch, ToDoubleFunction<MultibsRun.Result> metric) {
        return byArch.get(arch).stream().mapToDouble(metric).toArray();
    }

    /** Writes {@code summary.md}: {@code setup} (one paragraph), references, the architecture table and the ordering. */
    void write(Path file, String setup, double thresholdFraction) throws IOException {
        StringBuilder sb = new StringBuilder("# multibs-fig12: multi-BS coordinated reception (survey Fig. 12, Table VII)"
                + "\n\n").append(setup).append("\n\n");
        Table r = Table.of("reference", "sum_rate", "match_rate");
        refs.forEach(x -> r.add(x.name(), x.sumRate(), Double.isNaN(x.match()) ? null : x.match()));
        sb.append("References on the test users (not learned; the same for every architecture):\n\n")
                .append(r.toMarkdown(3)).append('\n');
        sb.append(String.format(Locale.ROOT, "Threshold for \"steps to threshold\": %.3f bit/s/Hz (%.0f %% of the way"
                + " from the random to the best precoder).%n%n", threshold, 100 * thresholdFraction));
        Table t = Table.of("architecture", "parameters", "sum_rate", "sum_rate_ci95", "match_rate", "match_ci95",
                "train_match", "auc_sum_rate", "auc_ci95", "steps_to_threshold", "runs_reaching_threshold");
        for (var e : byArch.entrySet()) {
            List<MultibsRun.Result> runs = e.getValue();
            MeanCi rate = MeanCi.of(values(e.getKey(), x -> x.last().reward()));
            MeanCi match = MeanCi.of(values(e.getKey(), x -> x.last().precoderAccuracy()));
            MeanCi auc = MeanCi.of(values(e.getKey(), MultibsSummary::auc));
            double train = Arrays.stream(values(e.getKey(), x -> x.last().trainAccuracy())).average().orElse(0);
            long[] steps = runs.stream().map(x -> stepsToThreshold(x, threshold)).filter(s -> s != null)
                    .mapToLong(Long::longValue).toArray();
            t.add(e.getKey(), runs.get(0).parameters(), rate.mean(), ci(rate.halfWidth()), match.mean(),
                    ci(match.halfWidth()), train, auc.mean(), ci(auc.halfWidth()), steps.length == 0 ? null : Arrays.stream(steps).average().orElseThrow(),
                    steps.length + "/" + runs.size());
        }
        sb.append(t.toMarkdown(3)).append('\n');
        sb.append("`sum_rate`: mean post-MMSE sum rate (bit/s/Hz) of the generated precoder on the test users' BS sets"
                + " at the end of training, mean over seeds, `_ci95` the half width of its 95 % interval (Student's t);"
                + " `match_rate`: fraction of test users whose generated precoder is the best one on their set;"
                + " `train_match`: the same on the training users; `auc_sum_rate`: the mean of the evaluated sum rate"
                + " over all evaluation points (higher = faster and higher); steps to threshold averaged over the runs"
                + " that reached it.\n\n");
        sb.append(ordering());
        Files.writeString(file, sb.toString());
    }

    private static Object ci(double half) {
        return Double.isNaN(half) ? null : half;
    }

    /**
     * The ordering by final sum rate, match rate and AUC, whether the paper's held by the means, and for each of
     * {@link #PAIRS} the paired difference over seeds with its 95 % interval.
     */
    private String ordering() {
        if (!byArch.keySet().containsAll(PAPER_ORDER)) {
            return "The paper's ordering is checked only when moe-top2, moe-top1, mlp-deep and mlp all ran.\n";
        }
        StringBuilder sb = new StringBuilder("Paper's ordering (Top-2 >= Top-1 > deeper > baseline):\n\n");
        List<String> names = List.of("final sum rate", "match rate", "area under the curve");
        List<ToDoubleFunction<MultibsRun.Result>> metrics = List.of(x -> x.last().reward(),
                x -> x.last().precoderAccuracy(), MultibsSummary::auc);
        for (int m = 0; m < metrics.size(); m++) {
            ToDoubleFunction<MultibsRun.Result> metric = metrics.get(m);
            double[] means = PAPER_ORDER.stream().mapToDouble(a -> MeanCi.of(values(a, metric)).mean()).toArray();
            boolean held = means[0] >= means[1] && means[1] > means[2] && means[2] > means[3];
            List<String> observed = new ArrayList<>(byArch.keySet());
            observed.sort((a, b) -> Double.compare(MeanCi.of(values(b, metric)).mean(),
                    MeanCi.of(values(a, metric)).mean()));
            sb.append(String.format(Locale.ROOT, "- by %s: %s by the means; observed order %s.", names.get(m),
                    held ? "**held**" : "**did not hold**", String.join(" > ", observed)));
            for (List<String> pair : PAIRS) {
                String a = pair.get(0);
                String b = pair.get(1);
                MeanCi diff = MeanCi.of(paired(values(a, metric), values(b, metric)));
                boolean clear = !Double.isNaN(diff.halfWidth()) && Math.abs(diff.mean()) > diff.halfWidth();
                sb.append(String.format(Locale.ROOT, " %s − %s: %+.3f ± %.3f (%s);", a, b, diff.mean(),
                        diff.halfWidth(), clear ? "interval excludes 0" : "interval includes 0"));
            }
            sb.setLength(sb.length() - 1);
            sb.append('\n');
        }
        sb.append("\nDifferences are paired by seed (run n of every architecture sees the same user arrivals), mean ±"
                + " 95 % half width (Student's t).\n");
        return sb.toString();
    }

    /** {@code a[i] − b[i]} over the seeds both have. */
    private static double[] paired(double[] a, double[] b) {
        double[] d = new double[Math.min(a.length, b.length)];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    /** {@code reward-curves.png}: per architecture the mean test sum rate and its 95 % interval, and the references. */
    void plot(Path png) throws IOException {
        List<Plots.Series> series = new ArrayList<>();
        double[] x = null;
        for (var e : byArch.entrySet()) {
            List<MultibsRun.Result> runs = e.getValue();
            int n = runs.get(0).curve().size();
            x = new double[n];
            double[] mean = new double[n];
            double[] lo = new double[n];
            double[] hi = new double[n];
            for (int i = 0; i < n; i++) {
                int at = i;
                x[i] = runs.get(0).curve().get(i).step();
                MeanCi m = MeanCi.of(runs.stream().mapToDouble(r -> r.curve().get(at).reward()).toArray());
                mean[i] = m.mean();
                lo[i] = m.lower();
                hi[i] = m.upper();
            }
            series.add(new Plots.Series(e.getKey() + " (mean, 95 % interval over " + runs.size() + " seeds)", x, mean,
                    lo, hi));
        }
        for (UserGrid.Reference r : refs) {
            if (!r.name().equals("random-set-and-precoder")) {
                series.add(Plots.Series.of(r.name(), new double[] {x[0], x[x.length - 1]},
                        new double[] {r.sumRate(), r.sumRate()}));
            }
        }
        Plots.line(png, "multi-bs: sum rate of the generated precoder along training (Fig. 12)",
                "env steps (UEs served)", "mean sum rate on the test users (bit/s/Hz)", series);
    }
}
