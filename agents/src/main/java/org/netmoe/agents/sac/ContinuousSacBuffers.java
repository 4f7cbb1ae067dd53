package org.netmoe.agents.sac;

import org.netmoe.agents.buffer.DeviceStates;
import org.netmoe.moe.nn.HostArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link ContinuousSac}'s per-update scratch on the host kernel path ({@link ContinuousSacDevice} holds the ND4J
 * path's): host arrays and INDArrays of one batch size. min(Q_1, Q_2) and
 * Q_1 − Q_2 share one device array {@code [2n, 1]}, and so do the two critics' output gradients, so each pair
 * crosses in one copy.
 */
final class ContinuousSacBuffers {
    final int n;
    final DeviceStates states;
    final INDArray qIn;
    final INDArray minAndDiff;
    final INDArray min;
    final INDArray diff;
    final INDArray dOutBoth;
    final INDArray dOut1;
    final INDArray dOut2;
    final INDArray dActionsArray;
    final INDArray dActor;
    final float[] qInHost;
    final float[] raw;
    final float[] actions;
    final float[] q;
    final float[] minAndDiffHost;
    final double[] y;
    final float[] dq;
    final float[] dActionsHost;
    final double[] dActions;
    final float[] dRaw;
    final TanhGaussian gauss;
    /** Row i's Q output is entry i: the {@code taken} indices of {@link SacNetworks#criticStep}. */
    final int[] rows;

ContinuousSacBuffers(int n, int obsDim, int actDim, double[] scale, double[] bias) {
        this.n = n;
        int width = obsDim + actDim;
        states = new DeviceStates(n, obsDim);
        qIn = Nd4j.create(DataType.FLOAT, n, width);
        minAndDiff = Nd4j.create(DataType.FLOAT, 2L * n, 1);
        min = HostArrays.rowBlock(minAndDiff, 0, n);
        diff = HostArrays.rowBlock(minAndDiff, n, 2L * n);
        dOutBoth = Nd4j.create(DataType.FLOAT, 2L * n, 1);
        dOut1 = HostArrays.rowBlock(dOutBoth, 0, n);
        dOut2 = HostArrays.rowBlock(dOutBoth, n, 2L * n);
        dActionsArray = Nd4j.create(DataType.FLOAT, n, actDim);
        dActor = Nd4j.create(DataType.FLOAT, n, 2 * actDim);
        qInHost = new float[n * width];
        raw = new float[n * 2 * actDim];
        actions = new float[n * actDim];
        q = new float[n];
        minAndDiffHost = new float[2 * n];
        y = new double[n];
        dq = new float[2 * n];
        dActionsHost = new float[n * actDim];
        dActions = new double[n * actDim];
        dRaw = new float[n * 2 * actDim];
        gauss = new TanhGaussian(n, scale, bias);
        rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
    }
}
