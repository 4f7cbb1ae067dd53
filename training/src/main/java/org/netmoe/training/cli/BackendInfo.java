package org.netmoe.training.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * What ND4J runs on in this process: backend, native build level (CPU), OpenMP threads and the
 * CUDA devices of a GPU backend. Reading it initialises ND4J.
 *
 * @param backend      the backend class, e.g. {@code CpuBackend} or {@code JCublasBackend}
 * @param nd4jVersion  the nd4j-api version on the classpath
 * @param cpu          whether the backend is ND4J's CPU backend
 * @param binaryLevel  the CPU binary's instruction-set level (CPU backend), e.g. {@code AVX/AVX2}
 * @param optimalLevel the best level this CPU supports (CPU backend)
 * @param ompThreads   OpenMP threads ND4J's native code uses
 * @param devices      the CUDA devices (empty on the CPU backend)
 * @param openblasKernel the kernel OpenBLAS was told to run ({@code OPENBLAS_CORETYPE}, e.g. {@code Haswell}),
 *                     {@code auto} when it picks one by CPU, {@code n/a} off the CPU backend
 * @param kernelPin    how that kernel was chosen: {@link KernelPin}
 */
record BackendInfo(String backend, String nd4jVersion, boolean cpu, String binaryLevel, String optimalLevel,
                   int ompThreads, List<Device> devices, String openblasKernel, KernelPin kernelPin) {

    /** The kernel NetMoE pins on CPUs with AVX2 and FMA, unless the user set {@code OPENBLAS_CORETYPE}. */
    static final String PINNED_KERNEL = "Haswell";

    /**
     * How OpenBLAS's kernel was chosen: pinned by NetMoE's launcher (or the Maven build, for tests),
     * set by the user's {@code OPENBLAS_CORETYPE}, or left to OpenBLAS's run-time detection (no pin:
     * the CPU lacks AVX2/FMA, or the JVM was started without the launcher).
     */
    enum KernelPin {
        PINNED, USER, DETECTED;

        static KernelPin fromEnvironment() {
            String coretype = System.getenv("OPENBLAS_CORETYPE");
            if (coretype == null || coretype.isBlank()) {
                return DETECTED;
            }
            return "1".equals(System.getenv("NETMOE_KERNEL_PINNED")) ? PINNED : USER;
        }

        String describe() {
            return switch (this) {
                case PINNED -> "pinned by netmoe";
                case USER -> "set by OPENBLAS_CORETYPE: results may differ from the reference results";
                case DETECTED -> "chosen by OpenBLAS for this CPU: not pinned";
            };
        }
    }

    /** One CUDA device; memory in bytes. */
    record Device(int index, String name, int major, int minor, long freeBytes, long totalBytes) {
    }

    /** Reads the running backend. */
    static BackendInfo current() {
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        boolean cpu = Nd4j.getBackend().getClass().getName().contains("Cpu");
        List<Device> devices = new ArrayList<>();
        if (!cpu) {
            for (int d = 0; d < ops.getAvailableDevices(); d++) {
                devices.add(new Device(d, ops.getDeviceName(d), ops.getDeviceMajor(d), ops.getDeviceMinor(d),
                        ops.getDeviceFreeMemory(d), ops.getDeviceTotalMemory(d)));
            }
        }
        return new BackendInfo(backend, readNd4jVersion(), cpu, cpu ? levelName(ops.binaryLevel()) : "n/a",
                cpu ? levelName(ops.optimalLevel()) : "n/a", ops.ompGetMaxThreads(), List.copyOf(devices),
                cpu ? requestedKernel() : "n/a", KernelPin.fromEnvironment());
    }

    /**
     * {@code OPENBLAS_CORETYPE}, which OpenBLAS's dynamic-architecture build reads when it loads (the
     * JavaCPP binding does not expose {@code openblas_get_corename}), or {@code auto}.
     */
    private static String requestedKernel() {
        String coretype = System.getenv("OPENBLAS_CORETYPE");
        return coretype == null || coretype.isBlank() ? "auto" : coretype.trim();
    }

    /** ND4J's names of its CPU binary levels (as in its CPU feature check). */
    static String levelName(int level) {
        return switch (level) {
            case 3 -> "AVX512";
            case 2 -> "AVX/AVX2";
            default -> "Generic x86";
        };
    }

    /** One line for the start of a compute command, e.g. {@code backend: CpuBackend (nd4j-native AVX/AVX2), 1 OpenMP thread}. */
    String banner() {
        String where = cpu
                ? "nd4j-native " + binaryLevel
                : devices.isEmpty() ? "no CUDA device"
                : devices.stream().map(d -> d.name() + " sm_" + d.major() + d.minor()).reduce((a, b) -> a + ", " + b)
                        .orElseThrow();
        String kernel = cpu ? ", OpenBLAS kernel " + openblasKernel + " (" + kernelPin.describe() + ")" : "";
        return String.format(Locale.ROOT, "netmoe: ND4J %s backend %s (%s), %d OpenMP thread%s%s", nd4jVersion,
                backend, where, ompThreads, ompThreads == 1 ? "" : "s", kernel);
    }

    private static String readNd4jVersion() {
        try (InputStream in = Nd4j.class.getResourceAsStream("/META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
