package org.netmoe.agents;

import java.util.Locale;
import java.util.function.Supplier;
import org.netmoe.moe.nn.KernelPath;

/**
 * Builds networks on a chosen {@link KernelPath} by setting {@value KernelPath#PROPERTY} around their construction
 * (a network keeps the path it was built with), for tests that compare the host and ND4J paths.
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
