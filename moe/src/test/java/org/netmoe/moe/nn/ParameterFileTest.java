package org.netmoe.moe.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.core.rng.RngStream;

class ParameterFileTest {

    private static Map<String, float[]> arrays() {
        Map<String, float[]> m = new LinkedHashMap<>();
        m.put("actor", new float[] {1.5f, -2f, Float.MIN_VALUE});
        m.put("log_std", new float[] {-0.5f});
        m.put("empty", new float[0]);
        return m;
    }

    @Test
    void roundTripsNamesOrderAndBitsExactly(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("p.bin");
        ParameterFile.write(file, arrays());
        Map<String, float[]> back = ParameterFile.read(file);
        assertEquals(List.of("actor", "log_std", "empty"), List.copyOf(back.keySet()));
        assertArrayEquals(arrays().get("actor"), back.get("actor"));
        assertArrayEquals(arrays().get("log_std"), back.get("log_std"));
    }

    @Test
    void loadsANetworkAndNamesMismatches(@TempDir Path dir) throws IOException {
        Mlp net = Mlp.create(new int[] {2, 3, 1}, Mlp.Activation.RELU, RngStream.of(1));
        Path file = dir.resolve("p.bin");
        ParameterFile.write(file, Map.of("q", net.parameters().toFloatVector(), "small", new float[2]));
        Mlp other = Mlp.create(new int[] {2, 3, 1}, Mlp.Activation.RELU, RngStream.of(2));
        Map<String, float[]> read = ParameterFile.read(file);
        ParameterFile.load(read, "q", other, file);
        assertArrayEquals(net.parameters().toFloatVector(), other.parameters().toFloatVector());
        assertTrue(assertThrows(IOException.class, () -> ParameterFile.load(read, "small", other, file)).getMessage()
                .contains("entry small has 2 parameters, the network 13"));
        assertTrue(assertThrows(IOException.class, () -> ParameterFile.load(read, "actor", other, file)).getMessage()
                .contains("has no entry actor"));
    }

    @Test
    void truncatedForeignNewerAndMissingFilesAreRejectedNamingTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("p.bin");
        ParameterFile.write(file, arrays());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));
        assertTrue(assertThrows(IOException.class, () -> ParameterFile.read(file)).getMessage().contains("p.bin is truncated"));
        Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertTrue(assertThrows(IOException.class, () -> ParameterFile.read(file)).getMessage()
                .contains("not a NetMoE parameter file"));
        bytes[7] = 7;
        Files.write(file, bytes);
        assertTrue(assertThrows(IOException.class, () -> ParameterFile.read(file)).getMessage()
                .contains("parameter file format 7, this build reads up to 1"));
        assertTrue(assertThrows(IOException.class, () -> ParameterFile.read(dir.resolve("none.bin"))).getMessage()
                .contains("parameter file not found"));
    }
}
