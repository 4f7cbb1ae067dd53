package org.netmoe.sweep;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.netmoe.training.config.ConfigException;

/**
 * Runs a sweep's tasks as one Spark job: one partition per task, each task retried up to
 * {@code maxFailures} times ({@code spark.task.maxFailures}; Spark's {@code local[N]} master never
 * retries, so it becomes {@code local[N,maxFailures]}). On a cluster master the executors get
 * NetMoE's jars and its pinned environment from the driver.
 */
public final class SweepJob {
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\d+|\\*)])?");
    /** The OpenBLAS kernel NetMoE pins when the driver's environment names none. */
    static final String DEFAULT_OPENBLAS_CORETYPE = "Haswell";
    /** The file next to the sweep jar that lists NetMoE's other jars (without Spark), written by mvn package. */
    static final String CLASSPATH_FILE = "classpath.txt";

    private SweepJob() {
    }

    /**
     * The master to use, the first that is given of: {@code cliMaster} (--master), what spark-submit
     * set ({@code spark.master} in {@code conf}), {@code fileMaster} (the sweep file's
     * {@code spark.master}), {@code local[*]}. A local master without a failure count gets
     * {@code maxFailures}.
     */
    static String master(String cliMaster, SparkConf conf, String fileMaster, int maxFailures) {
        String m = cliMaster != null ? cliMaster
                : conf.contains("spark.master") ? conf.get("spark.master")
                : fileMaster != null ? fileMaster : "local[*]";
        Matcher local = LOCAL.matcher(m);
        if (local.matches()) {
            return "local[" + (local.group(1) == null ? "1" : local.group(1)) + "," + maxFailures + "]";
        }
        return m;
    }

    /**
     * What a cluster's executors need from the driver, each unless already set: {@code spark.jars}
     * ({@code sweepJar} and the jars its {@code classpath.txt} lists), one OpenMP thread and the
     * driver's pinned OpenBLAS kernel ({@code OPENBLAS_CORETYPE} of {@code driverEnv}, else
     * {@value #DEFAULT_OPENBLAS_CORETYPE}) as executor environment.
     *
     * @param sweepJar where this class was loaded from: the sweep jar, or a folder when run from classes
     * @throws ConfigException when {@code spark.jars} is unset and {@code sweepJar} is not a jar
     *                         with {@code classpath.txt} beside it
     */
    static void configureExecutors(SparkConf conf, Map<String, String> driverEnv, Path sweepJar) throws IOException {
        if (!conf.contains("spark.jars")) {
            conf.set("spark.jars", String.join(",", netMoeJars(conf.get("spark.master"), sweepJar)));
        }
        conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1");
        if (!conf.contains("spark.executorEnv.OPENBLAS_CORETYPE")) {
            String coretype = driverEnv.get("OPENBLAS_CORETYPE");
            conf.set("spark.executorEnv.OPENBLAS_CORETYPE", coretype == null ? DEFAULT_OPENBLAS_CORETYPE : coretype);
            // The executors report the kernel as NetMoE's pin exactly when the driver's was (or none was set).
            boolean pinned = coretype == null || "1".equals(driverEnv.get("NETMOE_KERNEL_PINNED"));
            conf.setIfMissing("spark.executorEnv.NETMOE_KERNEL_PINNED", pinned ? "1" : "0");
        }
    }

    private static List<String> netMoeJars(String master, Path sweepJar) throws IOException {
        Path listing = sweepJar.resolveSibling(CLASSPATH_FILE);
        if (!Files.isRegularFile(sweepJar) || !sweepJar.toString().endsWith(".jar") || !Files.isRegularFile(listing)) {
            throw new ConfigException("master " + master + " runs the tasks on executors, which need NetMoE's jars,"
                    + " but NetMoE runs from " + sweepJar + ", not from a jar with " + CLASSPATH_FILE + " beside it"
                    + " (sweep/target/ after mvn package); set spark.jars to the sweep jar and the jars of"
                    + " sweep/target/classpath.txt, comma-separated");
        }
        List<String> jars = new ArrayList<>(List.of(sweepJar.toString()));
        for (String entry : Files.readString(listing).trim().split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                jars.add(entry);
            }
        }
        return jars;
    }

    /** Runs every task of {@code plan} with {@code runner}; returns one result per task. */
    public static List<TaskResult> run(SweepPlan plan, SweepLayout layout, TaskRunner runner, String cliMaster,
                                       int maxFailures) throws IOException {
        SparkConf conf = new SparkConf(true).setAppName("netmoe-sweep " + layout.dir().getFileName());
        String m = master(cliMaster, conf, plan.config().spark().master(), maxFailures);
        conf.setMaster(m).set("spark.task.maxFailures", Integer.toString(maxFailures));
        if (m.startsWith("local[")) {
            // Embedded: no web UI, and no dependence on this host's name resolving.
            conf.set("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        } else {
            configureExecutors(conf, System.getenv(), codeSource());
        }
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            return sc.parallelize(plan.tasks(), plan.tasks().size())
                    .map(task -> runner.run(task, layout, TaskContext.get().attemptNumber()))
                    .collect();
        }
    }

    private static Path codeSource() {
        try {
            return Path.of(SweepJob.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("locating the sweep jar", e);
        }
    }
}
