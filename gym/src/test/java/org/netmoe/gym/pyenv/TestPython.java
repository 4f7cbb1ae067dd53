package org.netmoe.gym.pyenv;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Python these tests run workers with: {@code python/.venv} (scripts/python-env.sh). Without it the
 * tests are skipped with that advice, unless {@code NETMOE_REQUIRE_PYTHON=1} (CI), where they fail;
 * {@code -Dnetmoe.python.skip=true} skips them (CI's second pass).
 */
final class TestPython {
    /** The checkout's python/ directory: the worker runs from these sources. */
    static final Path PACKAGE = Path.of("..", "python").toAbsolutePath().normalize();

    private TestPython() {
    }

    /** The venv's interpreter; skips (or fails under NETMOE_REQUIRE_PYTHON=1) without one. */
    static String interpreter() {
        assumeTrue(!Boolean.getBoolean("netmoe.python.skip"), "Python tests skipped (-Dnetmoe.python.skip=true)");
        Path python = PACKAGE.resolve(".venv/bin/python");
        if (!Files.isExecutable(python)) {
            if ("1".equals(System.getenv("NETMOE_REQUIRE_PYTHON"))) {
                fail("python/.venv is missing (NETMOE_REQUIRE_PYTHON=1): run scripts/python-env.sh");
            }
            assumeTrue(false, "no python/.venv: run scripts/python-env.sh");
        }
        return python.toString();
    }

    /** A config running {@code kwargs} with the venv's interpreter, finding modules in {@code dirs} and the checkout. */
    static GymEnvConfig config(Map<String, Object> kwargs, Path... dirs) {
        List<String> path = new ArrayList<>();
        for (Path d : dirs) {
            path.add(d.toString());
        }
        path.add(PACKAGE.toString());
        return new GymEnvConfig(kwargs, interpreter(), path);
    }
}
