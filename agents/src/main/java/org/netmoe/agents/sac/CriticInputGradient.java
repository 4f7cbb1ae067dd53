package org.netmoe.agents.sac;

import java.util.HashMap;
import java.util.Map;
import org.netmoe.moe.nn.Mlp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.custom.XwPlusB;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * ∂Q/∂input of a ReLU {@link Mlp} critic: what the continuous actor loss needs to push
 * {@code −∂Q(s, a)/∂a} into the actor (Haarnoja et al. 2018, Eq. 13). {@link Mlp} back-propagates
 * into its parameters only, so this class runs its own forward over views of the critic's live
 * parameter vector (the documented layout: per layer {@code W} column-major {@code [in, out]}, then
 * {@code b}), keeping its own activations, and back-propagates to the input without touching the
 * critic's gradient. Buffers are preallocated per batch size.
 */
final class CriticInputGradient {
    private final int[] sizes;
    private final INDArray[] weights;
    private final INDArray[] biases;
    private final Map<Integer, Buffers> buffers = new HashMap<>();

    CriticInputGradient(Mlp critic) {
        if (critic.hiddenActivation() != Mlp.Activation.RELU) {
            throw new IllegalArgumentException("critic must use ReLU hidden units, was " + critic.hiddenActivation());
        }
        this.sizes = critic.layerSizes();
        int layers = sizes.length - 1;
        this.weights = new INDArray[layers];
        this.biases = new INDArray[layers];
        INDArray flat = critic.parameters();
        long offset = 0;
        for (int l = 0; l < layers; l++) {
            long w = (long) sizes[l] * sizes[l + 1];
            weights[l] = flat.get(NDArrayIndex.interval(offset, offset + w)).reshape('f', sizes[l], sizes[l + 1]);
            offset += w;
            biases[l] = flat.get(NDArrayIndex.interval(offset, offset + sizes[l + 1]));
            offset += sizes[l + 1];
        }
    }

    /** Q for {@code input [batch, inputSize]}; a buffer valid until the next forward at this batch size. */
    INDArray forward(INDArray input) {
        Buffers buf = buffers.computeIfAbsent(Math.toIntExact(input.rows()), this::allocate);
        buf.input = input;
        INDArray a = input;
        for (int l = 0; l < weights.length; l++) {
            Nd4j.exec(new XwPlusB(new INDArray[] {a, weights[l], biases[l]}, buf.activations[l]));
            a = buf.activations[l];
            if (l + 1 < weights.length) {
                Transforms.relu(a, false);
            }
        }
        return a;
    }

    /** ∂(Σ dOutput·Q)/∂input {@code [batch, inputSize]} through the latest forward at this batch size. */
    INDArray inputGradient(INDArray dOutput) {
        Buffers buf = buffers.get(Math.toIntExact(dOutput.rows()));
        if (buf == null || buf.input == null) {
            throw new IllegalStateException("inputGradient() without a forward() at batch " + dOutput.rows());
        }
        INDArray dZ = dOutput;
        for (int l = weights.length - 1; l >= 0; l--) {
            INDArray dA = buf.deltas[l];
            Nd4j.gemm(dZ, weights[l], dA, false, true, 1.0, 0.0);
            if (l > 0) {
                Nd4j.exec(new RectifiedLinearDerivative(buf.activations[l - 1], dA, dA));
            }
            dZ = dA;
        }
        return dZ;
    }

    private Buffers allocate(int batch) {
        return new Buffers(batch, sizes);
    }

    /** Activations {@code [batch, sizes[l+1]]} and deltas {@code [batch, sizes[l]]} of one batch size. */
    private static final class Buffers {
        final INDArray[] activations;
        final INDArray[] deltas;
        INDArray input;

        Buffers(int batch, int[] sizes) {
            int layers = sizes.length - 1;
            activations = new INDArray[layers];
            deltas = new INDArray[layers];
            for (int l = 0; l < layers; l++) {
                activations[l] = Nd4j.create(DataType.FLOAT, batch, sizes[l + 1]);
                deltas[l] = Nd4j.create(DataType.FLOAT, batch, sizes[l]);
            }
        }
    }
}
