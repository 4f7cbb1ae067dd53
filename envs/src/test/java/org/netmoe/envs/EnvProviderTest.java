package org.netmoe.envs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.envs.maze.MazeEnv;

class EnvProviderTest {
    @TempDir
    Path tmp;

    @Test
    void theBuiltInsRegisterThroughServiceLoader() {
        assertEquals(List.of("maze-3x7", "nsp-power", "edge-select", "dmoe-select", "multi-bs"),
                EnvRegistry.standard().ids());
    }

    @Test
    void aBrokenProviderJarIsOneLine() throws Exception {
        Path services = Files.createDirectories(tmp.resolve("META-INF/services"));
        Files.writeString(services.resolve(EnvProvider.class.getName()), "com.example.Missing\n");
        IllegalArgumentException e = withClassPath(tmp, () -> assertThrows(IllegalArgumentException.class,
                EnvRegistry::standard));
        assertTrue(e.getMessage().startsWith("an EnvProvider on the class path cannot be loaded: ")
                && e.getMessage().contains("com.example.Missing") && !e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aClashingIdNamesBothProviders() {
        EnvRegistry r = new EnvRegistry().register(MazeEnv.SPEC);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.register(MazeEnv.SPEC));
        assertEquals("env id already registered: maze-3x7 (by the caller, again by the caller)", e.getMessage());
    }

    private static <T> T withClassPath(Path dir, Supplier<T> body) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, before)) {
            t.setContextClassLoader(loader);
            return body.get();
        } finally {
            t.setContextClassLoader(before);
        }
    }
}
