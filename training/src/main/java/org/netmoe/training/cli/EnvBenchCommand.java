package org.netmoe.training.cli;

import java.io.PrintWriter;
import java.util.List;
import org.netmoe.envs.EnvSpec;
import org.netmoe.training.bench.EnvBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code netmoe bench envs}: raw and vectorized env steps per second for each registered env. */
@Command(name = "envs",
        description = "Raw and vectorized env steps per second of each registered env (random actions,"
                + " auto-reset), as a table; with --csv only CSV with the header env,mode,num_envs,steps_per_s.")
final class EnvBenchCommand extends CliCommand implements Runnable {
    @Mixin
    TableOutput table;

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
        PrintWriter out = out();
        table.header(out, "env,mode,num_envs,steps_per_s", "%-14s %-7s %9s %16s%n", "env", "mode", "num_envs",
                "steps_per_s");
        int measurements = 0;
        for (EnvSpec<?> s : specs) {
            for (EnvBench.Row row : EnvBench.measure(s, numEnvs, seconds)) {
                measurements++;
                table.row(out, "%s,%s,%d,%.0f%n", "%-14s %-7s %9d %,16.0f%n", row.env(), row.mode(), row.numEnvs(),
                        row.stepsPerSecond());
            }
        }
        table.note(out, "(%d measurements, %.1f s each after warm-up; OMP_NUM_THREADS=%s)%n", measurements, seconds,
                System.getenv("OMP_NUM_THREADS"));
        out.flush();
    }
}
