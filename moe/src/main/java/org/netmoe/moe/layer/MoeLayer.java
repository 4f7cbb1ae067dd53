package org.netmoe.moe.layer;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.netmoe.core.Require;
import org.netmoe.core.rng.RngStream;
import org.netmoe.moe.nn.HostArrays;
import org.netmoe.moe.nn.KernelPath;
import org.netmoe.moe.nn.Mlp;
import org.netmoe.moe.nn.Network;

/**
 * A mixture-of-experts layer {@code y = Σ_k g_k(x)·E_k(x)} (survey eq. (1); Shazeer et al. 2017):
 * K expert {@link Mlp}s {@code [in, hidden..., out]} and a gate {@link Mlp} {@code [in, hidden..., K]}
 * whose logits give the weights {@code g} as configured by {@link MoeConfig#gate()}. Usable wherever a
 * {@link Network} is: as the actor of PPO/SAC or inside a diffusion denoiser.
 *
 * <p><b>Dense computation.</b> Every expert runs on the whole batch and unselected experts get weight 0,
 * so a sparse gate saves no compute here; for the K ≤ 8 small experts of RL this is cheaper than
 * gathering rows per expert. Gradients are exactly those of the sparse layer: an unselected expert and its
 * gate logit receive zero gradient from the main loss (Shazeer et al. 2017).
 *
 * <p><b>Parameters.</b> One flat float vector {@code [numParams]}: expert 0, …, expert K−1, then the gate,
 * each block in {@link Mlp}'s layout (per layer {@code W} column-major {@code [in, out]}, then {@code b}).
 * {@link #gradient()} has the same layout. The sub-networks are built {@link Mlp#onViews on views} of
 * these two vectors, so nothing is copied between them: writing {@link #parameters()} changes the layer at
 * once, and each sub-network's backward writes its block of {@link #gradient()}.
 *
 * <p><b>Host traffic.</b> The router (softmax, top-k, the auxiliary losses) and the mixing run as Java
 * loops, so each step moves the gate logits and expert outputs to the host and the mixed output back:
 * on {@link KernelPath#ND4J} a forward makes {@code K + 2} {@link HostArrays} copies, a backward
 * {@code K + 2}, and a backward with the input gradient {@code 2K + 4} (counted by {@code MoeLayerTest});
 * the sub-networks themselves copy nothing.
 *
 * <p><b>Backward.</b> {@link #backward} differentiates {@code main + loadBalanceCoef·loadBalance +
 * routerZLossCoef·routerZLoss}, where {@code dOutput} is ∂main/∂y and the auxiliary losses are the batch
 * means of {@link MoeAuxLoss}. {@link #backwardWithInputGradient} also returns
 * {@code Σ_k g_k·∂E_k/∂x + ∂h/∂x·∂L/∂h}, the expert paths plus the gate path (the top-k selection and the gate
 * noise are constants). Buffers ({@link MoeBuffers}) and the backward contract are those of {@link Network}:
 * per batch size, valid until the next forward at that size. Not thread-safe.
 */
public final class MoeLayer implements Network {
    private final MoeConfig config;
    private final int inputSize;
    private final int outputSize;
    private final Mlp[] experts;
    private final Mlp gate;
    private final INDArray parameters;
    private final INDArray gradient;
    /** Per sub-network (experts then gate): its block of the flat parameters. */
    private final INDArray[] parameterBlocks;
    private final Map<Integer, MoeBuffers> batches = new HashMap<>();
    private Router lastRouter;

    private MoeLayer(MoeConfig config, int inputSize, int outputSize, INDArray parameters, KernelPath path) {
        this.config = config;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.parameters = parameters;
        this.gradient = Nd4j.create(DataType.FLOAT, parameters.length());
        int[][] sizes = subNetworkSizes(config, inputSize, outputSize);
        Mlp[] nets = new Mlp[sizes.length];
        parameterBlocks = new INDArray[sizes.length];
        long offset = 0;
        for (int i = 0; i < sizes.length; i++) {
            long n = Mlp.numParams(sizes[i]);
            parameterBlocks[i] = parameters.get(NDArrayIndex.interval(offset, offset + n));
            INDArray gradientBlock = gradient.get(NDArrayIndex.interval(offset, offset + n));
            nets[i] = Mlp.onViews(sizes[i], config.activation(), parameterBlocks[i], gradientBlock, path);
            offset += n;
        }
        this.experts = Arrays.copyOf(nets, config.experts());
        this.gate = nets[config.experts()];
    }

