package org.netmoe.moe.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An {@link Mlp}'s preallocated activations and deltas for one batch size, and the input of its latest
 * forward at that size (which the backward reads).
 */
final class MlpBuffers {
    final INDArray[] activations;
    final INDArray[] deltas;
    INDArray input;
    /** ∂loss/∂input {@code [batch, inputSize]}, allocated by the first backward that asks for it. */
    INDArray inputDelta;

    MlpBuffers(int batch, int[] sizes) {
        int layers = sizes.length - 1;
        activations = new INDArray[layers];
        deltas = new INDArray[layers - 1];
        for (int l = 0; l < layers; l++) {
            activations[l] = Nd4j.create(DataType.FLOAT, batch, sizes[l + 1]);
            if (l + 1 < layers) {
                deltas[l] = Nd4j.create(DataType.FLOAT, batch, sizes[l + 1]);
            }
        }
    }
}
