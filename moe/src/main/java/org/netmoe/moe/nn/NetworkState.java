package org.netmoe.moe.nn;

import java.util.Arrays;
import org.netmoe.core.ArrayRecords;

/**
 * Everything needed to rebuild an {@link Mlp} exactly: its layer sizes, hidden activation and the
 * flat parameter vector in {@link Mlp}'s layout (per layer {@code W} column-major
 * {@code [in, out]}, then {@code b [out]}).
 * Holds its arrays without copying, and is a value by content ({@link ArrayRecords}).
 */
public record NetworkState(int[] layerSizes, Mlp.Activation hiddenActivation, float[] parameters) {
    public NetworkState {
        if (layerSizes == null || layerSizes.length < 2) {
            throw new IllegalArgumentException("layerSizes must hold at least input and output sizes, was "
                    + Arrays.toString(layerSizes));
        }
        if (hiddenActivation == null) {
            throw new IllegalArgumentException("hiddenActivation is required");
        }
        long expected = Mlp.numParams(layerSizes);
        if (parameters == null || parameters.length != expected) {
            throw new IllegalArgumentException("parameters must hold " + expected + " floats for layers "
                    + Arrays.toString(layerSizes) + ", was " + (parameters == null ? null : parameters.length));
        }
    }

    @Override public boolean equals(Object o) { return ArrayRecords.equals(this, o); }

    @Override public int hashCode() { return ArrayRecords.hashCode(this); }

    @Override
    public String toString() {
        return "NetworkState[layerSizes=" + Arrays.toString(layerSizes) + ", hiddenActivation="
                + hiddenActivation + ", parameters=" + parameters.length + " floats]";
    }
}
