package org.netmoe.agents.buffer;

import org.apache.commons.rng.UniformRandomProvider;
import org.netmoe.core.Require;
import org.netmoe.envs.VectorEnv;

/**
 * Experience replay of every off-policy learner (DQN, both SACs, the multi-BS experiment; Mnih et al.
 * 2015, SB3's {@code ReplayBuffer}): a ring of the last {@code capacity} transitions over flat
 * row-major {@code float[]} storage, sampled uniformly with replacement into a preallocated
 * {@link ReplayBatch}. An action is a row of {@code actionDim} floats: the index of a discrete
 * action ({@code actionDim = 1}, exact up to 2^24), a Box vector, or any caller-defined vector.
 * Next observations are stored explicitly, so a truncated episode keeps its real final observation
 * to bootstrap from, and only {@code terminated} (never truncation) stops bootstrapping (SB3's
 * {@code dones * (1 - timeouts)}). Not thread-safe.
 */
public final class ReplayBuffer {
    private final int capacity;
    private final int obsDim;
    private final int actionDim;
    private final float[] observations;
    private final float[] nextObservations;
    private final float[] actions;
    private final float[] rewards;
    private final boolean[] terminated;
    private int position;
    private int size;
    private ReplayBatch batch;

    /**
     * An empty buffer of {@code capacity} transitions.
     *
     * @throws IllegalArgumentException naming {@code bufferSize} when the storage exceeds int indexing
     *                                  or half the heap
     */
    public ReplayBuffer(int capacity, int obsDim, int actionDim) {
        this.capacity = Require.positive("capacity", capacity);
        this.obsDim = Require.positive("obsDim", obsDim);
        this.actionDim = Require.positive("actionDim", actionDim);
        // Named after the config field that sizes every replay buffer.
        Require.fitsInMemory("bufferSize", capacity, Math.max(obsDim, actionDim),
                (2L * obsDim + actionDim + 1) * Float.BYTES + 1);
        this.observations = new float[capacity * obsDim];
        this.nextObservations = new float[observations.length];
        this.actions = new float[capacity * actionDim];
        this.rewards = new float[capacity];
        this.terminated = new boolean[capacity];
    }

    /**
     * Stores one vectorized transition: env {@code i} took {@code actions[i*actionDim ..]} in
     * {@code observations[i*obsDim ..]}, and {@code step} is what {@link VectorEnv#step} returned.
     */
    public void add(float[] observations, float[] actions, VectorEnv.VecStep step) {
        Require.nonNull("step", step);
        int numEnvs = step.rewards().length;
        if (observations.length != numEnvs * obsDim || actions.length != numEnvs * actionDim) {
            throw new IllegalArgumentException("expected observations [" + numEnvs + " * " + obsDim + "] and actions ["
                    + numEnvs + " * " + actionDim + "], were " + observations.length + " and " + actions.length);
        }
        for (int i = 0; i < numEnvs; i++) {
            // Easy to miss: after auto-reset the row holds the next episode's first observation;
            // the true s' of a finished episode is its final observation (needed when truncated).
            float[] next = step.done(i) ? step.finalObservations()[i] : step.observations();
            int nextOffset = step.done(i) ? 0 : i * obsDim;
            System.arraycopy(observations, i * obsDim, this.observations, position * obsDim, obsDim);
            System.arraycopy(next, nextOffset, nextObservations, position * obsDim, obsDim);
            System.arraycopy(actions, i * actionDim, this.actions, position * actionDim, actionDim);
            rewards[position] = (float) step.rewards()[i];
            // Never bootstrap past termination; always bootstrap on truncation.
            terminated[position] = step.terminated()[i];
            position = (position + 1) % capacity;
            size = Math.min(size + 1, capacity);
        }
    }

    /**
     * Stores one transition (s, a, r, s', terminated) given by the caller, e.g. an experiment without a
     * {@link VectorEnv}: {@code observation} and {@code nextObservation} of {@code obsDim} floats,
     * {@code action} of {@code actionDim}.
     */
    public void add(float[] observation, float[] action, float reward, float[] nextObservation, boolean terminated) {
        if (observation.length != obsDim || nextObservation.length != obsDim || action.length != actionDim) {
            throw new IllegalArgumentException("expected observations of " + obsDim + " and an action of " + actionDim
                    + " floats, were " + observation.length + ", " + nextObservation.length + " and " + action.length);
        }
        System.arraycopy(observation, 0, observations, position * obsDim, obsDim);
        System.arraycopy(nextObservation, 0, nextObservations, position * obsDim, obsDim);
        System.arraycopy(action, 0, actions, position * actionDim, actionDim);
        rewards[position] = reward;
        this.terminated[position] = terminated;
        position = (position + 1) % capacity;
        size = Math.min(size + 1, capacity);
    }

    /**
     * {@code batchSize} transitions drawn uniformly with replacement from {@code rng}, written into
     * a batch owned by this buffer (valid until the next call).
     *
     * @throws IllegalStateException if the buffer is empty
     */
    public ReplayBatch sample(int batchSize, UniformRandomProvider rng) {
        Require.positive("batchSize", batchSize);
        if (size == 0) {
            throw new IllegalStateException("sample() from an empty replay buffer");
        }
        if (batch == null || batch.size() != batchSize) {
            batch = new ReplayBatch(new float[batchSize * obsDim], new float[batchSize * actionDim],
                    new float[batchSize], new float[batchSize * obsDim], new boolean[batchSize]);
        }
        for (int j = 0; j < batchSize; j++) {
            int k = rng.nextInt(size);
            System.arraycopy(observations, k * obsDim, batch.observations(), j * obsDim, obsDim);
            System.arraycopy(nextObservations, k * obsDim, batch.nextObservations(), j * obsDim, obsDim);
            System.arraycopy(actions, k * actionDim, batch.actions(), j * actionDim, actionDim);
            batch.rewards()[j] = rewards[k];
            batch.terminated()[j] = terminated[k];
        }
        return batch;
    }

    /** Transitions stored, at most {@link #capacity()}. */
    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    public int obsDim() {
        return obsDim;
    }

    public int actionDim() {
        return actionDim;
    }

    /** A copy of the contents and ring position. */
    public ReplayState state() {
        return new ReplayState(capacity, obsDim, actionDim, position, size, observations.clone(),
                nextObservations.clone(), actions.clone(), rewards.clone(), terminated.clone());
    }

    /**
     * Replaces the contents with {@code state}.
     *
     * @throws IllegalArgumentException if its capacity, obsDim or actionDim differ from this buffer's
     */
    public void restore(ReplayState state) {
        if (state.capacity() != capacity || state.obsDim() != obsDim || state.actionDim() != actionDim) {
            throw new IllegalArgumentException("replay state of capacity " + state.capacity() + ", obsDim "
                    + state.obsDim() + ", actionDim " + state.actionDim() + " does not fit a buffer of capacity "
                    + capacity + ", obsDim " + obsDim + ", actionDim " + actionDim);
        }
        System.arraycopy(state.observations(), 0, observations, 0, observations.length);
        System.arraycopy(state.nextObservations(), 0, nextObservations, 0, nextObservations.length);
        System.arraycopy(state.actions(), 0, actions, 0, actions.length);
        System.arraycopy(state.rewards(), 0, rewards, 0, capacity);
        System.arraycopy(state.terminated(), 0, terminated, 0, capacity);
        position = state.position();
        size = state.size();
    }
}
