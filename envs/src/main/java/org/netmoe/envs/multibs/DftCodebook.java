package org.netmoe.envs.multibs;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.complex.ComplexField;
import org.apache.commons.math3.linear.Array2DRowFieldMatrix;
import org.apache.commons.math3.linear.FieldMatrix;
import org.netmoe.core.Require;

/**
 * The oversampled DFT precoding codebook of the UE ({@code Nt} antennas, {@code Ns} streams,
 * oversampling {@code O}; the construction of the LTE/NR Type-I codebooks for a 1-D array).
 *
 * <p>Beam {@code k ∈ [0, O·Nt)} is {@code a_k[n] = exp(j·2π·n·k / (O·Nt)) / √Nt}. Precoder
 * {@code b ∈ [0, O·Nt)} sends stream {@code i} on beam {@code (b + i·O) mod O·Nt}, scaled by
 * {@code 1/√Ns}: beams {@code O} apart are orthogonal, so each precoder is semi-unitary
 * ({@code W^H W = I/Ns}) and the total transmit power does not depend on the choice.
 */
public final class DftCodebook {
    private final List<FieldMatrix<Complex>> entries;

    private DftCodebook(List<FieldMatrix<Complex>> entries) {
        this.entries = entries;
    }

    /**
     * The codebook of {@code oversampling·antennas} precoders {@code [antennas, streams]}.
     *
     * @throws IllegalArgumentException if a size is out of range ({@code streams <= antennas})
     */
    public static DftCodebook of(int antennas, int streams, int oversampling) {
        Require.positive("antennas", antennas);
        Require.inRange("streams", streams, 1, antennas);
        Require.positive("oversampling", oversampling);
        int beams = oversampling * antennas;
        List<FieldMatrix<Complex>> entries = new ArrayList<>(beams);
        double scale = 1 / Math.sqrt((double) antennas * streams);
        for (int b = 0; b < beams; b++) {
            Complex[][] w = new Complex[antennas][streams];
            for (int i = 0; i < streams; i++) {
                int k = (b + i * oversampling) % beams;
                for (int n = 0; n < antennas; n++) {
                    w[n][i] = ComplexPolar.of(scale, 2 * Math.PI * n * k / beams);
                }
            }
            entries.add(new Array2DRowFieldMatrix<>(ComplexField.getInstance(), w, false));
        }
        return new DftCodebook(List.copyOf(entries));
    }

    /** Number of precoders. */
    public int size() {
        return entries.size();
    }

    /** Precoder {@code index} as an {@code [antennas, streams]} matrix (do not modify). */
    public FieldMatrix<Complex> get(int index) {
        return entries.get(index);
    }
}
