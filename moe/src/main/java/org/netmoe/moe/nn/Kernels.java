package org.netmoe.moe.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The numeric kernels of one {@link Mlp}, on one {@link KernelPath}: the dense layer forward and
 * backward, the hidden activation and its derivative mask, and Polyak averaging. {@link Mlp} is
 * straight-line code over these; {@link HostKernels} and {@link Nd4jKernels} are the two
 * implementations, which agree to float rounding.
 *
 * <p>Shapes: activations and deltas are row-major {@code [batch, width]}, weights the column-major
 * {@code [in, out]} views of {@link Mlp}'s flat vector, biases {@code [out]}. An instance may keep
 * scratch buffers between calls, so each network owns its own; not thread-safe.
 */
interface Kernels {

    static Kernels of(KernelPath path) {
        return path == KernelPath.HOST ? new HostKernels() : new Nd4jKernels();
    }

    /** {@code z = a·W + b}. */
    void dense(INDArray a, INDArray w, INDArray b, INDArray z);

    /** {@code z ← f(z)} in place. */
    void activate(Mlp.Activation f, INDArray z);

    /**
     * The backward of {@code z = a·W + b}: {@code dW = aᵀ·dZ}, {@code db = Σ_rows dZ}, and, unless
     * {@code dA} is null, {@code dA = dZ·Wᵀ}. {@code dW} and {@code db} are overwritten.
     */
    void denseBackward(INDArray a, INDArray w, INDArray dZ, INDArray dW, INDArray db, INDArray dA);

    /**
     * {@code dA ← dA ⊙ f'}, with {@code f'} taken from f's output {@code a}: ReLU {@code [a > 0]} (a ReLU
     * output is positive exactly where its input is), tanh {@code 1 − a²}.
     */
    void activationBackward(Mlp.Activation f, INDArray a, INDArray dA);

    /** {@code θ ← τ·source + (1 − τ)·θ} on two flat vectors of equal length (Polyak averaging). */
    void polyak(INDArray source, INDArray target, double tau);
}
