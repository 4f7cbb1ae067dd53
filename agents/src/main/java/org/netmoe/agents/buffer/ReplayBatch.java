package org.netmoe.agents.buffer;

/**
 * A minibatch of {@code n} transitions (s, a, r, s', terminated) in row-major host arrays; the
 * agent copies what its networks need into its own preallocated INDArrays. A batch returned by
 * {@link ReplayBuffer#sample} is reused by the next sample.
 *
 * @param observations     s, {@code [n * obsDim]}
 * @param actions          a, {@code [n * actionDim]}: the Box values, the action index as a float
 *                         ({@code actionDim = 1}) for a discrete space ({@link #actionIndex}), or a
 *                         caller-defined vector
 * @param rewards          r, {@code [n]}
 * @param nextObservations s', {@code [n * obsDim]}: for a truncated episode its final observation
 * @param terminated       whether s' ended the MDP (no bootstrapping); {@code false} on truncation
 */
public record ReplayBatch(float[] observations, float[] actions, float[] rewards, float[] nextObservations,
                          boolean[] terminated) {
    public ReplayBatch {
        int n = rewards.length;
        if (n == 0 || terminated.length != n || observations.length % n != 0 || actions.length % n != 0
                || nextObservations.length != observations.length) {
            throw new IllegalArgumentException("inconsistent batch: " + n + " rewards, " + terminated.length
                    + " flags, " + observations.length + " and " + nextObservations.length + " observation floats, "
                    + actions.length + " action floats");
        }
    }

    /** A batch holding copies of the given arrays. */
    public static ReplayBatch of(float[] observations, float[] actions, float[] rewards, float[] nextObservations,
                                 boolean[] terminated) {
        return new ReplayBatch(observations.clone(), actions.clone(), rewards.clone(), nextObservations.clone(),
                terminated.clone());
    }

    /** A batch of discrete transitions, each action index stored as one float; copies of the arrays. */
    public static ReplayBatch discrete(float[] observations, int[] actions, float[] rewards, float[] nextObservations,
                                       boolean[] terminated) {
        float[] a = new float[actions.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = actions[i];
        }
        return new ReplayBatch(observations.clone(), a, rewards.clone(), nextObservations.clone(), terminated.clone());
    }

    /** The discrete action of transition {@code i} (a batch of {@code actionDim = 1}). */
    public int actionIndex(int i) {
        return (int) actions[i];
    }

    /** Number of transitions. */
    public int size() {
        return rewards.length;
    }

    /** Floats per observation. */
    public int obsDim() {
        return observations.length / rewards.length;
    }

    /** Floats per action. */
    public int actionDim() {
        return actions.length / rewards.length;
    }
}