    /** The path the experts' and the gate's kernels run on. */
    @Override
    public KernelPath kernelPath() {
        return gate.kernelPath();
    }

    /** Layer sizes of experts 0…K−1 and then the gate: the order of the flat parameter vector. */
    private static int[][] subNetworkSizes(MoeConfig config, int inputSize, int outputSize) {
        int[][] sizes = new int[config.experts() + 1][];
        Arrays.fill(sizes, 0, config.experts(), config.expertLayerSizes(inputSize, outputSize));
        sizes[config.experts()] = config.gateLayerSizes(inputSize);
        return sizes;
    }

    /**
     * A layer {@code [batch, inputSize] -> [batch, outputSize]} initialised from {@code rng}: experts 0…K−1
     * and then the gate are drawn one after another with {@link Mlp#initialParameters} (He/Glorot uniform, zero biases),
     * so the same {@code rng} state gives bit-identical parameters.
     *
     * @throws IllegalArgumentException if a size is not positive or an argument is null
     */
    public static MoeLayer create(int inputSize, int outputSize, MoeConfig config,
                                  UniformRandomProvider rng) {
        return create(inputSize, outputSize, config, rng, KernelPath.configured());
    }

    /** {@link #create} on the given kernel path; package-private so tests run both paths. */
    static MoeLayer create(int inputSize, int outputSize, MoeConfig config,
                           UniformRandomProvider rng, KernelPath path) {
        Require.positive("inputSize", inputSize);
        Require.positive("outputSize", outputSize);
        Require.nonNull("config", config);
        Require.nonNull("rng", rng);
        int[][] sizes = subNetworkSizes(config, inputSize, outputSize);
        long total = 0;
        for (int[] s : sizes) {
            total += Mlp.numParams(s);
        }
        float[] p = new float[Math.toIntExact(total)];
        int offset = 0;
        for (int[] s : sizes) {
            float[] block = Mlp.initialParameters(s, config.activation(), rng);
            System.arraycopy(block, 0, p, offset, block.length);
            offset += block.length;
        }
        return new MoeLayer(config, inputSize, outputSize, Nd4j.createFromArray(p), path);
    }

    /** Noise-free outputs {@code [batch, outputSize]} for {@code input [batch, inputSize]}. */
    @Override
    public INDArray forward(INDArray input) {
        return forward(input, null);
    }

    /**
     * Outputs for {@code input [batch, inputSize]} with noisy gating for training: each gate logit gets
     * independent {@code N(0, gateNoiseStd²)} noise from {@code noise} before selection and weighting
     * (Shazeer et al. 2017, eq. (4), fixed noise scale). The noise is a constant for {@link #backward}.
     * With {@code gateNoiseStd = 0} or a null {@code noise} this is {@link #forward(INDArray)}.
     */
    public INDArray forward(INDArray input, RngStream noise) {
        int batchSize = Math.toIntExact(input.rows());
        MoeBuffers b = batches.computeIfAbsent(batchSize,
                n -> new MoeBuffers(config, n, inputSize, outputSize));
        int kCount = experts.length;

        HostArrays.read(gate.forward(input), b.gateOut);
        ZigguratSampler.NormalizedGaussian gaussian = noise != null && config.gateNoiseStd() > 0
                ? ZigguratSampler.NormalizedGaussian.of(noise) : null;
        for (int i = 0; i < b.logits.length; i++) {
            b.logits[i] = b.gateOut[i] + (gaussian == null ? 0.0 : config.gateNoiseStd() * gaussian.sample());
        }
        b.router.forward(b.logits);

        // y = Σ_k g_k(x)·E_k(x), all experts computed densely.
        Arrays.fill(b.y, 0f);
        for (int k = 0; k < kCount; k++) {
            HostArrays.read(experts[k].forward(input), b.expertOut[k]);
            for (int r = 0; r < batchSize; r++) {
                float g = (float) b.router.weights[r * kCount + k];
                if (g != 0f) {
                    int row = r * outputSize;
                    for (int d = 0; d < outputSize; d++) {
                        b.y[row + d] += g * b.expertOut[k][row + d];
                    }
                }
            }
        }
        HostArrays.write(b.y, b.output);
        b.forwarded = true;
        lastRouter = b.router;
        return b.output;
    }

