package org.netmoe.agents.dqn;

import org.netmoe.agents.buffer.ReplayBatch;
import org.netmoe.moe.nn.HostArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * DQN's device-side view of a minibatch of {@code n} transitions (s, a, r, s', terminated). The observations sit in one
 * array {@code states [2n, obsDim]}: rows {@code [0, n)} are s ({@link #observations()}), rows
 * {@code [n, 2n)} are s' ({@link #nextObservations()}), both views, so sampling fills both with
 * one host-to-device copy. The per-transition scalars stay in Java arrays: the TD target is computed on
 * the host. {@link Dqn} keeps one per batch size and refills it from each sampled
 * {@link ReplayBatch}.
 *
 * @param terminated whether s' ended the MDP (no bootstrapping); truncated transitions are
 *                   {@code false} and their s' is the final observation of the episode
 */
record QBatch(INDArray states, INDArray observations, INDArray nextObservations, int[] actions,
                          float[] rewards, boolean[] terminated) {
    QBatch {
        int n = actions.length;
        if (rewards.length != n || terminated.length != n || states.rows() != 2L * n
                || observations.rows() != n || nextObservations.rows() != n) {
            throw new IllegalArgumentException("inconsistent batch: " + n + " actions, " + rewards.length
                    + " rewards, " + terminated.length + " flags, " + states.rows() + " state rows");
        }
    }

    /** An empty batch of {@code batchSize} transitions of {@code obsDim}-dimensional observations. */
    static QBatch allocate(int batchSize, int obsDim) {
        INDArray states = Nd4j.create(DataType.FLOAT, 2L * batchSize, obsDim);
        return new QBatch(states,
                states.get(NDArrayIndex.interval(0, batchSize), NDArrayIndex.all()),
                states.get(NDArrayIndex.interval(batchSize, 2 * batchSize), NDArrayIndex.all()),
                new int[batchSize], new float[batchSize], new boolean[batchSize]);
    }

    /** Copies {@code batch} (of this size and obsDim, discrete actions) into this batch with one host-to-device copy. */
    void fill(ReplayBatch batch, float[] staging) {
        int n = size();
        int half = batch.observations().length;
        System.arraycopy(batch.observations(), 0, staging, 0, half);
        System.arraycopy(batch.nextObservations(), 0, staging, half, half);
        HostArrays.write(staging, states);
        for (int j = 0; j < n; j++) {
            actions[j] = batch.actionIndex(j);
        }
        System.arraycopy(batch.rewards(), 0, rewards, 0, n);
        System.arraycopy(batch.terminated(), 0, terminated, 0, n);
    }

    /** Number of transitions. */
    public int size() {
        return actions.length;
    }
}
