package org.netmoe.agents.dqn;

/**
 * A copy of a {@link ReplayBuffer}'s contents and ring position. Arrays are full-capacity
 * ({@code capacity} rows), row-major; rows at or past {@code size} are unused.
 */
public record ReplayState(int capacity, int obsDim, int position, int size, float[] observations,
                          float[] nextObservations, int[] actions, float[] rewards, boolean[] terminated) {
    public ReplayState {
        if (capacity <= 0 || obsDim <= 0 || size < 0 || size > capacity || position < 0 || position >= capacity
                || observations.length != (long) capacity * obsDim || nextObservations.length != observations.length
                || actions.length != capacity || rewards.length != capacity || terminated.length != capacity) {
            throw new IllegalArgumentException("inconsistent replay state: capacity " + capacity + ", obsDim " + obsDim
                    + ", position " + position + ", size " + size + ", " + observations.length + " observation floats");
        }
        observations = observations.clone();
        nextObservations = nextObservations.clone();
        actions = actions.clone();
        rewards = rewards.clone();
        terminated = terminated.clone();
    }

    @Override
    public float[] observations() {
        return observations.clone();
    }

    @Override
    public float[] nextObservations() {
        return nextObservations.clone();
    }

    @Override
    public int[] actions() {
        return actions.clone();
    }

    @Override
    public float[] rewards() {
        return rewards.clone();
    }

    @Override
    public boolean[] terminated() {
        return terminated.clone();
    }
}
