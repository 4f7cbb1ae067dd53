package org.netmoe.moe.layer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link MoeLayer}'s preallocated host and device arrays for one batch size: the router, the gate logits
 * and expert outputs brought to the host, the mixed output and the gradients sent back. Row-major
 * {@code [batch, width]}.
 */
final class MoeBuffers {
    final Router router;
    final float[] gateOut;
    final double[] logits;
    final float[][] expertOut;
    final float[] y;
    final INDArray output;
    final float[] dY;
    final float[] dExpert;
    final INDArray dExpertArray;
    final double[] dWeights;
    final double[] dLogits;
    final float[] dLogitsHost;
    final INDArray dLogitsArray;
    final float[] dInput;
    final float[] dInputPart;
    final INDArray dInputArray;
    boolean forwarded;

    MoeBuffers(MoeConfig config, int batch, int inputSize, int outputSize) {
        int kCount = config.experts();
        router = new Router(config, batch);
        gateOut = new float[batch * kCount];
        logits = new double[batch * kCount];
        expertOut = new float[kCount][batch * outputSize];
        y = new float[batch * outputSize];
        output = Nd4j.create(DataType.FLOAT, batch, outputSize);
        dY = new float[batch * outputSize];
        dExpert = new float[batch * outputSize];
        dExpertArray = Nd4j.create(DataType.FLOAT, batch, outputSize);
        dWeights = new double[batch * kCount];
        dLogits = new double[batch * kCount];
        dLogitsHost = new float[batch * kCount];
        dLogitsArray = Nd4j.create(DataType.FLOAT, batch, kCount);
        dInput = new float[batch * inputSize];
        dInputPart = new float[batch * inputSize];
        dInputArray = Nd4j.create(DataType.FLOAT, batch, inputSize);
    }
}
