package org.netmoe.moe.nn;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.XwPlusB;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link KernelPath#HOST}: matrix products through {@link Blas} ({@code cblas_sgemm} on the arrays'
 * memory), elementwise work as Java loops over bulk copies ({@link HostArrays}) into scratch arrays
 * that grow to the largest size seen. tanh itself stays an ND4J op (Java's {@code tanh} is far
 * slower). An operand that is not contiguous float falls back to the ND4J op for that product.
 * Bias sums add rows in order; every loop is deterministic.
 */
final class HostKernels implements Kernels {
    private float[] bias = new float[0];
    private float[] rows = new float[0];
    private float[] activation = new float[0];
    private float[] delta = new float[0];
    private float[] polyakSource = new float[0];
    private float[] polyakTarget = new float[0];

    @Override
    public void dense(INDArray a, INDArray w, INDArray b, INDArray z) {
        if (!HostArrays.isContiguousFloat(a)) {
            Nd4j.exec(new XwPlusB(new INDArray[] {a, w, b}, z));
            return;
        }
        int batch = Math.toIntExact(a.rows());
        int in = Math.toIntExact(w.rows());
        int out = Math.toIntExact(w.columns());
        // z is pre-filled with b in every row, then cblas_sgemm adds a·W (W is stored column-major
        // [in, out], i.e. row-major [out, in], hence the transposed B).
        bias = fit(bias, out);
        rows = fit(rows, batch * out);
        HostArrays.read(b, bias);
        for (int r = 0; r < batch * out; r += out) {
            System.arraycopy(bias, 0, rows, r, out);
        }
        HostArrays.write(rows, z);
        Blas.sgemm(false, true, batch, out, in, a, in, w, in, 1f, z, out);
    }

    @Override
    public void activate(Mlp.Activation f, INDArray z) {
        if (f == Mlp.Activation.TANH) {
            Transforms.tanh(z, false);
            return;
        }
        float[] h = activation = fit(activation, Math.toIntExact(z.length()));
        HostArrays.read(z, h);
        relu(h, Math.toIntExact(z.length()));
        HostArrays.write(h, z);
    }

    @Override
    public void denseBackward(INDArray a, INDArray w, INDArray dZ, INDArray dW, INDArray db, INDArray dA) {
        int batch = Math.toIntExact(dZ.rows());
        int in = Math.toIntExact(w.rows());
        int out = Math.toIntExact(w.columns());
        boolean hostDz = HostArrays.isContiguousFloat(dZ);
        boolean blas = hostDz && HostArrays.isContiguousFloat(a);
        if (blas) {
            // dW stored row-major [out, in] = dZᵀ·a.
            Blas.sgemm(true, false, out, in, batch, dZ, out, a, in, 0f, dW, in);
        } else {
            Nd4j.gemm(a, dZ, dW, true, false, 1.0, 0.0);
        }
        if (hostDz) {
            delta = fit(delta, batch * out);
            bias = fit(bias, out);
            HostArrays.read(dZ, delta);
            columnSums(delta, batch, out, bias);
            HostArrays.write(bias, db);
        } else {
            dZ.sum(db, 0);
        }
        if (dA == null) {
            return;
        }
        if (blas) {
            // dA = dZ·Wᵀ, and Wᵀ is W's storage read row-major [out, in].
            Blas.sgemm(false, false, batch, in, out, dZ, out, w, in, 0f, dA, in);
        } else {
            Nd4j.gemm(dZ, w, dA, false, true, 1.0, 0.0);
        }
    }

    @Override
    public void activationBackward(Mlp.Activation f, INDArray a, INDArray dA) {
        int n = Math.toIntExact(dA.length());
        activation = fit(activation, n);
        delta = fit(delta, n);
        HostArrays.read(a, activation);
        HostArrays.read(dA, delta);
        if (f == Mlp.Activation.RELU) {
            reluMask(activation, delta, n);
        } else {
            tanhMask(activation, delta, n);
        }
        HostArrays.write(delta, dA);
    }

    @Override
    public void polyak(INDArray source, INDArray target, double tau) {
        int n = Math.toIntExact(target.length());
        polyakSource = fit(polyakSource, n);
        polyakTarget = fit(polyakTarget, n);
        HostArrays.read(source, polyakSource);
        HostArrays.read(target, polyakTarget);
        float keep = (float) (1.0 - tau);
        float take = (float) tau;
        for (int i = 0; i < n; i++) {
            polyakTarget[i] = take * polyakSource[i] + polyakTarget[i] * keep;
        }
        HostArrays.write(polyakTarget, target);
    }

    /** {@code x}, or a new array when it is shorter than {@code n}. */
    private static float[] fit(float[] x, int n) {
        return x.length >= n ? x : new float[n];
    }

    /** In-place ReLU of {@code x[0 .. n)} with ND4J's semantics ({@code x < 0 ? 0 : x}). */
    static void relu(float[] x, int n) {
        for (int i = 0; i < n; i++) {
            if (x[i] < 0f) {
                x[i] = 0f;
            }
        }
    }

    /** {@code d ← d ⊙ [a > 0]} over {@code [0 .. n)}. */
    static void reluMask(float[] a, float[] d, int n) {
        for (int i = 0; i < n; i++) {
            if (!(a[i] > 0f)) {
                d[i] = 0f;
            }
        }
    }

    /** {@code d ← d ⊙ (1 − a²)} over {@code [0 .. n)}, tanh' from the tanh output {@code a}. */
    static void tanhMask(float[] a, float[] d, int n) {
        for (int i = 0; i < n; i++) {
            float ai = a[i];
            d[i] *= 1f - ai * ai;
        }
    }

    /** {@code sums[j] = Σ_r x[r, j]} for row-major {@code x [rows, cols]}, rows summed in order. */
    static void columnSums(float[] x, int rows, int cols, float[] sums) {
        Arrays.fill(sums, 0, cols, 0f);
        for (int r = 0, o = 0; r < rows; r++, o += cols) {
            for (int j = 0; j < cols; j++) {
                sums[j] += x[o + j];
            }
        }
    }
}
