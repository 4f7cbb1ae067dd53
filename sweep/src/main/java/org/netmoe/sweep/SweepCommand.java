package org.netmoe.sweep;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkException;
import org.netmoe.training.cli.ExtraCommand;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.report.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code netmoe sweep FILE}: a sweep as a Spark job, then its aggregate. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Expand a sweep file (base train/experiment config x seeds x grid of dotted keys) into tasks"
                + " and run them as an Apache Spark job: embedded local[*] by default, a cluster with --master (or"
                + " under spark-submit, class org.netmoe.sweep.SweepMain). Each task writes its run directory under"
                + " SWEEP_DIR/runs/ with checkpoints; a failed attempt is retried by Spark and resumes from its"
                + " checkpoint. Writes sweep.csv, summary.md (mean +- 95%% CI over seeds), curves.csv and plots/.",
                "Running the same command with the same --sweep-dir again continues an interrupted sweep: finished"
                        + " tasks are read, unfinished ones resume."})
public final class SweepCommand implements Callable<Integer>, ExtraCommand {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Sweep YAML file, e.g. configs/maze-sweep.yaml.")
    Path file;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Override a field of the sweep file, e.g. --set seeds=[1,2] --set set.train.steps=2000.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--sweep-dir", paramLabel = "DIR",
            description = "Sweep directory (default runs/<file name>-<timestamp>); an existing one of the same sweep"
                    + " is continued. On a cluster: a path every executor sees.")
    Path sweepDir;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, e.g. local[4] or spark://host:7077 (default: the master spark-submit set,"
                    + " else spark.master of the sweep file, else local[*]). On a cluster NetMoE ships its jars"
                    + " (spark.jars) and its executor environment (one OpenMP thread, the pinned OpenBLAS kernel)"
                    + " unless they are set.")
    String master;

    @Option(names = "--max-failures", paramLabel = "N",
            description = "Attempts per task before the sweep fails (default: spark.maxFailures of the file, 3).")
    Integer maxFailures;

    /** The runner of each task; tests swap in one that injects failures. */
    TaskRunner runner = new NetMoeTaskRunner();

    @Override
    public Integer call() throws Exception {
        // Spark's start-up chatter; task failures and retries (TaskSetManager) stay visible as warnings.
        for (String quiet : List.of("org.apache.spark", "org.sparkproject")) {
            Configurator.setLevel(quiet, Level.WARN);
        }
        Configurator.setLevel("org.apache.hadoop", Level.ERROR);
        Configurator.setLevel("org.apache.spark.util.Utils", Level.ERROR);
        SweepPlan plan = SweepPlan.load(file, overrides);
        int failures = maxFailures != null ? maxFailures : plan.config().spark().maxFailures();
        if (failures < 1) {
            throw new ConfigException("--max-failures must be >= 1, was " + failures);
        }
        String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        Path dir = (sweepDir != null ? sweepDir : Path.of("runs", name + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))).toAbsolutePath();
        SweepLayout layout = new SweepLayout(dir.toString(), plan.results(), plan.curve());
        prepare(plan, layout);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "sweep %s: %d %s tasks into %s%n", name, plan.tasks().size(),
                plan.kind().name().toLowerCase(Locale.ROOT), dir);
        out.flush();
        List<TaskResult> results;
        try {
            results = SweepJob.run(plan, layout, runner, master, failures);
        } catch (Exception e) {
            // Spark (Scala) throws SparkException without declaring it.
            if (!(e instanceof SparkException)) {
                throw e;
            }
            String unfixable = unfixable(e);
            if (unfixable != null) {
                throw new ConfigException("sweep " + name + " stopped: " + unfixable, e);
            }
            throw new IllegalStateException("sweep " + name + " stopped: " + firstLine(e) + "; finished tasks are kept,"
                    + " run the same command with --sweep-dir " + dir + " to continue", e);
        }
        SweepReport.write(plan, layout, results, name);
        out.println("sweep " + name + " done: " + dir.resolve("summary.md") + ", " + dir.resolve("sweep.csv"));
        out.flush();
        return 0;
    }

    /** Writes the task configs and plan.csv; an existing directory must hold the same sweep. */
    static void prepare(SweepPlan plan, SweepLayout layout) throws IOException {
        Path dir = layout.dir();
        Files.createDirectories(dir.resolve("configs"));
        Table planCsv = Table.of("task", "configuration", "seed");
        for (SweepTask t : plan.tasks()) {
            Path cfg = layout.config(t);
            if (Files.isRegularFile(cfg) && !Files.readString(cfg).equals(t.configYaml())) {
                throw new ConfigException("--sweep-dir " + dir + " holds a different sweep (the config of task " + t.id()
                        + " differs); use a new --sweep-dir");
            }
            Files.writeString(cfg, t.configYaml());
            planCsv.add(t.id(), t.configuration(), t.seed());
        }
        planCsv.writeCsv(dir.resolve("plan.csv"));
    }

    private static final Pattern MISSING_CLASS =
            Pattern.compile("java\\.lang\\.(?:ClassNotFoundException|NoClassDefFoundError): ([\\w.$/]+)");
    private static final Pattern LINKAGE =
            Pattern.compile("java\\.lang\\.(?:NoSuchMethodError|NoSuchFieldError|AbstractMethodError"
                    + "|IncompatibleClassChangeError): ([^\\n]+)");

    /**
     * What to do about a task failure that every retry repeats, or null when a retry may help (a
     * lost executor, a crash): a task whose config NetMoE rejected (the {@link NetMoeTaskRunner#REJECTED}
     * line its runner threw); an executor lacking a class (NetMoE's jars not shipped); a library on the
     * executors differing from the driver's.
     */
    static String unfixable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String msg = t.getMessage() == null ? "" : t.getMessage();
            int at = msg.indexOf(NetMoeTaskRunner.REJECTED);
            if (at >= 0) {
                return msg.substring(at + NetMoeTaskRunner.REJECTED.length()).lines().findFirst().orElse(msg);
            }
            Matcher missing = MISSING_CLASS.matcher(msg);
            if (missing.find()) {
                return "an executor cannot load class " + missing.group(1).replace('/', '.') + ", so it lacks"
                        + " NetMoE's jars: under ./netmoe sweep leave spark.jars unset (NetMoE ships the sweep jar and"
                        + " sweep/target/classpath.txt), under spark-submit pass --jars \"$(tr ':' ',' <"
                        + " sweep/target/classpath.txt)\" (README, Sweeps on Apache Spark)";
            }
            Matcher linkage = LINKAGE.matcher(msg);
            if (linkage.find()) {
                return "a library on the executors differs from NetMoE's (" + linkage.group(1).trim() + "; a Spark"
                        + " distribution ships its own Jackson): add --conf spark.driver.userClassPathFirst=true"
                        + " --conf spark.executor.userClassPathFirst=true";
            }
        }
        return null;
    }

    private static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        // Spark's message names the task and attempts; the root cause says what the task hit.
        String head = msg.lines().findFirst().orElse(msg).replaceFirst(": Lost task.*", "");
        return head + " (" + (t.getMessage() == null ? t.toString() : t.getMessage().lines().findFirst().orElse("")) + ")";
    }
}
