package org.netmoe.moe.nn;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.netmoe.core.Require;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A multilayer perceptron of dense layers (ReLU or tanh hidden units, identity output) written
 * directly on ND4J kernels, for the small networks of RL.
 *
 * <p><b>Why not {@code MultiLayerNetwork}.</b> An RL step runs a handful of tiny matrix products
 * (batch 1–128, width 64), where DL4J's per-call machinery dominates: on the 2-core reference
 * machine {@code MultiLayerNetwork.output} costs ~200 µs at batch 1 and {@code fit} ~1.8 ms at batch
 * 64, against ~12–40 µs for one {@code Nd4j.gemm} into a preallocated array. This class therefore
 * keeps every buffer preallocated (per batch size) and allocates no INDArray after the first call at
 * a batch size.
 *
 * <p><b>Two execution paths.</b> The arithmetic runs on the {@link Kernels} of a {@link KernelPath}:
 * {@link KernelPath#HOST} (the CPU default: OpenBLAS {@code sgemm} plus Java loops over bulk copies,
 * cheaper than ND4J's per-op dispatch at these sizes) or {@link KernelPath#ND4J} (ND4J ops only, the
 * path the CUDA backend takes, selectable on CPU with {@code -Dnetmoe.kernels=nd4j}). Both agree to
 * float rounding (the host sums bias gradients row by row); each is deterministic.
 *
 * <p><b>Layout.</b> All parameters live in one flat float vector; per layer {@code l} it holds
 * {@code W_l} (column-major {@code [in, out]}) then {@code b_l [out]} — the layout of DL4J's
 * {@code DenseLayer}, so {@code MultiLayerNetwork.setParams} reads it unchanged. The gradient
 * vector has the same layout. Target copies, Polyak averaging, hashing and checkpoints are
 * therefore single operations on {@link #parameters()}. With {@link #onViews} both vectors are
 * views into a larger one (an MoE layer's experts share their layer's vectors).
 *
 * <p><b>Contract.</b> {@link #forward} returns a buffer owned by the network, overwritten by the
 * next forward at the same batch size. {@link #backward} back-propagates through the most recent
 * forward at the batch size of {@code dOutput}; the input given to that forward must not have
 * changed in between. Not thread-safe.
 *
 * <p>At ~330 lines, about a third of them the contracts of its factories, the class is kept whole: the
 * factories, the views and the straight-line forward/backward all implement the one flat layout above, while
 * the arithmetic ({@link Kernels}) and the per-batch buffers ({@link MlpBuffers}) already live apart.
 */
public final class Mlp implements Network {

    /** Hidden-layer nonlinearity. */
    public enum Activation { RELU, TANH }

    private final int[] layerSizes;
    private final Activation hidden;
    private final KernelPath path;
    private final Kernels kernels;
    private final INDArray parameters;
    private final INDArray gradient;
    private final INDArray[] weights;
    private final INDArray[] biases;
    private final INDArray[] weightGrads;
    private final INDArray[] biasGrads;
    private final Map<Integer, MlpBuffers> buffers = new HashMap<>();

    private Mlp(int[] layerSizes, Activation hidden, INDArray parameters, INDArray gradient, KernelPath path) {
        this.layerSizes = layerSizes.clone();
        this.hidden = hidden;
        this.path = path;
        this.kernels = Kernels.of(path);
        int layers = layerSizes.length - 1;
        this.parameters = parameters;
        this.gradient = gradient;
        this.weights = new INDArray[layers];
        this.biases = new INDArray[layers];
        this.weightGrads = new INDArray[layers];
        this.biasGrads = new INDArray[layers];
        long offset = 0;
        for (int l = 0; l < layers; l++) {
            int in = layerSizes[l];
            int out = layerSizes[l + 1];
            weights[l] = view(parameters, offset, in, out);
            weightGrads[l] = view(gradient, offset, in, out);
            offset += (long) in * out;
            biases[l] = parameters.get(NDArrayIndex.interval(offset, offset + out));
            biasGrads[l] = gradient.get(NDArrayIndex.interval(offset, offset + out));
            offset += out;
        }
    }

    private static INDArray view(INDArray flat, long offset, int in, int out) {
        INDArray w = flat.get(NDArrayIndex.interval(offset, offset + (long) in * out)).reshape('f', in, out);
        if (!w.isView()) {
            throw new IllegalStateException("weight view does not share the flat parameter buffer");
        }
        return w;
    }

    /**
     * A network with layer sizes {@code [input, hidden..., output]}, initialised from {@code rng}
     * ({@link #initialParameters}), on the {@link KernelPath#configured() configured} path.
     *
     * @throws IllegalArgumentException if fewer than two sizes are given or a size is not positive
     */
    public static Mlp create(int[] layerSizes, Activation hidden, UniformRandomProvider rng) {
        float[] p = initialParameters(layerSizes, hidden, rng);
        return new Mlp(layerSizes, hidden, Nd4j.createFromArray(p), Nd4j.create(DataType.FLOAT, p.length),
                KernelPath.configured());
    }

    /**
     * Initial parameters in {@link Mlp}'s layout for layer sizes {@code [input, hidden..., output]}:
     * weights uniform in {@code ±sqrt(6 / fanIn)} (He et al. 2015) for ReLU layers and
     * {@code ±sqrt(6 / (fanIn + fanOut))} (Glorot &amp; Bengio 2010) for tanh and the linear output
     * layer; biases zero. The same {@code rng} state gives bit-identical parameters.
     *
     * @throws IllegalArgumentException if fewer than two sizes are given or a size is not positive
     */
    public static float[] initialParameters(int[] layerSizes, Activation hidden, UniformRandomProvider rng) {
        checkSizes(layerSizes);
        Require.nonNull("hidden", hidden);
        float[] p = new float[Math.toIntExact(numParams(layerSizes))];
        int offset = 0;
        for (int l = 0; l + 1 < layerSizes.length; l++) {
            int in = layerSizes[l];
            int out = layerSizes[l + 1];
            boolean outputLayer = l + 2 == layerSizes.length;
            double limit = hidden == Activation.RELU && !outputLayer
                    ? Math.sqrt(6.0 / in) : Math.sqrt(6.0 / (in + out));
            for (int i = 0; i < in * out; i++) {
                p[offset++] = (float) ((2 * rng.nextDouble() - 1) * limit);
            }
            offset += out;
        }
        return p;
    }

    /** A network holding exactly the parameters of {@code state}, on the configured path. */
    public static Mlp fromState(NetworkState state) {
        return fromState(state, KernelPath.configured());
    }

    /** {@link #fromState(NetworkState)} on the given path; package-private so tests run both paths. */
    static Mlp fromState(NetworkState state, KernelPath path) {
        float[] p = state.parameters();
        return new Mlp(state.layerSizes(), state.hiddenActivation(), Nd4j.createFromArray(p),
                Nd4j.create(DataType.FLOAT, p.length), path);
    }

    /**
     * A network whose parameters and gradient are the given live vectors, typically views into larger
     * flat vectors (the blocks of an MoE layer): writes to {@code parameters} change the network at
     * once, and {@link #backward} writes straight into {@code gradient}. Nothing is copied.
     *
     * @param parameters contiguous float vector {@code [numParams(layerSizes)]} in {@link Mlp}'s layout
     * @param gradient   contiguous float vector of the same length, not overlapping {@code parameters}
     * @throws IllegalArgumentException if a size is not positive, a vector has the wrong length or is
     *                                  not contiguous float, or an argument is null
     */
    public static Mlp onViews(int[] layerSizes, Activation hidden, INDArray parameters, INDArray gradient,
                              KernelPath path) {
        checkSizes(layerSizes);
        Require.nonNull("hidden", hidden);
        Require.nonNull("path", path);
        long n = numParams(layerSizes);
        checkVector("parameters", parameters, n);
        checkVector("gradient", gradient, n);
        return new Mlp(layerSizes, hidden, parameters, gradient, path);
    }

    private static void checkVector(String name, INDArray v, long n) {
        Require.nonNull(name, v);
        if (v.length() != n || v.dataType() != DataType.FLOAT || !v.isVectorOrScalar()
                || v.elementWiseStride() != 1) {
            throw new IllegalArgumentException(name + " must be a contiguous float vector of " + n
                    + " elements, was " + v.dataType() + " " + v.shapeInfoToString());
        }
    }

    /** Number of parameters of a network with {@code layerSizes}. */
    public static long numParams(int[] layerSizes) {
        checkSizes(layerSizes);
        long n = 0;
        for (int l = 0; l + 1 < layerSizes.length; l++) {
            n += (long) layerSizes[l] * layerSizes[l + 1] + layerSizes[l + 1];
        }
        return n;
    }

    private static void checkSizes(int[] layerSizes) {
        if (layerSizes == null || layerSizes.length < 2) {
            throw new IllegalArgumentException("layerSizes must hold at least input and output sizes, was "
                    + Arrays.toString(layerSizes));
        }
        for (int s : layerSizes) {
            if (s <= 0) {
                throw new IllegalArgumentException("layerSizes must be positive, was " + Arrays.toString(layerSizes));
            }
        }
    }

    /**
     * Outputs for {@code input [batch, inputSize]} (contiguous row-major float, may be a row view):
     * a buffer {@code [batch, outputSize]} owned by this network, valid until the next forward at
     * the same batch size.
     */
    @Override
    public INDArray forward(INDArray input) {
        if (input.rank() != 2 || input.columns() != layerSizes[0]) {
            throw new IllegalArgumentException("input must be [batch, " + layerSizes[0] + "], was "
                    + Arrays.toString(input.shape()));
        }
        MlpBuffers buf = buffers(Math.toIntExact(input.rows()));
        buf.input = input;
        INDArray a = input;
        for (int l = 0; l < weights.length; l++) {
            kernels.dense(a, weights[l], biases[l], buf.activations[l]);
            a = buf.activations[l];
            if (l + 1 < weights.length) {
                kernels.activate(hidden, a);
            }
        }
        return a;
    }

    @Override
    public INDArray backpropagate(INDArray dOutput, boolean withInput) {
        int batch = Math.toIntExact(dOutput.rows());
        MlpBuffers buf = buffers.get(batch);
        if (buf == null || buf.input == null) {
            throw new IllegalStateException("backward() at batch " + batch + " without a forward() at that batch");
        }
        if (dOutput.columns() != layerSizes[layerSizes.length - 1]) {
            throw new IllegalArgumentException("dOutput must be [" + batch + ", "
                    + layerSizes[layerSizes.length - 1] + "], was " + Arrays.toString(dOutput.shape()));
        }
        if (withInput && buf.inputDelta == null) {
            buf.inputDelta = Nd4j.create(DataType.FLOAT, batch, layerSizes[0]);
        }
        INDArray dZ = dOutput;
        for (int l = weights.length - 1; l > 0; l--) {
            // dW_l = a_{l-1}ᵀ·dZ_l, db_l = Σ_rows dZ_l straight into the flat gradient's views; dA = dZ_l·W_lᵀ.
            INDArray dA = buf.deltas[l - 1];
            kernels.denseBackward(buf.activations[l - 1], weights[l], dZ, weightGrads[l], biasGrads[l], dA);
            kernels.activationBackward(hidden, buf.activations[l - 1], dA);
            dZ = dA;
        }
        // The input layer has no activation: ∂loss/∂input = dZ_0·W_0ᵀ.
        INDArray dInput = withInput ? buf.inputDelta : null;
        kernels.denseBackward(buf.input, weights[0], dZ, weightGrads[0], biasGrads[0], dInput);
        return dInput;
    }

    private MlpBuffers buffers(int batch) {
        return buffers.computeIfAbsent(batch, b -> new MlpBuffers(b, layerSizes));
    }

    /** Copies {@code source}'s parameters into this network (a hard target update). */
    public void copyParametersFrom(Mlp source) {
        checkSameShape(source);
        parameters.assign(source.parameters);
    }

    /** {@code θ ← τ·θ_source + (1 − τ)·θ} (Polyak averaging, Lillicrap et al. 2016), in place. */
    public void polyakUpdate(Mlp source, double tau) {
        checkSameShape(source);
        Require.inRange("tau", tau, 0.0, 1.0);
        kernels.polyak(source.parameters, parameters, tau);
    }

    private void checkSameShape(Mlp other) {
        if (!Arrays.equals(layerSizes, other.layerSizes)) {
            throw new IllegalArgumentException("layer sizes differ: expected " + Arrays.toString(layerSizes)
                    + ", got " + Arrays.toString(other.layerSizes));
        }
    }

    /** The flat parameter vector {@code [numParams]} (live: writes change the network). */
    @Override
    public INDArray parameters() {
        return parameters;
    }

    /** The flat gradient vector {@code [numParams]} written by {@link #backward}, same layout. */
    @Override
    public INDArray gradient() {
        return gradient;
    }

    /** Layer sizes {@code [input, hidden..., output]}. */
    public int[] layerSizes() {
        return layerSizes.clone();
    }

    @Override
    public int inputSize() {
        return layerSizes[0];
    }

    @Override
    public int outputSize() {
        return layerSizes[layerSizes.length - 1];
    }

    public Activation hiddenActivation() {
        return hidden;
    }

    /** The path this network's kernels run on. */
    @Override
    public KernelPath kernelPath() {
        return path;
    }

    /** A copy of the parameters and architecture. */
    public NetworkState state() {
        float[] p = new float[Math.toIntExact(parameters.length())];
        HostArrays.read(parameters, p);
        return new NetworkState(layerSizes.clone(), hidden, p);
    }

    /**
     * Overwrites the parameters with those of {@code state}.
     *
     * @throws IllegalArgumentException if the architecture differs
     */
    public void restore(NetworkState state) {
        if (!Arrays.equals(layerSizes, state.layerSizes()) || hidden != state.hiddenActivation()) {
            throw new IllegalArgumentException("network state does not fit: expected " + Arrays.toString(layerSizes)
                    + " " + hidden + ", got " + Arrays.toString(state.layerSizes()) + " " + state.hiddenActivation());
        }
        HostArrays.write(state.parameters(), parameters);
    }
}
