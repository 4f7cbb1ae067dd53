package org.netmoe.envs.multibs;

import org.apache.commons.math3.complex.Complex;

/** {@code r·exp(jφ)} as a Commons Math {@link Complex}. */
final class ComplexPolar {
    private ComplexPolar() {
    }

    static Complex of(double r, double phase) {
        return new Complex(r * Math.cos(phase), r * Math.sin(phase));
    }
}
