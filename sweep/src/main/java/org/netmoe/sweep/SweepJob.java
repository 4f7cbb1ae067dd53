package org.netmoe.sweep;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs a sweep's tasks as one Spark job: one partition per task, each task retried up to
 * {@code maxFailures} times ({@code spark.task.maxFailures}; Spark's {@code local[N]} master never
 * retries, so it becomes {@code local[N,maxFailures]}).
 */
public final class SweepJob {
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\d+|\\*)])?");

    private SweepJob() {
    }

    /**
     * The master to use: {@code master} if given, else what spark-submit set ({@code spark.master}),
     * else {@code local[*]}; a local master without a failure count gets {@code maxFailures}.
     */
    static String master(String master, SparkConf conf, int maxFailures) {
        String m = master != null ? master : conf.get("spark.master", "local[*]");
        Matcher local = LOCAL.matcher(m);
        if (local.matches()) {
            return "local[" + (local.group(1) == null ? "1" : local.group(1)) + "," + maxFailures + "]";
        }
        return m;
    }

    /** Runs every task of {@code plan} with {@code runner}; returns one result per task. */
    public static List<TaskResult> run(SweepPlan plan, SweepLayout layout, TaskRunner runner, String master,
                                       int maxFailures) {
        SparkConf conf = new SparkConf(true).setAppName("netmoe-sweep " + layout.dir().getFileName());
        String m = master(master, conf, maxFailures);
        conf.setMaster(m).set("spark.task.maxFailures", Integer.toString(maxFailures));
        if (m.startsWith("local")) {
            // Embedded: no web UI, and no dependence on this host's name resolving.
            conf.set("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            return sc.parallelize(plan.tasks(), plan.tasks().size())
                    .map(task -> runner.run(task, layout, TaskContext.get().attemptNumber()))
                    .collect();
        }
    }
}
