package org.netmoe.agents.buffer;

import org.netmoe.moe.nn.HostArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The observations of a {@link ReplayBatch} of {@code n} transitions on the device, for the networks: one
 * buffer whose first {@code [n, obsDim]} block is s ({@link #current}) and second is s' ({@link #next}), both
 * row-major views, so {@link #fill} moves both with one host-to-device copy. On the ND4J path an agent may ask
 * for {@code extraWidth} more columns per transition ({@link #extras}: what its device-side loss reads, e.g.
 * the action, reward and termination flag), which cross in the same copy. An agent keeps one per batch size.
 */
public final class DeviceStates {
    /** s: {@code [n, obsDim]}. */
    public final INDArray current;
    /** s': {@code [n, obsDim]}. */
    public final INDArray next;
    /** The per-transition columns {@code [n, extraWidth]} written by {@link #fill(ReplayBatch, float[])}, or null. */
    public final INDArray extras;
    private final INDArray states;
    private final float[] staging;
    private final int n;
    private final int obsDim;
    private final int extraWidth;

    /** Device arrays for {@code n} transitions of {@code obsDim}-dimensional observations. */
    public DeviceStates(int n, int obsDim) {
        this(n, obsDim, 0);
    }

    /** Device arrays for {@code n} transitions of {@code obsDim}-dimensional observations and {@code extraWidth} more columns. */
    public DeviceStates(int n, int obsDim, int extraWidth) {
        this.n = n;
        this.obsDim = obsDim;
        this.extraWidth = extraWidth;
        long half = (long) n * obsDim;
        this.states = Nd4j.create(DataType.FLOAT, 2 * half + (long) n * extraWidth);
        this.current = HostArrays.matrix(states, 0, n, obsDim);
        this.next = HostArrays.matrix(states, half, n, obsDim);
        this.extras = extraWidth > 0 ? HostArrays.matrix(states, 2 * half, n, extraWidth) : null;
        this.staging = new float[Math.toIntExact(states.length())];
    }

    /**
     * Copies s and s' of {@code batch} to the device: one {@link HostArrays} copy.
     *
     * @throws IllegalArgumentException if {@code batch} has another size or observation width
     */
    public void fill(ReplayBatch batch) {
        fill(batch, new float[0]);
    }

    /**
     * Copies s and s' of {@code batch} and {@code extras [n * extraWidth]} (row-major) to the device: one
     * {@link HostArrays} copy.
     *
     * @throws IllegalArgumentException if {@code batch} has another size or observation width, or {@code extras}
     *                                  another length
     */
    public void fill(ReplayBatch batch, float[] extras) {
        int half = batch.observations().length;
        if (batch.size() != n || half != n * obsDim) {
            throw new IllegalArgumentException("batch of " + batch.size() + " transitions of obsDim " + batch.obsDim()
                    + " does not fit device states of " + n + " rows and " + obsDim + " columns");
        }
        if (extras.length != n * extraWidth) {
            throw new IllegalArgumentException("extras must hold " + n + " x " + extraWidth + " floats, was "
                    + extras.length);
        }
        System.arraycopy(batch.observations(), 0, staging, 0, half);
        System.arraycopy(batch.nextObservations(), 0, staging, half, half);
        System.arraycopy(extras, 0, staging, 2 * half, extras.length);
        HostArrays.write(staging, states);
    }
}
