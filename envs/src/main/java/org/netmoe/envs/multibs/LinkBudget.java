package org.netmoe.envs.multibs;

import java.util.List;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.complex.ComplexField;
import org.apache.commons.math3.linear.FieldLUDecomposition;
import org.apache.commons.math3.linear.FieldMatrix;
import org.apache.commons.math3.linear.MatrixUtils;

/**
 * Post-MMSE sum rates of one UE's streams for every (BS set, precoder) pair.
 *
 * <p>With cooperative set {@code S}, precoder {@code W [Nt, Ns]}, stacked channel
 * {@code H_S = [H_u; u ∈ S]} and SNR scale {@code ρ = P/σ²} (the precoder's {@code W^H W = I/Ns} gives each
 * stream {@code P/Ns}, {@code P} in total), joint MMSE equalization
 * of {@code y = √ρ·H_S W s + n} leaves stream {@code k} with the error
 * {@code MSE_k = [(I + ρ·G^H G)^{-1}]_kk}, {@code G = H_S W}, and {@code SINR_k = 1/MSE_k − 1}; the reward
 * is {@code Σ_k log2(1 + SINR_k) = −Σ_k log2 MSE_k} in bit/s/Hz. Since
 * {@code G^H G = Σ_{u∈S} (H_u W)^H (H_u W)}, the per-BS Gram matrices are computed once per UE (for a
 * BS on its first use) and summed per set. The inverse comes from Commons Math's LU decomposition over the complex field.
 */
public final class LinkBudget {
    private final BsSets sets;
    private final int streams;
    private final List<FieldMatrix<Complex>> channels;
    private final DftCodebook codebook;
    private final Complex scale;
    /** gram[u][w] = ρ·(H_u W_w)^H (H_u W_w), [Ns, Ns]; a BS's row is computed on its first use. */
    private final FieldMatrix<Complex>[][] gram;

    /**
     * The budget of a UE with channels {@code channels} ({@code H_u [ports, Nt]} per BS) under
     * {@code codebook} and SNR scale {@code rho = P/σ²} (linear; the precoder splits {@code P} over the streams).
     */
    @SuppressWarnings("unchecked")
    public LinkBudget(List<FieldMatrix<Complex>> channels, DftCodebook codebook, BsSets sets, double rho) {
        this.sets = sets;
        this.streams = codebook.get(0).getColumnDimension();
        this.channels = channels;
        this.codebook = codebook;
        this.scale = new Complex(rho, 0);
        this.gram = new FieldMatrix[channels.size()][];
    }

    /** The Gram matrices of BS {@code u} under every precoder (most steps touch only the chosen set's BSs). */
    private FieldMatrix<Complex>[] gram(int u) {
        if (gram[u] == null) {
            @SuppressWarnings("unchecked")
            FieldMatrix<Complex>[] row = new FieldMatrix[codebook.size()];
            for (int w = 0; w < row.length; w++) {
                FieldMatrix<Complex> g = channels.get(u).multiply(codebook.get(w));
                row[w] = conjugateTranspose(g).multiply(g).scalarMultiply(scale);
            }
            gram[u] = row;
        }
        return gram[u];
    }

    /** {@code Σ_k log2(1 + SINR_k)} of MMSE reception by BS set {@code setIndex} with precoder {@code precoder}. */
    public double sumRate(int setIndex, int precoder) {
        FieldMatrix<Complex> a = MatrixUtils.createFieldIdentityMatrix(ComplexField.getInstance(), streams);
        for (int u : sets.get(setIndex)) {
            a = a.add(gram(u)[precoder]);
        }
        return mmseSumRate(a);
    }

    /**
     * {@code −Σ_k log2 [A^{-1}]_kk} for {@code A = I + ρ·G^H G} (Hermitian positive definite).
     *
     * @throws IllegalArgumentException if {@code a} is singular
     */
    public static double mmseSumRate(FieldMatrix<Complex> a) {
        FieldMatrix<Complex> inv = new FieldLUDecomposition<>(a).getSolver().getInverse();
        double rate = 0;
        for (int k = 0; k < a.getRowDimension(); k++) {
            // MSE_k is real in (0, 1] for a Hermitian positive definite A; drop the rounding residue.
            double mse = inv.getEntry(k, k).getReal();
            rate += -Math.log(Math.min(1.0, mse)) / Math.log(2);
        }
        return rate;
    }

    /** The expert knowledge: the precoder with the highest sum rate for set {@code setIndex} (lowest index on ties). */
    public Choice bestPrecoder(int setIndex) {
        int best = 0;
        double bestRate = Double.NEGATIVE_INFINITY;
        for (int w = 0; w < codebook.size(); w++) {
            double r = sumRate(setIndex, w);
            if (r > bestRate) {
                bestRate = r;
                best = w;
            }
        }
        return new Choice(setIndex, best, bestRate);
    }

    /** Exhaustive search over every BS set and precoder: the best (set, precoder) pair. */
    public Choice bestOverall() {
        Choice best = null;
        for (int s = 0; s < sets.size(); s++) {
            Choice c = bestPrecoder(s);
            if (best == null || c.sumRate() > best.sumRate()) {
                best = c;
            }
        }
        return best;
    }

    private static FieldMatrix<Complex> conjugateTranspose(FieldMatrix<Complex> m) {
        FieldMatrix<Complex> t = m.transpose();
        for (int i = 0; i < t.getRowDimension(); i++) {
            for (int j = 0; j < t.getColumnDimension(); j++) {
                t.setEntry(i, j, t.getEntry(i, j).conjugate());
            }
        }
        return t;
    }

    /** A (BS set, precoder) decision and its sum rate in bit/s/Hz. */
    public record Choice(int setIndex, int precoder, double sumRate) {
    }
}
