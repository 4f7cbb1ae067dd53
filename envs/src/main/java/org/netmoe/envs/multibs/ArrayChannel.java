package org.netmoe.envs.multibs;

import java.util.List;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.complex.ComplexField;
import org.apache.commons.math3.linear.Array2DRowFieldMatrix;
import org.apache.commons.math3.linear.FieldMatrix;

/**
 * The MIMO channel of a set of propagation paths between a UE ULA and a BS cross-polarized UPA
 * ({@code H = Σ_l √g_l·e^{jψ_l}·(p_l ⊗ a_BS(φ_l^A, θ_l^A))·a_UE(φ_l^D, θ_l^D)^H}; array conventions in
 * {@link GeometricChannel}). Angles in radians: azimuth φ in the horizontal plane from the x axis,
 * elevation θ above it.
 */
final class ArrayChannel {
    private ArrayChannel() {
    }

    /**
     * One path: amplitude √g, phase ψ (radians), arrival azimuth/elevation at the BS, departure
     * azimuth/elevation at the UE, and the gains onto the +45° and −45° slants.
     */
    record Path(double amplitude, double phase, double azArrival, double elArrival, double azDeparture,
                double elDeparture, Complex plus, Complex minus) {
    }

    /** {@code H [2·Mh·Mv, Nt]} of {@code paths} for a BS whose UPA faces azimuth {@code facing}. */
    static FieldMatrix<Complex> of(List<Path> paths, MultiBsConfig config, double facing) {
        int mh = config.bsHorizontal();
        int mv = config.bsVertical();
        int ports = config.bsPorts();
        int nt = config.ueAntennas();
        double[][] re = new double[ports][nt];
        double[][] im = new double[ports][nt];
        Complex[] aUe = new Complex[nt];
        for (Path p : paths) {
            for (int n = 0; n < nt; n++) {
                // a_UE^H: conjugated ULA response along x.
                aUe[n] = ComplexPolar.of(1, -Math.PI * n * Math.cos(p.elDeparture()) * Math.cos(p.azDeparture()));
            }
            Complex g = ComplexPolar.of(p.amplitude(), p.phase());
            for (int q = 0; q < mv; q++) {
                for (int e = 0; e < mh; e++) {
                    Complex aBs = ComplexPolar.of(1, Math.PI * (e * Math.cos(p.elArrival())
                            * Math.sin(p.azArrival() - facing) + q * Math.sin(p.elArrival())));
                    Complex ga = g.multiply(aBs);
                    for (int pol = 0; pol < 2; pol++) {
                        Complex c = ga.multiply(pol == 0 ? p.plus() : p.minus());
                        int row = pol * mh * mv + q * mh + e;
                        for (int n = 0; n < nt; n++) {
                            Complex v = c.multiply(aUe[n]);
                            re[row][n] += v.getReal();
                            im[row][n] += v.getImaginary();
                        }
                    }
                }
            }
        }
        Complex[][] h = new Complex[ports][nt];
        for (int r = 0; r < ports; r++) {
            for (int n = 0; n < nt; n++) {
                h[r][n] = new Complex(re[r][n], im[r][n]);
            }
        }
        return new Array2DRowFieldMatrix<>(ComplexField.getInstance(), h, false);
    }
}
