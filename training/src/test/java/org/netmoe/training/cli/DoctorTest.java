package org.netmoe.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code netmoe doctor} with a short benchmark, and the backend line of compute commands. */
class DoctorTest {

    private static String[] run(String... args) {
        CommandLine cl = NetMoe.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void reportsJavaBackendThreadsMemoryAndTimesTheThreeBatchSizes() {
        String[] r = run("doctor", "--bench-seconds", "0.6");
        assertEquals("0", r[0], r[2]);
        String out = r[1];
        assertTrue(out.contains("java:         " + System.getProperty("java.version")), out);
        assertTrue(out.contains("backend CpuBackend"), out);
        assertTrue(out.matches("(?s).*native build: (AVX512|AVX/AVX2|Generic x86) binary.*"), out);
        // surefire sets OMP_NUM_THREADS=1 (root pom), so ND4J reports one thread and no warning is due.
        assertTrue(out.contains("omp threads:  1 (OMP_NUM_THREADS=1)"), out);
        assertTrue(out.contains("cuda devices: none (CPU backend"), out);
        // The CUDA checks run only on a CUDA build: nothing of theirs on the CPU backend.
        assertTrue(!out.contains("cuda runtime:") && !out.contains("error:"), out);
        assertTrue(out.matches("(?s).*memory: +JVM heap max [0-9.]+ GiB; system [0-9.]+ GiB free of [0-9.]+ GiB.*"), out);
        List<String> rows = out.lines().filter(l -> l.matches(" +(1|64|4096) +[0-9.]+ +[0-9]+")).toList();
        assertEquals(3, rows.size(), out);
        for (String row : rows) {
            String[] cells = row.trim().split(" +");
            assertTrue(Double.parseDouble(cells[1]) > 0 && Double.parseDouble(cells[2]) > 0, row);
        }
        assertTrue(!out.contains("warning: OMP_NUM_THREADS is unset"), out);
        // The root pom pins OpenBLAS's kernel as the launcher does, unless OPENBLAS_CORETYPE was set for the build.
        String coretype = System.getenv("OPENBLAS_CORETYPE");
        assertTrue(out.contains("openblas:     kernel " + coretype + " ("), out);
        boolean pinned = "1".equals(System.getenv("NETMOE_KERNEL_PINNED"));
        assertEquals(pinned, out.contains("(pinned by netmoe)"), out);
        assertEquals(!pinned, out.contains("warning: OpenBLAS's kernel is not pinned"), out);
    }

    @Test
    void skipsTheBenchmarkAtZeroSecondsAndRejectsNegativeOnes() {
        String[] r = run("doctor", "--bench-seconds", "0");
        assertEquals("0", r[0], r[2]);
        assertTrue(!r[1].contains("benchmark:"), r[1]);
        String[] bad = run("doctor", "--bench-seconds", "-1");
        assertEquals("2", bad[0]);
        assertTrue(bad[2].contains("--bench-seconds must be in [0, 600], was -1.0"), bad[2]);
    }

    @Test
    void computeCommandsPrintTheBackendLineOnStderrAndHelpDoesNot() {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        String[] e;
        String[] help;
        String helpErr;
        try {
            System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            help = run("bench", "envs", "--help");
            helpErr = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
            e = run("experiment", "no-such-file.yaml");
        } finally {
            System.setErr(saved);
        }
        assertEquals("0", help[0]);
        assertTrue(!helpErr.contains("backend"), helpErr);
        String stderr = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(stderr.lines().anyMatch(l -> l.matches("netmoe: ND4J \\S+ backend CpuBackend \\(nd4j-native .*\\),"
                + " 1 OpenMP thread, OpenBLAS kernel \\S+ \\((pinned by netmoe|set by OPENBLAS_CORETYPE.*)\\)")), stderr);
        // The command's own error stays one line.
        assertEquals(1, e[2].strip().lines().count(), e[2]);
    }
}
