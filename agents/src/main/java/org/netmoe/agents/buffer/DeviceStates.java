package org.netmoe.agents.buffer;

import org.netmoe.moe.nn.HostArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The observations of a {@link ReplayBatch} of {@code n} transitions on the device, for the networks: one
 * array {@code [2n, obsDim]} whose rows {@code [0, n)} are s ({@link #current}) and rows {@code [n, 2n)} are s'
 * ({@link #next}), both row-major views, so {@link #fill} moves both with one host-to-device copy. An agent
 * keeps one per batch size.
 */
public final class DeviceStates {
    /** s: rows {@code [0, n)}, {@code [n, obsDim]}. */
    public final INDArray current;
    /** s': rows {@code [n, 2n)}, {@code [n, obsDim]}. */
    public final INDArray next;
    private final INDArray states;
    private final float[] staging;
    private final int n;

    /** Device arrays for {@code n} transitions of {@code obsDim}-dimensional observations. */
    public DeviceStates(int n, int obsDim) {
        this.n = n;
        this.states = Nd4j.create(DataType.FLOAT, 2L * n, obsDim);
        this.current = HostArrays.rowBlock(states, 0, n);
        this.next = HostArrays.rowBlock(states, n, 2L * n);
        this.staging = new float[2 * n * obsDim];
    }

    /**
     * Copies s and s' of {@code batch} to the device: one {@link HostArrays} copy.
     *
     * @throws IllegalArgumentException if {@code batch} has another size or observation width
     */
    public void fill(ReplayBatch batch) {
        int half = batch.observations().length;
        if (batch.size() != n || 2 * half != staging.length) {
            throw new IllegalArgumentException("batch of " + batch.size() + " transitions of obsDim " + batch.obsDim()
                    + " does not fit device states of " + n + " rows and " + staging.length / (2 * n) + " columns");
        }
        System.arraycopy(batch.observations(), 0, staging, 0, half);
        System.arraycopy(batch.nextObservations(), 0, staging, half, half);
        HostArrays.write(staging, states);
    }
}
