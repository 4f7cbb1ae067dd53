package org.netmoe.agents.ppo;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link Ppo}'s minibatch loss as ND4J ops, for {@link org.netmoe.moe.nn.KernelPath#ND4J} (the path the CUDA
 * backend runs): log-probabilities and entropy of the action distribution ({@link Categorical} or
 * {@link DiagGaussian}), the clipped surrogate (Schulman et al. 2017, Eq. 7), the (clipped) value loss and their
 * gradients with respect to the actor output, the value and the log-std, over the whole minibatch where the
 * network outputs live. The same functions as {@link Ppo}'s host loops, in float instead of double;
 * {@code DevicePpoLossTest} compares the two. Each call allocates its small temporaries.
 */
final class DevicePpoLoss {
    /** Indices into the stats vector {@link #compute} writes. */
    static final int POLICY_LOSS = 0, VALUE_LOSS = 1, ENTROPY = 2, APPROX_KL = 3, CLIP_FRACTION = 4;
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    /** ∂L/∂(actor output) {@code [m, paramDim]}, ∂L/∂V {@code [m, 1]} and ∂L/∂log σ {@code [dim]} (null if discrete). */
    record Gradients(INDArray dParams, INDArray dValue, INDArray dLogStd) {
    }

    private DevicePpoLoss() {
    }

    /**
     * The loss terms of one minibatch of {@code m} rows into {@code stats[0..5)} (policy loss, value loss, mean
     * entropy, approximate KL, clip fraction: what {@link Ppo#update} reports) and the gradients of
     * {@code L = −L^CLIP + c₁·L^VF − c₂·H}, each term a mean over the rows.
     *
     * @param params     the actor's outputs (logits or Gaussian mean), {@code [m, paramDim]}
     * @param values     V(s), {@code [m, 1]}
     * @param actions    the taken actions: one-hot {@code [m, n]} for a categorical policy, else {@code [m, dim]}
     * @param logStd     the Gaussian's log-std {@code [dim]}, or null for a categorical policy
     * @param oldLogProb log π_old(a|s), {@code [m, 1]}; likewise {@code advantages}, {@code returns}, {@code oldValues}
     */
    static Gradients compute(INDArray params, INDArray values, INDArray actions, INDArray logStd, INDArray oldLogProb,
                             INDArray advantages, INDArray returns, INDArray oldValues, PpoConfig config,
                             INDArray stats) {
        long m = params.rows();
        double clip = config.clipCoef();
        double dEntropy = -config.entCoef() / m;
        INDArray newLogProb;
        INDArray entropy;
        INDArray logProbs = null;
        INDArray z = null;
        INDArray invStd = null;
        if (logStd == null) {
            INDArray shifted = params.subColumnVector(params.max(true, 1));
            logProbs = shifted.subiColumnVector(Transforms.log(Transforms.exp(shifted).sum(true, 1), false));
            newLogProb = logProbs.mul(actions).sum(true, 1);
            entropy = Transforms.exp(logProbs).muli(logProbs).sum(true, 1).negi();
        } else {
            INDArray logStdRow = logStd.reshape(1, logStd.length());
            invStd = Transforms.exp(logStdRow.neg(), false);
            z = actions.sub(params).muliRowVector(invStd);
            newLogProb = z.mul(z).muli(-0.5).subiRowVector(logStdRow).subi(HALF_LOG_2PI).sum(true, 1);
            entropy = logStdRow.add(0.5 + HALF_LOG_2PI).sum(true, 1).broadcast(m, 1);
        }
        INDArray logRatio = newLogProb.sub(oldLogProb);
        INDArray ratio = Transforms.exp(logRatio);
        // Eq. 7 as a loss: max(−Â·r, −Â·clip(r, 1 − ε, 1 + ε)); only the unclipped term carries a gradient.
        INDArray pg1 = advantages.neg().muli(ratio);
        INDArray pg2 = advantages.neg().muli(Transforms.min(Transforms.max(ratio, 1 - clip), 1 + clip));
        INDArray unclippedWins = pg2.gt(pg1).castTo(DataType.FLOAT).rsubi(1.0);
        INDArray dLogProb = pg1.mul(unclippedWins).divi(m); // ∂r/∂logπ = r
        put(stats, POLICY_LOSS, Transforms.max(pg1, pg2).mean(true, 0));
        put(stats, ENTROPY, entropy.mean(true, 0));
        put(stats, APPROX_KL, ratio.sub(1.0).subi(logRatio).mean(true, 0));
        put(stats, CLIP_FRACTION, Transforms.abs(ratio.sub(1.0), false).gt(clip).castTo(DataType.FLOAT).mean(true, 0));
        INDArray dParams;
        INDArray dLogStd = null;
        if (logStd == null) {
            INDArray probs = Transforms.exp(logProbs);
            // ∂logπ(a)/∂z_j = 1{j=a} − π_j;  ∂H/∂z_j = −π_j (log π_j + H).
            dParams = actions.sub(probs).muliColumnVector(dLogProb)
                    .subi(probs.mul(logProbs.addColumnVector(entropy)).muli(dEntropy));
        } else {
            // ∂logπ/∂μ = z/σ;  ∂logπ/∂logσ = z² − 1;  ∂H/∂logσ = 1.
            dParams = z.mulRowVector(invStd).muliColumnVector(dLogProb);
            dLogStd = z.mul(z).subi(1.0).muliColumnVector(dLogProb).sum(0).addi(m * dEntropy);
        }
        INDArray dValue = valueLoss(values, returns, oldValues, config, stats);
        return new Gradients(dParams, dValue, dLogStd);
    }

    /** ½·mean of the (clipped) squared value error into {@code stats}; returns c₁·∂(½·mean)/∂V. */
    private static INDArray valueLoss(INDArray v, INDArray returns, INDArray oldValues, PpoConfig config,
                                      INDArray stats) {
        long m = v.rows();
        INDArray unclipped = v.sub(returns);
        INDArray loss = unclipped.mul(unclipped);
        INDArray grad = unclipped;
        if (config.clipValueLoss()) {
            double eps = config.clipCoef();
            INDArray change = v.sub(oldValues);
            INDArray clipped = Transforms.min(Transforms.max(change, -eps), eps).addi(oldValues).subi(returns);
            INDArray clippedLoss = clipped.mul(clipped);
            INDArray useClipped = clippedLoss.gt(loss).castTo(DataType.FLOAT);
            // the clipped branch is flat outside ±ε
            INDArray inside = Transforms.abs(change, false).gt(eps).castTo(DataType.FLOAT).rsubi(1.0);
            grad = unclipped.mul(useClipped.rsub(1.0)).addi(clipped.muli(inside).muli(useClipped));
            loss = Transforms.max(loss, clippedLoss);
        }
        put(stats, VALUE_LOSS, loss.mean(true, 0).muli(0.5));
        return grad.muli(config.vfCoef() / m);
    }

    /** {@code stats[i] = scalar}, on the device. */
    static void put(INDArray stats, int i, INDArray scalar) {
        stats.get(NDArrayIndex.interval(i, i + 1)).assign(scalar.reshape(1));
    }
}
