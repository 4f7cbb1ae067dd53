package org.netmoe.agents.sac;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link TanhGaussian} as ND4J ops, for {@link org.netmoe.moe.nn.KernelPath#ND4J}: the reparameterized sample of
 * a batch with given noise ε, its log π (App. C, Eq. 21) and the backward of the latest sample, on the device and
 * in float. The intermediates of the latest {@link #sample} are kept for {@link #backward}; each call allocates
 * its temporaries.
 */
final class DeviceTanhGaussian {
    private static final double TANH_EPS = 1e-6;
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double HALF_RANGE = 0.5 * (TanhGaussian.LOG_STD_MAX - TanhGaussian.LOG_STD_MIN);
    private final int d;
    private final INDArray scale;
    private final INDArray bias;
    private INDArray eps;
    private INDArray y;
    private INDArray oneMinusY2;
    private INDArray std;
    private INDArray tanhR;
    private INDArray logProb;

    /** A head for a Box with per-entry {@code scale = (high − low)/2}, {@code bias = (high + low)/2}. */
    DeviceTanhGaussian(double[] scale, double[] bias) {
        this.d = scale.length;
        this.scale = Nd4j.create(scale, new long[] {1, d}, DataType.FLOAT);
        this.bias = Nd4j.create(bias, new long[] {1, d}, DataType.FLOAT);
    }

    /** The actions {@code scale·tanh(μ + σε) + bias} {@code [n, d]} of the actor outputs {@code raw [n, 2d]} and noise {@code eps [n, d]}. */
    INDArray sample(INDArray raw, INDArray eps) {
        this.eps = eps;
        INDArray mu = raw.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d));
        tanhR = Transforms.tanh(raw.get(NDArrayIndex.all(), NDArrayIndex.interval(d, 2 * d)), true);
        INDArray logStd = tanhR.add(1.0).muli(HALF_RANGE).addi(TanhGaussian.LOG_STD_MIN);
        std = Transforms.exp(logStd, true);
        INDArray u = std.mul(eps).addi(mu);
        y = Transforms.tanh(u, true);
        // 1 − y² as sech²(u): in float, 1 − tanh²(u) would lose the digits that log π needs where tanh saturates.
        oneMinusY2 = Transforms.cosh(u, false);
        oneMinusY2.muli(oneMinusY2).rdivi(1.0);
        // log N(u; μ, σ) with u − μ = σε, then the tanh/rescaling correction.
        INDArray correction = Transforms.log(oneMinusY2.mulRowVector(scale).addi(TANH_EPS), false);
        logProb = eps.mul(eps).muli(-0.5).subi(logStd).subi(HALF_LOG_2PI).subi(correction).sum(true, 1);
        return y.mulRowVector(scale).addiRowVector(bias);
    }

    /** log π {@code [n, 1]} of the latest sample. */
    INDArray logProb() {
        return logProb;
    }

    /**
     * ∂J/∂raw {@code [n, 2d]} of the latest sample (ε held fixed) for a loss with {@code ∂J/∂log π_i = dLogProb}
     * and {@code ∂J/∂a = dActions [n, d]}, as {@link TanhGaussian#backward}.
     */
    INDArray backward(double dLogProb, INDArray dActions) {
        INDArray s = oneMinusY2.mulRowVector(scale);
        // ∂log π/∂u: only the correction depends on u (log N depends on ε alone once u − μ = σε).
        INDArray dLogProbDu = y.mul(s).muli(2.0).divi(s.add(TANH_EPS));
        INDArray dU = dActions.mul(s).addi(dLogProbDu.muli(dLogProb));
        INDArray dLogStd = dU.mul(std).muli(eps).subi(dLogProb); // u = μ + e^{log σ}ε, and log N has −log σ
        INDArray dRaw = Nd4j.create(DataType.FLOAT, dU.rows(), 2L * d);
        dRaw.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d)).assign(dU);
        dRaw.get(NDArrayIndex.all(), NDArrayIndex.interval(d, 2 * d))
                .assign(dLogStd.muli(tanhR.mul(tanhR).rsubi(1.0)).muli(HALF_RANGE));
        return dRaw;
    }
}
