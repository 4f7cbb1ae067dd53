package org.netmoe.moe.nn;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.netmoe.envs.Require;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.custom.XwPlusB;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A multilayer perceptron of dense layers (ReLU or tanh hidden units, identity output) written
 * directly on ND4J kernels, for the small networks of RL.
 *
 * <p><b>Why not {@code MultiLayerNetwork}.</b> An RL step runs a handful of tiny matrix products
 * (batch 1–128, width 64), where DL4J's per-call machinery dominates: on the 2-core reference
 * machine {@code MultiLayerNetwork.output} costs ~200 µs at batch 1 and {@code fit} ~1.8 ms at batch
 * 64, against ~12–40 µs for one {@code Nd4j.gemm} into a preallocated array. This class therefore
 * keeps every buffer preallocated (per batch size), calls one fused {@code xw_plus_b} kernel plus one
 * in-place activation per layer forward and {@code gemm}/reduce kernels into the flat gradient
 * backward, and allocates no INDArray after the first call at a batch size.
 *
 * <p><b>Host loops on the CPU backend.</b> Matrix products always run on BLAS ({@code xw_plus_b},
 * {@code gemm}). On ND4J's CPU backend ({@link HostArrays#CPU_BACKEND}) the elementwise parts — the
 * in-place ReLU, the ReLU/tanh derivative masks, the bias-gradient column sums and Polyak averaging
 * — are Java loops over bulk copies of the preallocated buffers into cached {@code float[]}s (~1 µs
 * per 4k-float copy), since each ND4J op there costs ~8–25 µs of per-call overhead at these sizes.
 * The forward keeps a host copy of each hidden activation for the backward masks. tanh itself stays
 * an ND4J op (Java's {@code tanh} is far slower). On other backends (CUDA) everything stays on ND4J
 * ops, unchanged. Both paths agree to float rounding (the bias sums add rows in order on the host);
 * each is deterministic.
 *
 * <p><b>Layout.</b> All parameters live in one flat float vector; per layer {@code l} it holds
 * {@code W_l} (column-major {@code [in, out]}) then {@code b_l [out]} — the layout of DL4J's
 * {@code DenseLayer}, so {@code MultiLayerNetwork.setParams} reads it unchanged. The gradient
 * vector has the same layout. Target copies, Polyak averaging, hashing and checkpoints are
 * therefore single operations on {@link #parameters()}.
 *
 * <p><b>Contract.</b> {@link #forward} returns a buffer owned by the network, overwritten by the
 * next forward at the same batch size. {@link #backward} back-propagates through the most recent
 * forward at the batch size of {@code dOutput}; the input given to that forward must not have
 * changed in between. Not thread-safe.
 */
public final class Mlp implements Network {

    /** Hidden-layer nonlinearity. */
    public enum Activation { RELU, TANH }

    private final int[] layerSizes;
    private final Activation hidden;
    private final INDArray parameters;
    private final INDArray gradient;
    private final INDArray[] weights;
    private final INDArray[] biases;
    private final INDArray[] weightGrads;
    private final INDArray[] biasGrads;
    private final Map<Integer, Buffers> buffers = new HashMap<>();
    private final boolean host;
    /** Host scratch for one bias gradient (the widest layer). */
    private final float[] hostBias;
    /** Host path: copies for {@link #polyakUpdate}, allocated on first use. */
    private float[] polyakSource;
    private float[] polyakTarget;

    private Mlp(int[] layerSizes, Activation hidden, float[] initial, boolean host) {
        this.layerSizes = layerSizes.clone();
        this.hidden = hidden;
        this.host = host;
        this.hostBias = new float[Arrays.stream(layerSizes).max().orElse(1)];
        int layers = layerSizes.length - 1;
        this.parameters = Nd4j.createFromArray(initial);
        this.gradient = Nd4j.create(DataType.FLOAT, initial.length);
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
     * A network with layer sizes {@code [input, hidden..., output]}, initialised from {@code rng}:
     * weights uniform in {@code ±sqrt(6 / fanIn)} (He et al. 2015) for ReLU layers and
     * {@code ±sqrt(6 / (fanIn + fanOut))} (Glorot &amp; Bengio 2010) for tanh and the linear output
     * layer; biases zero. The same {@code rng} state gives bit-identical parameters.
     *
     * @throws IllegalArgumentException if fewer than two sizes are given or a size is not positive
     */
    public static Mlp create(int[] layerSizes, Activation hidden, UniformRandomProvider rng) {
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
        return new Mlp(layerSizes, hidden, p, HostArrays.CPU_BACKEND);
    }

    /** A network holding exactly the parameters of {@code state}. */
    public static Mlp fromState(NetworkState state) {
        return new Mlp(state.layerSizes(), state.hiddenActivation(), state.parameters(), HostArrays.CPU_BACKEND);
    }

    /**
     * A network holding exactly the parameters of {@code state} on the chosen execution path:
     * {@code host} = host BLAS plus Java loops (the CPU default), else ND4J ops only (the path the
     * CUDA backend takes). Package-private so tests run both paths on the CPU backend.
     */
    static Mlp fromState(NetworkState state, boolean host) {
        return new Mlp(state.layerSizes(), state.hiddenActivation(), state.parameters(), host);
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
        Buffers buf = buffers(Math.toIntExact(input.rows()));
        buf.input = input;
        INDArray a = input;
        boolean blas = host && HostArrays.isContiguousFloat(input);
        for (int l = 0; l < weights.length; l++) {
            if (blas) {
                // z = a·W + b: C is pre-filled with b in every row, then cblas_sgemm adds a·W (W is stored
                // column-major [in, out], i.e. row-major [out, in], hence the transposed B).
                HostArrays.read(biases[l], hostBias);
                float[] rows = buf.hostPreactivations[l];
                int out = layerSizes[l + 1];
                for (int r = 0; r < rows.length; r += out) {
                    System.arraycopy(hostBias, 0, rows, r, out);
                }
                HostArrays.write(rows, buf.activations[l]);
                Blas.sgemm(false, true, buf.batch, out, layerSizes[l], a, layerSizes[l], weights[l], layerSizes[l], 1f,
                        buf.activations[l], out);
            } else {
                Nd4j.exec(new XwPlusB(new INDArray[] {a, weights[l], biases[l]}, buf.activations[l]));
            }
            a = buf.activations[l];
            if (l + 1 < weights.length) {
                if (host) {
                    float[] h = buf.hostActivations[l];
                    if (hidden == Activation.RELU) {
                        HostArrays.read(a, h);
                        relu(h);
                        HostArrays.write(h, a);
                    } else {
                        Transforms.tanh(a, false);
                        HostArrays.read(a, h);
                    }
                } else if (hidden == Activation.RELU) {
                    Transforms.relu(a, false);
                } else {
                    Transforms.tanh(a, false);
                }
            }
        }
        return a;
    }

    /**
     * Back-propagates {@code dOutput [batch, outputSize]} (∂loss/∂output) through the last forward
     * at that batch size into {@link #gradient()}, overwriting it; {@code dOutput} is left unchanged.
     *
     * @throws IllegalStateException if no forward ran at this batch size
     */
    @Override
    public INDArray backward(INDArray dOutput) {
        backward(dOutput, false);
        return gradient;
    }

    /**
     * {@link #backward} that also returns ∂loss/∂input {@code [batch, inputSize]}, a buffer owned by this
     * network and valid until the next backward at this batch size. {@link #gradient()} is the same as
     * {@link #backward}'s, bit for bit.
     */
    @Override
    public INDArray backwardWithInputGradient(INDArray dOutput) {
        return backward(dOutput, true);
    }

    /** The shared backward; returns ∂loss/∂input when {@code withInput}, else null. */
    private INDArray backward(INDArray dOutput, boolean withInput) {
        int batch = Math.toIntExact(dOutput.rows());
        Buffers buf = buffers.get(batch);
        if (buf == null || buf.input == null) {
            throw new IllegalStateException("backward() at batch " + batch + " without a forward() at that batch");
        }
        if (dOutput.columns() != layerSizes[layerSizes.length - 1]) {
            throw new IllegalArgumentException("dOutput must be [" + batch + ", "
                    + layerSizes[layerSizes.length - 1] + "], was " + Arrays.toString(dOutput.shape()));
        }
        INDArray dZ = dOutput;
        // Host copy of dZ when on the host path (null: sum with ND4J).
        float[] dZHost = null;
        if (host && HostArrays.isContiguousFloat(dOutput)) {
            HostArrays.read(dOutput, buf.hostDOutput);
            dZHost = buf.hostDOutput;
        }
        for (int l = weights.length - 1; l >= 0; l--) {
            INDArray aPrev = l == 0 ? buf.input : buf.activations[l - 1];
            // dW_l = a_{l-1}^T dZ_l, db_l = Σ_rows dZ_l, written straight into the flat gradient views.
            int in = layerSizes[l];
            int out = layerSizes[l + 1];
            boolean blas = dZHost != null && HostArrays.isContiguousFloat(aPrev);
            if (blas) {
                // dW stored row-major [out, in] = dZᵀ·a_{l-1}.
                Blas.sgemm(true, false, out, in, batch, dZ, out, aPrev, in, 0f, weightGrads[l], in);
            } else {
                Nd4j.gemm(aPrev, dZ, weightGrads[l], true, false, 1.0, 0.0);
            }
            if (dZHost != null) {
                columnSums(dZHost, batch, layerSizes[l + 1], hostBias);
                HostArrays.write(hostBias, biasGrads[l]);
            } else {
                dZ.sum(biasGrads[l], 0);
            }
            if (l > 0) {
                INDArray dA = buf.deltas[l - 1];
                if (blas) {
                    // dA = dZ·Wᵀ, and Wᵀ is W's storage read row-major [out, in].
                    Blas.sgemm(false, false, batch, in, out, dZ, out, weights[l], in, 0f, dA, in);
                } else {
                    Nd4j.gemm(dZ, weights[l], dA, false, true, 1.0, 0.0);
                }
                if (host) {
                    float[] d = buf.hostDeltas[l - 1];
                    float[] a = buf.hostActivations[l - 1];
                    HostArrays.read(dA, d);
                    if (hidden == Activation.RELU) {
                        reluMask(a, d);
                    } else {
                        tanhMask(a, d);
                    }
                    HostArrays.write(d, dA);
                    dZHost = d;
                } else if (hidden == Activation.RELU) {
                    // a > 0 exactly where the pre-activation is > 0, so the mask comes from the output.
                    Nd4j.exec(new RectifiedLinearDerivative(aPrev, dA, dA));
                } else {
                    INDArray tmp = buf.scratch[l - 1];
                    Nd4j.exec(new MulOp(aPrev, aPrev, tmp));
                    tmp.rsubi(1.0); // tanh' = 1 - a²
                    dA.muli(tmp);
                }
                dZ = dA;
            } else if (withInput) {
                // The input layer has no activation: ∂loss/∂input = dZ_0·W_0ᵀ, computed like dA above.
                if (buf.inputDelta == null) {
                    buf.inputDelta = Nd4j.create(DataType.FLOAT, batch, in);
                }
                if (blas) {
                    Blas.sgemm(false, false, batch, in, out, dZ, out, weights[l], in, 0f, buf.inputDelta, in);
                } else {
                    Nd4j.gemm(dZ, weights[l], buf.inputDelta, false, true, 1.0, 0.0);
                }
                return buf.inputDelta;
            }
        }
        return null;
    }

    private Buffers buffers(int batch) {
        return buffers.computeIfAbsent(batch, b -> new Buffers(b, layerSizes, hidden, host));
    }

    /** In-place ReLU with ND4J's semantics ({@code x < 0 ? 0 : x}). */
    static void relu(float[] x) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] < 0f) {
                x[i] = 0f;
            }
        }
    }

    /** {@code d ← d ⊙ [a > 0]}: a ReLU output is > 0 exactly where its pre-activation is. */
    static void reluMask(float[] a, float[] d) {
        for (int i = 0; i < d.length; i++) {
            if (!(a[i] > 0f)) {
                d[i] = 0f;
            }
        }
    }

    /** {@code d ← d ⊙ (1 − a²)}, tanh' from the tanh output {@code a}. */
    static void tanhMask(float[] a, float[] d) {
        for (int i = 0; i < d.length; i++) {
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

    /** Copies {@code source}'s parameters into this network (a hard target update). */
    public void copyParametersFrom(Mlp source) {
        checkSameShape(source);
        parameters.assign(source.parameters);
    }

    /** {@code θ ← τ·θ_source + (1 − τ)·θ} (Polyak averaging, Lillicrap et al. 2016), in place. */
    public void polyakUpdate(Mlp source, double tau) {
        checkSameShape(source);
        Require.inRange("tau", tau, 0.0, 1.0);
        if (host) {
            // One loop over host copies instead of two ND4J ops (~20 µs).
            if (polyakSource == null) {
                polyakSource = new float[Math.toIntExact(parameters.length())];
                polyakTarget = new float[polyakSource.length];
            }
            HostArrays.read(source.parameters, polyakSource);
            HostArrays.read(parameters, polyakTarget);
            float keep = (float) (1.0 - tau);
            float take = (float) tau;
            for (int i = 0; i < polyakTarget.length; i++) {
                polyakTarget[i] = take * polyakSource[i] + polyakTarget[i] * keep;
            }
            HostArrays.write(polyakTarget, parameters);
            return;
        }
        parameters.muli(1.0 - tau);
        Nd4j.exec(new Axpy(source.parameters, parameters, parameters, tau, parameters.length()));
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

    /** A copy of the parameters and architecture. */
    public NetworkState state() {
        float[] p = new float[Math.toIntExact(parameters.length())];
        HostArrays.read(parameters, p);
        return new NetworkState(layerSizes, hidden, p);
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

    /** Preallocated activations and deltas for one batch size. */
    private static final class Buffers {
        final INDArray[] activations;
        final INDArray[] deltas;
        final INDArray[] scratch;
        /** Host path: copies of the hidden activations and deltas, and of dOutput; else null. */
        final float[][] hostActivations;
        final float[][] hostDeltas;
        final float[] hostDOutput;
        /** Host path: per layer, rows of the bias that pre-fill the layer's output before the GEMM. */
        final float[][] hostPreactivations;
        final int batch;
        INDArray input;
        /** ∂loss/∂input {@code [batch, inputSize]}, allocated by the first {@link #backwardWithInputGradient}. */
        INDArray inputDelta;

        Buffers(int batch, int[] sizes, Activation hidden, boolean host) {
            int layers = sizes.length - 1;
            this.batch = batch;
            hostPreactivations = new float[layers][];
            for (int l = 0; l < layers && host; l++) {
                hostPreactivations[l] = new float[batch * sizes[l + 1]];
            }
            activations = new INDArray[layers];
            deltas = new INDArray[layers - 1];
            scratch = new INDArray[layers - 1];
            hostActivations = host ? new float[layers - 1][] : null;
            hostDeltas = host ? new float[layers - 1][] : null;
            hostDOutput = host ? new float[batch * sizes[layers]] : null;
            for (int l = 0; l < layers; l++) {
                activations[l] = Nd4j.create(DataType.FLOAT, batch, sizes[l + 1]);
                if (l + 1 < layers) {
                    deltas[l] = Nd4j.create(DataType.FLOAT, batch, sizes[l + 1]);
                    boolean tanhScratch = hidden == Activation.TANH && !host;
                    scratch[l] = tanhScratch ? Nd4j.create(DataType.FLOAT, batch, sizes[l + 1]) : null;
                    if (host) {
                        hostActivations[l] = new float[batch * sizes[l + 1]];
                        hostDeltas[l] = new float[batch * sizes[l + 1]];
                    }
                }
            }
        }
    }
}
