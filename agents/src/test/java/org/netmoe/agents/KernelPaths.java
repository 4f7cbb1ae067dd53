package org.netmoe.agents;

import java.util.Locale;
import java.util.function.Supplier;
import org.netmoe.core.rng.RngStream;
import org.netmoe.moe.nn.HostArrays;
import org.netmoe.moe.nn.KernelPath;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Builds networks on a chosen {@link KernelPath} by setting {@value KernelPath#PROPERTY} around their construction
 * (a network keeps the path it was built with), and the helpers of the tests that compare the host and ND4J paths.
 */
public final class KernelPaths {
    private KernelPaths() {
    }

    /** {@code make} run with {@value KernelPath#PROPERTY} set to {@code path}; the property is restored after. */
    public static <T> T on(KernelPath path, Supplier<T> make) {
        String previous = System.getProperty(KernelPath.PROPERTY);
        System.setProperty(KernelPath.PROPERTY, path.name().toLowerCase(Locale.ROOT));
        try {
            return make.get();
        } finally {
            if (previous == null) {
                System.clearProperty(KernelPath.PROPERTY);
            } else {
                System.setProperty(KernelPath.PROPERTY, previous);
            }
        }
    }

    /** {@code n} floats uniform in [−scale, scale) from {@code rng}. */
    public static float[] uniform(RngStream rng, int n, double scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (scale * (2 * rng.nextDouble() - 1));
        }
        return x;
    }

    /** A host copy of {@code a}'s elements in row-major order. */
    public static float[] toHost(INDArray a) {
        float[] x = new float[Math.toIntExact(a.length())];
        HostArrays.read(a.dup('c'), x);
        return x;
    }

    /** Largest |a_i − b_i| / max(1, |a_i|), the relative error the equivalence tests bound. */
    public static double maxRelativeError(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths " + a.length + " and " + b.length);
        }
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1.0, Math.abs(a[i])));
        }
        return worst;
    }
}
