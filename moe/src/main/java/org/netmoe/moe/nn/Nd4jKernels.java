package org.netmoe.moe.nn;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.custom.XwPlusB;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link KernelPath#ND4J}: every kernel is an ND4J op on the arrays where they live (device memory on
 * CUDA), so a forward or backward copies nothing between host and device. The tanh mask needs one
 * scratch array per shape, allocated on first use.
 */
final class Nd4jKernels implements Kernels {
    /** tanh-mask scratch {@code 1 − a²}, per {@code [rows, cols]} packed as {@code rows << 32 | cols}. */
    private final Map<Long, INDArray> scratch = new HashMap<>();

    @Override
    public void dense(INDArray a, INDArray w, INDArray b, INDArray z) {
        Nd4j.exec(new XwPlusB(new INDArray[] {a, w, b}, z));
    }

    @Override
    public void activate(Mlp.Activation f, INDArray z) {
        if (f == Mlp.Activation.RELU) {
            Transforms.relu(z, false);
        } else {
            Transforms.tanh(z, false);
        }
    }

    @Override
    public void denseBackward(INDArray a, INDArray w, INDArray dZ, INDArray dW, INDArray db, INDArray dA) {
        Nd4j.gemm(a, dZ, dW, true, false, 1.0, 0.0);
        dZ.sum(db, 0);
        if (dA != null) {
            Nd4j.gemm(dZ, w, dA, false, true, 1.0, 0.0);
        }
    }

    @Override
    public void activationBackward(Mlp.Activation f, INDArray a, INDArray dA) {
        if (f == Mlp.Activation.RELU) {
            Nd4j.exec(new RectifiedLinearDerivative(a, dA, dA));
            return;
        }
        INDArray tmp = scratch.computeIfAbsent((long) a.rows() << 32 | a.columns(),
                k -> Nd4j.create(DataType.FLOAT, a.rows(), a.columns()));
        Nd4j.exec(new MulOp(a, a, tmp));
        tmp.rsubi(1.0); // tanh' = 1 − a²
        dA.muli(tmp);
    }

    @Override
    public void polyak(INDArray source, INDArray target, double tau) {
        target.muli(1.0 - tau);
        Nd4j.exec(new Axpy(source, target, target, tau, target.length()));
    }
}
