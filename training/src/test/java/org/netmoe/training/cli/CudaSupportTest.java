package org.netmoe.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which GPUs ND4J 1.0.0-M2.1's CUDA binary runs on, and what doctor says when it cannot. */
class CudaSupportTest {

    @ParameterizedTest(name = "sm_{0}{1} runs sm_{2}")
    @CsvSource({
        "8, 6, 86", "8, 0, 80", "7, 5, 75", "7, 0, 70", "6, 1, 61", "6, 0, 60", "5, 2, 52", "5, 0, 50", "3, 7, 37",
        // Same major, a higher minor: the newest SASS not above it (Ada sm_89 and Orin sm_87 run sm_86,
        // Xavier sm_72 runs sm_70, Jetson Nano sm_53 runs sm_52).
        "8, 9, 86", "8, 7, 86", "7, 2, 70", "6, 2, 61", "5, 3, 52"})
    void runsTheNewestSassOfTheSameMajorVersionNotAboveTheDevice(int major, int minor, int sass) {
        assertEquals(OptionalInt.of(sass), CudaSupport.sassFor(major, minor));
        assertEquals(Optional.empty(), CudaSupport.unsupportedReason(0, "GPU", major, minor));
    }

    @ParameterizedTest(name = "sm_{0}{1} has no SASS")
    @CsvSource({
        "9, 0", // Hopper H100/H200: no sm_9x SASS, and sm_86 SASS does not run across a major version
        "10, 0", "12, 0", // Blackwell
        "3, 5", "3, 0", // Kepler below sm_37: a cubin never runs on a lower minor version
        "2, 1"})
    void hasNoCodeForOtherMajorVersionsOrLowerMinorOnes(int major, int minor) {
        assertEquals(OptionalInt.empty(), CudaSupport.sassFor(major, minor));
    }

    @Test
    void namesTheDeviceItsArchitectureAndWhyItCannotRun() {
        String line = CudaSupport.unsupportedReason(1, "NVIDIA H100 80GB HBM3", 9, 0).orElseThrow();
        assertEquals("error: cuda device 1 (NVIDIA H100 80GB HBM3, sm_90) cannot run ND4J 1.0.0-M2.1's CUDA kernels:"
                + " libnd4jcuda.so has SASS for sm_37 sm_50 sm_52 sm_60 sm_61 sm_70 sm_75 sm_80 sm_86 only, none that"
                + " runs on sm_90 (SASS runs only on its own major compute capability), and no PTX to JIT-compile;"
                + " use a GPU of sm_37 to sm_86, or the CPU backend (build without -Pcuda).", line);
    }

    @Test
    void aProbeWithOnlyUnsupportedGpusCannotRunAndSaysSoPerDevice() {
        CudaSupport.Probe hopper = new CudaSupport.Probe(List.of(new CudaSupport.Gpu(0, "NVIDIA H100", 9, 0),
                new CudaSupport.Gpu(1, "NVIDIA H200", 9, 0)), Optional.empty());
        assertFalse(hopper.runnable());
        assertEquals(2, hopper.problems().size(), hopper.problems().toString());
        assertTrue(hopper.problems().get(1).startsWith("error: cuda device 1 (NVIDIA H200, sm_90)"), hopper.problems().get(1));

        CudaSupport.Probe mixed = new CudaSupport.Probe(List.of(new CudaSupport.Gpu(0, "NVIDIA A100", 8, 0),
                new CudaSupport.Gpu(1, "NVIDIA H100", 9, 0)), Optional.empty());
        assertTrue(mixed.runnable());
        assertEquals(1, mixed.problems().size(), mixed.problems().toString());
        assertTrue(mixed.problems().get(0).startsWith("error: cuda device 1 (NVIDIA H100, sm_90)"));

        CudaSupport.Probe ampere = new CudaSupport.Probe(List.of(new CudaSupport.Gpu(0, "NVIDIA A100", 8, 0)),
                Optional.empty());
        assertTrue(ampere.runnable());
        assertEquals(List.of(), ampere.problems());
    }

    @Test
    void aProbeWithNoDeviceOrUnloadableLibrariesCannotRun() {
        CudaSupport.Probe none = new CudaSupport.Probe(List.of(), Optional.empty());
        assertFalse(none.runnable());
        assertTrue(none.problems().get(0).startsWith("cuda devices: none found by the CUDA runtime"));
        CudaSupport.Probe failed = new CudaSupport.Probe(List.of(), Optional.of("cuda runtime: cannot load x"));
        assertFalse(failed.runnable());
        assertEquals(List.of("cuda runtime: cannot load x"), failed.problems());
    }

    @Test
    void readsTheMissingLibraryFromTheLinkErrorsCauseAndAdvisesByLibrary() {
        // What JavaCPP threw on this GPU-less machine with -Pcuda (no NVIDIA driver installed).
        UnsatisfiedLinkError driver = new UnsatisfiedLinkError("no jnicudart in java.library.path: /usr/lib");
        driver.initCause(new UnsatisfiedLinkError("/root/.javacpp/cache/cuda-11.6-8.3-1.5.7-linux-x86_64.jar/org/"
                + "bytedeco/cuda/linux-x86_64/libjnicudart.so: libcuda.so.1: cannot open shared object file:"
                + " No such file or directory"));
        assertEquals(Optional.of("libcuda.so.1"), CudaSupport.missingLibrary(driver));
        assertTrue(CudaSupport.missingLibraryAdvice("libcuda.so.1").contains("the NVIDIA driver's library"));
        UnsatisfiedLinkError cublas = new UnsatisfiedLinkError(
                "/x/libjnicublas.so: libcublas.so.11: cannot open shared object file: No such file or directory");
        assertEquals(Optional.of("libcublas.so.11"), CudaSupport.missingLibrary(cublas));
        assertTrue(CudaSupport.missingLibraryAdvice("libcublas.so.11")
                .contains("org.bytedeco:cuda:11.6-8.3-1.5.7:linux-x86_64-redist"));
        assertEquals(Optional.empty(), CudaSupport.missingLibrary(new UnsatisfiedLinkError("no jnicudart")));
        assertEquals(Optional.empty(), CudaSupport.missingLibrary(new UnsatisfiedLinkError()));
    }
}
