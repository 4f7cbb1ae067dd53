package org.netmoe.agents.dqn;

import org.netmoe.agents.buffer.DeviceStates;
import org.netmoe.agents.buffer.ReplayBatch;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DQN's view of a minibatch of {@code n} transitions (s, a, r, s', terminated): s and s' on the device
 * ({@link DeviceStates}, one host-to-device copy), the per-transition scalars in Java arrays (the TD target
 * is computed on the host). {@link Dqn} keeps one per batch size on the host kernel path ({@link DeviceTdStep}
 * holds the ND4J path's batch) and refills it from each sampled
 * {@link ReplayBatch}.
 *
 * @param terminated whether s' ended the MDP (no bootstrapping); truncated transitions are
 *                   {@code false} and their s' is the final observation of the episode
 */
record QBatch(DeviceStates states, int[] actions, float[] rewards, boolean[] terminated) {
    QBatch {
        int n = actions.length;
        if (rewards.length != n || terminated.length != n || states.current.rows() != n) {
            throw new IllegalArgumentException("inconsistent batch: " + n + " actions, " + rewards.length
                    + " rewards, " + terminated.length + " flags, " + states.current.rows() + " state rows");
        }
    }

    /** An empty batch of {@code batchSize} transitions of {@code obsDim}-dimensional observations. */
    static QBatch allocate(int batchSize, int obsDim) {
        return new QBatch(new DeviceStates(batchSize, obsDim), new int[batchSize], new float[batchSize],
                new boolean[batchSize]);
    }

    /** Copies {@code batch} (of this size and obsDim, discrete actions) into this batch with one host-to-device copy. */
    void fill(ReplayBatch batch) {
        int n = size();
        states.fill(batch);
        for (int j = 0; j < n; j++) {
            actions[j] = batch.actionIndex(j);
        }
        System.arraycopy(batch.rewards(), 0, rewards, 0, n);
        System.arraycopy(batch.terminated(), 0, terminated, 0, n);
    }

    /** s, {@code [n, obsDim]} on the device. */
    INDArray observations() {
        return states.current;
    }

    /** s', {@code [n, obsDim]} on the device. */
    INDArray nextObservations() {
        return states.next;
    }

    /** Number of transitions. */
    int size() {
        return actions.length;
    }
}
