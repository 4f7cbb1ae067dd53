package org.netmoe.agents.diffusion;

import org.netmoe.moe.nn.HostArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link DoubleCritic}'s preallocated arrays of one batch size {@code n}: inputs {@code [2n, width]} (rows {@code [0, n)} the next
 * rows {@code [s', a']} of an update, rows {@code [n, 2n)} the current ones), min and Q_1 − Q_2 {@code [2n]},
 * and the output gradients {@code [2n, 1]} (rows {@code [0, n)} for Q_1, {@code [n, 2n)} for Q_2).
 */
final class CriticRows {
    final int n;
    final float[] staging;
    final INDArray stacked;
    final INDArray next;
    final INDArray current;
    final INDArray minAndDiff;
    final INDArray min;
    final INDArray diff;
    final float[] hostMinAndDiff;
    final float[] hostMin;
    final float[] hostDiff;
    final float[] y;
    final float[] pred;
    final float[] dHost;
    final INDArray dBoth;
    final INDArray d1;
    final INDArray d2;
    final INDArray dAction;
    /** The ND4J path's update input: {@link #staging}, then the rewards and 1 − terminated. */
    final float[] deviceStaging;

    CriticRows(int n, int width, int actionDim) {
        this.n = n;
        staging = new float[2 * n * width];
        stacked = Nd4j.create(DataType.FLOAT, 2L * n, width);
        next = HostArrays.rowBlock(stacked, 0, n);
        current = HostArrays.rowBlock(stacked, n, 2 * n);
        minAndDiff = Nd4j.create(DataType.FLOAT, 2L * n, 1);
        min = HostArrays.rowBlock(minAndDiff, 0, n);
        diff = HostArrays.rowBlock(minAndDiff, n, 2 * n);
        hostMinAndDiff = new float[2 * n];
        hostMin = new float[n];
        hostDiff = new float[n];
        y = new float[n];
        pred = new float[n];
        dHost = new float[2 * n];
        dBoth = Nd4j.create(DataType.FLOAT, 2L * n, 1);
        d1 = HostArrays.rowBlock(dBoth, 0, n);
        d2 = HostArrays.rowBlock(dBoth, n, 2 * n);
        dAction = Nd4j.create(DataType.FLOAT, n, actionDim);
        deviceStaging = new float[2 * n * width + 2 * n];
    }
}
