package org.netmoe.agents.buffer;

import org.netmoe.core.ArrayRecords;


/**
 * A copy of a {@link ReplayBuffer}'s contents and ring position. Arrays are full-capacity
 * ({@code capacity} rows), row-major; rows at or past {@code size} are unused. The one snapshot
 * format of every replay: a discrete action is its index as a float ({@code actionDim = 1}).
 * Holds its arrays without copying, and is a value by content ({@link ArrayRecords}).
 */
public record ReplayState(int capacity, int obsDim, int actionDim, int position, int size, float[] observations,
                          float[] nextObservations, float[] actions, float[] rewards, boolean[] terminated) {
    public ReplayState {
        if (capacity <= 0 || obsDim <= 0 || actionDim <= 0 || size < 0 || size > capacity || position < 0
                || position >= capacity || observations.length != (long) capacity * obsDim
                || nextObservations.length != observations.length || actions.length != (long) capacity * actionDim
                || rewards.length != capacity || terminated.length != capacity) {
            throw new IllegalArgumentException("inconsistent replay state: capacity " + capacity + ", obsDim " + obsDim
                    + ", actionDim " + actionDim + ", position " + position + ", size " + size + ", "
                    + observations.length + " observation floats, " + actions.length + " action floats");
        }
    }

    @Override public boolean equals(Object o) { return ArrayRecords.equals(this, o); }

    @Override public int hashCode() { return ArrayRecords.hashCode(this); }

    @Override
    public String toString() {
        return "ReplayState[capacity=" + capacity + ", obsDim=" + obsDim + ", actionDim=" + actionDim + ", size="
                + size + "]";
    }
}
