package org.netmoe.agents.dqn;

import org.netmoe.moe.nn.HostArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A minibatch of {@code n} transitions (s, a, r, s', terminated). The observations sit in one
 * array {@code states [2n, obsDim]}: rows {@code [0, n)} are s ({@link #observations()}), rows
 * {@code [n, 2n)} are s' ({@link #nextObservations()}), both views, so sampling fills both with
 * one host-to-device copy. The per-transition scalars stay in Java arrays: the TD target is computed on
 * the host. A batch returned by {@link ReplayBuffer#sample} is reused by the next sample.
 *
 * @param terminated whether s' ended the MDP (no bootstrapping); truncated transitions are
 *                   {@code false} and their s' is the final observation of the episode
 */
public record ReplayBatch(INDArray states, INDArray observations, INDArray nextObservations, int[] actions,
                          float[] rewards, boolean[] terminated) {
    public ReplayBatch {
        int n = actions.length;
        if (rewards.length != n || terminated.length != n || states.rows() != 2L * n
                || observations.rows() != n || nextObservations.rows() != n) {
            throw new IllegalArgumentException("inconsistent batch: " + n + " actions, " + rewards.length
                    + " rewards, " + terminated.length + " flags, " + states.rows() + " state rows");
        }
    }

    /** An empty batch of {@code batchSize} transitions of {@code obsDim}-dimensional observations. */
    public static ReplayBatch allocate(int batchSize, int obsDim) {
        INDArray states = Nd4j.create(DataType.FLOAT, 2L * batchSize, obsDim);
        return new ReplayBatch(states,
                states.get(NDArrayIndex.interval(0, batchSize), NDArrayIndex.all()),
                states.get(NDArrayIndex.interval(batchSize, 2 * batchSize), NDArrayIndex.all()),
                new int[batchSize], new float[batchSize], new boolean[batchSize]);
    }

    /** A batch holding copies of the given transitions; observations are {@code [n * obsDim]} row-major. */
    public static ReplayBatch of(float[] observations, int[] actions, float[] rewards, float[] nextObservations,
                                 boolean[] terminated) {
        int n = actions.length;
        if (n == 0 || observations.length % n != 0 || nextObservations.length != observations.length) {
            throw new IllegalArgumentException("observations must be [" + n + " * obsDim], were "
                    + observations.length + " and " + nextObservations.length);
        }
        ReplayBatch batch = allocate(n, observations.length / n);
        float[] both = new float[2 * observations.length];
        System.arraycopy(observations, 0, both, 0, observations.length);
        System.arraycopy(nextObservations, 0, both, observations.length, observations.length);
        HostArrays.write(both, batch.states);
        System.arraycopy(actions, 0, batch.actions, 0, n);
        System.arraycopy(rewards, 0, batch.rewards, 0, n);
        System.arraycopy(terminated, 0, batch.terminated, 0, n);
        return batch;
    }

    /** Number of transitions. */
    public int size() {
        return actions.length;
    }
}