    @Override
    public INDArray backpropagate(INDArray dOutput, boolean withInput) {
        int batchSize = Math.toIntExact(dOutput.rows());
        MoeBuffers b = batches.get(batchSize);
        if (b == null || !b.forwarded) {
            throw new IllegalStateException("backward() at batch " + batchSize + " without a forward() at that batch");
        }
        if (dOutput.rank() != 2 || dOutput.columns() != outputSize) {
            throw new IllegalArgumentException("dOutput must be [" + batchSize + ", " + outputSize + "], was "
                    + Arrays.toString(dOutput.shape()));
        }
        int kCount = experts.length;
        boolean contiguous = dOutput.dataType() == DataType.FLOAT && dOutput.ordering() == 'c'
                && dOutput.elementWiseStride() == 1;
        HostArrays.read(contiguous ? dOutput : dOutput.castTo(DataType.FLOAT).dup('c'), b.dY);
        for (int k = 0; k < kCount; k++) {
            float[] e = b.expertOut[k];
            for (int r = 0; r < batchSize; r++) {
                float g = (float) b.router.weights[r * kCount + k];
                int row = r * outputSize;
                double a = 0;
                for (int d = 0; d < outputSize; d++) {
                    a += (double) b.dY[row + d] * e[row + d]; // ∂main/∂g_k = <dY, E_k>
                    b.dExpert[row + d] = g * b.dY[row + d]; // ∂main/∂E_k = g_k·dY
                }
                b.dWeights[r * kCount + k] = a;
            }
            HostArrays.write(b.dExpert, b.dExpertArray);
            if (withInput) {
                addInputGradient(experts[k].backwardWithInputGradient(b.dExpertArray), b, k == 0);
            } else {
                experts[k].backward(b.dExpertArray);
            }
        }
        b.router.backward(b.dWeights, config.loadBalanceCoef(), config.routerZLossCoef(), b.dLogits);
        for (int i = 0; i < b.dLogits.length; i++) {
            b.dLogitsHost[i] = (float) b.dLogits[i];
        }
        HostArrays.write(b.dLogitsHost, b.dLogitsArray);
        if (!withInput) {
            gate.backward(b.dLogitsArray);
            return null;
        }
        addInputGradient(gate.backwardWithInputGradient(b.dLogitsArray), b, false);
        HostArrays.write(b.dInput, b.dInputArray);
        return b.dInputArray;
    }

    /** {@code b.dInput (+)= part}, host side; {@code first} overwrites. */
    private void addInputGradient(INDArray part, MoeBuffers b, boolean first) {
        HostArrays.read(part, b.dInputPart);
        for (int i = 0; i < b.dInput.length; i++) {
            b.dInput[i] = first ? b.dInputPart[i] : b.dInput[i] + b.dInputPart[i];
        }
    }

    /**
     * The auxiliary losses of the most recent forward (any batch size).
     *
     * @throws IllegalStateException before the first forward
     */
    public MoeAuxLoss lastAuxLoss() {
        return requireForward().auxLoss(config);
    }

    /**
     * Expert usage in the most recent forward (any batch size): log it after the training forward, not
     * after a batch-1 acting forward.
     *
     * @throws IllegalStateException before the first forward
     */
    public ExpertUsage expertUsage() {
        return requireForward().usage();
    }

    /** Gate weights {@code g [batch, K]} (row-major copy) of the last forward at {@code batch}; for tests. */
    double[] gateWeights(int batch) {
        return batches.get(batch).router.weights.clone();
    }

    /** Gate logits {@code h [batch, K]} (row-major copy, noise included) of the last forward at {@code batch}. */
    double[] gateLogits(int batch) {
        return batches.get(batch).logits.clone();
    }

    private Router requireForward() {
        if (lastRouter == null) {
            throw new IllegalStateException("no forward() yet");
        }
        return lastRouter;
    }

    /** The block of {@link #parameters()} holding expert {@code k} (a live view, {@link Mlp} layout). */
    public INDArray expertParameters(int k) {
        Require.inRange("k", k, 0, experts.length - 1);
        return parameterBlocks[k];
    }

    /** The block of {@link #parameters()} holding the gate network (a live view, {@link Mlp} layout). */
    public INDArray gateParameters() {
        return parameterBlocks[experts.length];
    }

    @Override
    public INDArray parameters() {
        return parameters;
    }

    @Override
    public INDArray gradient() {
        return gradient;
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public int outputSize() {
        return outputSize;
    }

    public MoeConfig config() {
        return config;
    }
}
