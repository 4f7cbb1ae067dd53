package org.netmoe.training.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.netmoe.envs.EnvSpec;
import org.netmoe.training.bench.EnvBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code netmoe bench envs}: raw and vectorized env steps per second for each registered env. */
@Command(name = "envs", mixinStandardHelpOptions = true,
        description = "Raw and vectorized env steps per second of each registered env (random actions,"
                + " auto-reset), as a table; with --csv only CSV with the header env,mode,num_envs,steps_per_s.")
final class EnvBenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--csv", description = "Print only CSV.")
    boolean csv;

    @Option(names = "--seconds", defaultValue = "1.0", description = "Timed seconds per measurement (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--num-envs", split = ",", defaultValue = "1,16,64",
            description = "Vector sizes to measure (default ${DEFAULT-VALUE}).")
    List<Integer> numEnvs;

    @Option(names = "--env", split = ",", description = "Only these env ids (default: all registered).")
    List<String> envIds;

    @Override
    public void run() {
        if (!(seconds > 0) || seconds > 600) {
            throw new IllegalArgumentException("--seconds must be in (0, 600], was " + seconds);
        }
        for (int n : numEnvs) {
            if (n <= 0) {
                throw new IllegalArgumentException("--num-envs must be positive, was " + n);
            }
        }
        Registries r = Registries.standard();
        List<EnvSpec<?>> specs = envIds == null ? r.envs().specs()
                : envIds.stream().<EnvSpec<?>>map(r.envs()::get).toList();
        PrintWriter out = spec.commandLine().getOut();
        List<EnvBench.Row> rows = new ArrayList<>();
        if (csv) {
            out.println("env,mode,num_envs,steps_per_s");
        } else {
            out.printf(Locale.ROOT, "%-14s %-7s %9s %16s%n", "env", "mode", "num_envs", "steps_per_s");
        }
        for (EnvSpec<?> s : specs) {
            for (EnvBench.Row row : EnvBench.measure(s, numEnvs, seconds)) {
                rows.add(row);
                if (csv) {
                    out.printf(Locale.ROOT, "%s,%s,%d,%.0f%n", row.env(), row.mode(), row.numEnvs(), row.stepsPerSecond());
                } else {
                    out.printf(Locale.ROOT, "%-14s %-7s %9d %,16.0f%n", row.env(), row.mode(), row.numEnvs(),
                            row.stepsPerSecond());
                }
                out.flush();
            }
        }
        if (!csv) {
            out.printf(Locale.ROOT, "(%d measurements, %.1f s each after warm-up; OMP_NUM_THREADS=%s)%n",
                    rows.size(), seconds, System.getenv("OMP_NUM_THREADS"));
        }
        out.flush();
    }
}
