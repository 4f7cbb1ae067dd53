package org.netmoe.moe.nn;

import java.util.Locale;

/**
 * Which kernels {@link Mlp} and {@link Adam} (and so every network built on them) run on. Both paths
 * compute the same functions and agree to float rounding; each is deterministic.
 *
 * <p>Chosen by the system property {@value #PROPERTY} ({@code host} or {@code nd4j}); unset, it is
 * {@link #HOST} on ND4J's CPU backend and {@link #ND4J} on every other backend (CUDA). Setting
 * {@code -Dnetmoe.kernels=nd4j} on the CPU backend runs the GPU's code path on the CPU, which is how
 * CI checks it without a GPU.
 */
public enum KernelPath {
    /**
     * CPU backend only: matrix products straight into OpenBLAS's {@code cblas_sgemm}, elementwise work
     * (ReLU, activation masks, bias sums, Polyak, the whole Adam step) as Java loops over bulk copies of
     * the buffers. Each ND4J op costs ~5–60 µs of dispatch at RL sizes; a host loop costs ~1 µs.
     */
    HOST,
    /** ND4J ops only ({@code xw_plus_b}, {@code gemm}, {@code adam_updater}, …): no host copy per step. */
    ND4J;

    /** The system property that selects the path. */
    public static final String PROPERTY = "netmoe.kernels";

    /**
     * The path selected by {@value #PROPERTY} for this JVM's ND4J backend.
     *
     * @throws IllegalArgumentException if the property is neither {@code host} nor {@code nd4j}, or is
     *                                  {@code host} on a backend other than CPU
     */
    public static KernelPath configured() {
        return parse(System.getProperty(PROPERTY), HostArrays.CPU_BACKEND);
    }

    /** {@link #configured()} for a property value ({@code null}: unset) and a backend. */
    static KernelPath parse(String value, boolean cpuBackend) {
        if (value == null || value.isBlank()) {
            return cpuBackend ? HOST : ND4J;
        }
        KernelPath path = switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "host" -> HOST;
            case "nd4j" -> ND4J;
            default -> throw new IllegalArgumentException(PROPERTY + " must be host or nd4j, was '" + value + "'");
        };
        if (path == HOST && !cpuBackend) {
            throw new IllegalArgumentException(PROPERTY + "=host needs ND4J's CPU backend (nd4j-native), but this "
                    + "JVM runs another backend; use nd4j or leave " + PROPERTY + " unset");
        }
        return path;
    }
}
