package org.netmoe.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Reads event files with TensorBoard's own Python reader (the {@code tensorboard} package from
 * PyPI, through {@code read_events.py}) for tests. Where Python or the package is missing the
 * calling test is skipped, unless {@code NETMOE_REQUIRE_TENSORBOARD=1} (set by {@code .ci/run}),
 * which makes it fail.
 */
public final class TensorBoardReader {
    private TensorBoardReader() {
    }

    /** What {@code read_events.py} printed for {@code eventFile}: {@code records}, {@code scalars}, {@code texts}. */
    public static JsonNode read(Path eventFile, Path workDir) throws IOException, InterruptedException {
        requireReader();
        Path script = workDir.resolve("read_events.py");
        try (InputStream in = TensorBoardReader.class.getResourceAsStream("/read_events.py")) {
            Files.copy(in, script);
        }
        Path out = workDir.resolve("read_events.json");
        Path err = workDir.resolve("read_events.err");
        Process p = new ProcessBuilder("python3", script.toString(), eventFile.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("TensorBoard's reader did not finish in 120 s");
        }
        assertEquals(0, p.exitValue(), () -> "TensorBoard's reader failed: " + readString(err));
        // Python's json writes NaN for a NaN scalar.
        return JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().readTree(out.toFile());
    }

    private static void requireReader() throws IOException, InterruptedException {
        boolean present;
        try {
            Process probe = new ProcessBuilder("python3", "-c", "import tensorboard").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            present = probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            present = false;
        }
        String advice = "TensorBoard's Python reader is not installed (pip install tensorboard)";
        if ("1".equals(System.getenv("NETMOE_REQUIRE_TENSORBOARD"))) {
            if (!present) {
                fail(advice + ", and NETMOE_REQUIRE_TENSORBOARD=1");
            }
        }
        assumeTrue(present, advice + "; skipped");
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
