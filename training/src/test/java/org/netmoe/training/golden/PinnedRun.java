package org.netmoe.training.golden;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.netmoe.training.cli.NetMoe;

/**
 * Runs a NetMoE command in a child JVM started the way {@code ./netmoe} starts one, for tests that
 * compare with committed reference results: the environment comes from {@code scripts/netmoe-env.sh}
 * with {@code OPENBLAS_CORETYPE}, {@code NETMOE_KERNEL_PINNED} and {@code OMP_NUM_THREADS} removed
 * first (a user who set none of them) and without this JVM's {@code -Dnetmoe.kernels}, so the child
 * runs NetMoE's defaults whatever kernel or path the test JVM was forced onto. A {@code -XX:UseAVX}
 * level given to this JVM is passed on, so the child's JIT also generates code as on that processor.
 */
public final class PinnedRun {
    private PinnedRun() {
    }

    /** The repository root: the nearest ancestor of the working directory holding {@code configs/}. */
    public static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("configs"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no configs/ above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /**
     * Runs {@code netmoe args…} from the project root with its output in {@code log}; returns the exit
     * code, or throws if it does not end within {@code timeoutSeconds}.
     */
    public static int run(Path log, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "-c", ". scripts/netmoe-env.sh && exec \"$0\" \"$@\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:UseAVX=")).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), NetMoe.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(projectRoot().toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.remove("OPENBLAS_CORETYPE");
        env.remove("NETMOE_KERNEL_PINNED");
        env.remove("OMP_NUM_THREADS");
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("netmoe " + String.join(" ", args) + " did not finish in " + timeoutSeconds
                    + " s; log " + log);
        }
        return p.exitValue();
    }

    /** The last 30 lines of {@code log}, for failure messages. */
    public static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
