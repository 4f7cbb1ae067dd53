package org.netmoe.moe.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A differentiable function {@code [batch, inputSize] -> [batch, outputSize]} with one flat
 * parameter vector and a gradient vector of the same layout: what the agents train (an {@link Mlp},
 * or an MoE layer whose auxiliary losses add their gradients in {@link #backward}). Target copies,
 * Polyak averaging, optimizers, hashing and checkpoints work on {@link #parameters()} alone.
 *
 * <p>Buffers returned by {@link #forward} are owned by the network and valid until the next
 * forward at the same batch size; {@link #backward} differentiates the latest forward at the batch
 * size of {@code dOutput}. Not thread-safe.
 */
public interface Network {
    /** Outputs for {@code input [batch, inputSize]}. */
    INDArray forward(INDArray input);

    /**
     * Back-propagates {@code dOutput [batch, outputSize]} (∂loss/∂output) through the latest forward at that
     * batch size into {@link #gradient()}, overwriting it, and returns the gradient; {@code dOutput} is left
     * unchanged.
     *
     * @throws IllegalStateException if no forward ran at this batch size
     */
    default INDArray backward(INDArray dOutput) {
        backpropagate(dOutput, false);
        return gradient();
    }

    /**
     * {@link #backward} (the same {@link #gradient()}, bit for bit) that also returns ∂loss/∂input
     * {@code [batch, inputSize]} through the latest forward at the batch size of {@code dOutput}: what
     * chaining networks needs (an actor through a critic, the reverse chain of a diffusion policy). The
     * returned buffer is owned by the network, valid until the next backward at that batch size.
     */
    default INDArray backwardWithInputGradient(INDArray dOutput) {
        return backpropagate(dOutput, true);
    }

    /**
     * The backward both {@link #backward} and {@link #backwardWithInputGradient} run: writes {@link #gradient()}
     * and returns ∂loss/∂input when {@code withInputGradient}, else null (skipping the input layer's product).
     *
     * @throws IllegalStateException if no forward ran at the batch size of {@code dOutput}
     */
    INDArray backpropagate(INDArray dOutput, boolean withInputGradient);

    /** The flat parameter vector (a live view: writing it changes the network). */
    INDArray parameters();

    /** The flat gradient vector written by {@link #backward}, same layout as {@link #parameters()}. */
    INDArray gradient();

    int inputSize();

    int outputSize();

    /**
     * The kernels this network runs on (fixed when it is built); a network that does not say runs on
     * {@link KernelPath#configured()}. Agents pick the matching side of their losses by it: host loops on
     * {@link KernelPath#HOST}, ND4J ops where the outputs live on {@link KernelPath#ND4J}.
     */
    default KernelPath kernelPath() {
        return KernelPath.configured();
    }

    /** Number of parameters. */
    default long numParams() {
        return parameters().length();
    }
}
