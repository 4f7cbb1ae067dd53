package org.netmoe.training.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The smoke configs reproduce their committed results ({@code results/<config>/}) exactly.
 *
 * <p>Each experiment runs in a child JVM started the way {@code ./netmoe} starts one ({@link PinnedRun}):
 * whatever kernel or path this test JVM runs on (CI runs the suite a second time with another kernel and
 * the ND4J-op path forced, as on another processor), the child gets NetMoE's defaults as a user who set
 * nothing would, and the files must match byte for byte. A {@code -XX:UseAVX} level given to this JVM
 * is passed on, so the child's JIT also generates code as on that processor. A change that moves a
 * number fails here; if the change is intended, {@code scripts/regenerate-results.sh} rewrites
 * the files (and the README tables) in the same commit.
 */
class GoldenResultsTest {
    /** Files with wall-clock content, which no run can reproduce; every other committed file is compared. */
    private static final Map<String, List<String>> WALL_CLOCK = Map.of(
            "nsp-fig6-smoke", List.of("cost.csv", "summary.md"),
            "edge-fig4-smoke", List.of("summary.md"));

    @ParameterizedTest
    @ValueSource(strings = {"maze-fig5-smoke", "nsp-fig6-smoke", "edge-fig4-smoke", "dmoe-table1-smoke",
            "multibs-fig12-smoke"})
    void smokeConfigReproducesItsCommittedResults(String config, @TempDir Path tmp) throws Exception {
        Path root = PinnedRun.projectRoot();
        Path golden = root.resolve("results").resolve(config);
        List<Path> files = committedFiles(golden);
        assertFalse(files.isEmpty(), "no committed results in " + golden);
        Path run = tmp.resolve(config);
        Path log = tmp.resolve(config + ".log");
        int code = PinnedRun.run(log, 900, "experiment", "configs/" + config + ".yaml", "--run-dir", run.toString());
        assertEquals(0, code, () -> config + " failed:\n" + PinnedRun.tail(log));
        for (Path expected : files) {
            String name = expected.getFileName().toString();
            if (WALL_CLOCK.getOrDefault(config, List.of()).contains(name)) {
                continue;
            }
            Path actual = run.resolve(name);
            String want = Files.readString(expected);
            String got = Files.exists(actual) ? Files.readString(actual) : "(missing)";
            if (!want.equals(got)) {
                fail("results/" + config + "/" + name + " differs from this run's " + firstDifference(want, got)
                        + "\nIf the change is intended, regenerate with: scripts/regenerate-results.sh " + config);
            }
        }
    }

    private static List<Path> committedFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String firstDifference(String want, String got) {
        String[] a = want.split("\n", -1);
        String[] b = got.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "(end of file)";
            String y = i < b.length ? b[i] : "(end of file)";
            if (!x.equals(y)) {
                return "at line " + (i + 1) + ":\n  committed: " + x + "\n  this run:  " + y;
            }
        }
        return "(line endings)";
    }

}
