package org.netmoe.moe.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelPathTest {

    @Test
    void defaultsToHostOnCpuAndNd4jElsewhere() {
        assertEquals(KernelPath.HOST, KernelPath.parse(null, true));
        assertEquals(KernelPath.ND4J, KernelPath.parse(null, false));
        assertEquals(KernelPath.ND4J, KernelPath.parse("nd4j", true));
        assertEquals(KernelPath.ND4J, KernelPath.parse(" ND4J ", false));
        assertEquals(KernelPath.HOST, KernelPath.parse("host", true));
    }

    @Test
    void invalidValueNamesThePropertyAndTheAllowedValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelPath.parse("cuda", true));
        assertEquals("netmoe.kernels must be host or nd4j, was 'cuda'", e.getMessage());
    }

    @Test
    void hostPathIsRejectedOffTheCpuBackend() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelPath.parse("host", false));
        assertTrue(e.getMessage().startsWith("netmoe.kernels=host needs ND4J's CPU backend"), e.getMessage());
    }
}
