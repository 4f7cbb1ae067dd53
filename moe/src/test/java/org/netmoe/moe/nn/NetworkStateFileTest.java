package org.netmoe.moe.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkStateFileTest {
    private static final NetworkState STATE = new NetworkState(new int[] {3, 4, 2}, Mlp.Activation.TANH,
            floats(Mlp.numParams(new int[] {3, 4, 2})));

    private static float[] floats(long n) {
        float[] f = new float[(int) n];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) Math.sin(i + 0.5);
        }
        return f;
    }

    @Test
    void roundTripsExactly(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("net.bin");
        NetworkStateFile.write(file, STATE);
        assertEquals(STATE, NetworkStateFile.read(file));
    }

    @Test
    void truncatedFileIsRejectedNamingIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("net.bin");
        NetworkStateFile.write(file, STATE);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
        IOException e = assertThrows(IOException.class, () -> NetworkStateFile.read(file));
        assertTrue(e.getMessage().contains("net.bin is truncated"), e.getMessage());
    }

    @Test
    void foreignAndNewerFilesAreRejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("net.bin");
        Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertTrue(assertThrows(IOException.class, () -> NetworkStateFile.read(file)).getMessage()
                .contains("not a NetMoE network file"));
        NetworkStateFile.write(file, STATE);
        byte[] bytes = Files.readAllBytes(file);
        bytes[7] = 9;
        Files.write(file, bytes);
        assertTrue(assertThrows(IOException.class, () -> NetworkStateFile.read(file)).getMessage()
                .contains("network file format 9, this build reads up to 1"));
        assertTrue(assertThrows(IOException.class, () -> NetworkStateFile.read(dir.resolve("missing.bin")))
                .getMessage().contains("network file not found"));
    }
}
