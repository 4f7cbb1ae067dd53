package org.netmoe.moe.nn;

import org.netmoe.core.ArrayRecords;

/**
 * The state of an {@link Adam} optimizer: the step count {@code t} and the moments {@code m}, {@code v}.
 * Holds its arrays without copying, and is a value by content ({@link ArrayRecords}).
 */
public record AdamState(long step, float[] m, float[] v) {
    public AdamState {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, was " + step);
        }
        if (m == null || v == null || m.length != v.length) {
            throw new IllegalArgumentException("m and v must have the same length, were "
                    + (m == null ? null : m.length) + " and " + (v == null ? null : v.length));
        }
    }

    @Override public boolean equals(Object o) { return ArrayRecords.equals(this, o); }

    @Override public int hashCode() { return ArrayRecords.hashCode(this); }

    @Override
    public String toString() {
        return "AdamState[step=" + step + ", " + m.length + " parameters]";
    }
}
