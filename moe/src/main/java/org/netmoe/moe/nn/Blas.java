package org.netmoe.moe.nn;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Single-precision GEMM straight into OpenBLAS ({@code cblas_sgemm}, the library nd4j-native runs
 * on), for ND4J's CPU backend only. At the sizes of RL networks (batch ≤ 512, width 64) ND4J's op
 * dispatch costs more than the multiplication: measured here ~25–35 µs for a 64³ {@code Nd4j.gemm}
 * against ~10 µs for the same {@code cblas_sgemm}. Arrays are addressed through their data
 * pointers, which include a view's offset; callers pass contiguous arrays only. Used only by
 * {@link HostKernels}, i.e. on {@link KernelPath#HOST}, which {@link KernelPath} allows on the CPU
 * backend only, so other backends never touch OpenBLAS's natives.
 */
final class Blas {
    private Blas() {
    }

    /**
     * {@code C = op(A)·op(B) + beta·C} on row-major storage: {@code op(A)} is {@code [m, k]},
     * {@code op(B)} is {@code [k, n]}, {@code C} is {@code [m, n]}; {@code lda}, {@code ldb},
     * {@code ldc} are the row strides of the arrays as stored.
     */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k, INDArray a, int lda, INDArray b, int ldb,
                      float beta, INDArray c, int ldc) {
        openblas.cblas_sgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, 1f, pointer(a), lda, pointer(b), ldb,
                beta, pointer(c), ldc);
    }

    private static FloatPointer pointer(INDArray x) {
        return new FloatPointer(x.data().addressPointer());
    }
}
