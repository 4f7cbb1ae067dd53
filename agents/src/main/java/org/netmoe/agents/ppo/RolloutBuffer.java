package org.netmoe.agents.ppo;

import java.util.Arrays;
import org.netmoe.core.Require;

/**
 * On-policy storage for one rollout of {@code rolloutSteps} lock-step transitions of
 * {@code numEnvs} envs, in flat time-major arrays {@code [rolloutSteps, numEnvs, ...]}. It keeps
 * {@code terminated} and {@code truncated} apart and, for truncated steps, the value of the
 * episode's final observation, so {@link #computeReturnsAndAdvantages} can bootstrap time-limit
 * cut-offs but never terminal states (as SB3's {@code RolloutBuffer}).
 */
public final class RolloutBuffer {
    private final int rolloutSteps;
    private final int numEnvs;
    private final int obsDim;
    private final int actionDim;
    private final float[] observations;
    private final float[] actions;
    private final float[] logProbs;
    private final float[] values;
    private final float[] rewards;
    private final boolean[] terminated;
    private final boolean[] truncated;
    private final float[] finalValues;
    private final float[] advantages;
    private final float[] returns;
    private int step;

    /**
     * An empty buffer.
     *
     * @throws IllegalArgumentException naming {@code numEnvs * rolloutSteps} when the storage exceeds
     *                                  int indexing or half the heap
     */
    public RolloutBuffer(int rolloutSteps, int numEnvs, int obsDim, int actionDim) {
        this.rolloutSteps = Require.positive("rolloutSteps", rolloutSteps);
        this.numEnvs = Require.positive("numEnvs", numEnvs);
        this.obsDim = Require.positive("obsDim", obsDim);
        this.actionDim = Require.positive("actionDim", actionDim);
        Require.fitsInMemory("numEnvs * rolloutSteps", (long) rolloutSteps * numEnvs, Math.max(obsDim, actionDim),
                (obsDim + actionDim + 7L) * Float.BYTES + 2);
        int b = rolloutSteps * numEnvs;
        observations = new float[b * obsDim];
        actions = new float[b * actionDim];
        logProbs = new float[b];
        values = new float[b];
        rewards = new float[b];
        terminated = new boolean[b];
        truncated = new boolean[b];
        finalValues = new float[b];
        advantages = new float[b];
        returns = new float[b];
    }

    /**
     * Stores one lock-step transition of all envs.
     *
     * @param observations s_t {@code [numEnvs * obsDim]}, the observations the actions were chosen on
     * @param finalValues  for env i with {@code truncated[i]}: V(final observation of its episode); else ignored
     * @throws IllegalStateException if the buffer is full
     */
    public void add(float[] observations, float[] actions, float[] logProbs, float[] values, double[] rewards,
                    boolean[] terminated, boolean[] truncated, float[] finalValues) {
        if (full()) {
            throw new IllegalStateException("rollout buffer is full (" + rolloutSteps + " steps); call reset()");
        }
        int k = step * numEnvs;
        System.arraycopy(observations, 0, this.observations, k * obsDim, numEnvs * obsDim);
        System.arraycopy(actions, 0, this.actions, k * actionDim, numEnvs * actionDim);
        System.arraycopy(logProbs, 0, this.logProbs, k, numEnvs);
        System.arraycopy(values, 0, this.values, k, numEnvs);
        System.arraycopy(terminated, 0, this.terminated, k, numEnvs);
        System.arraycopy(truncated, 0, this.truncated, k, numEnvs);
        for (int i = 0; i < numEnvs; i++) {
            this.rewards[k + i] = (float) rewards[i];
            this.finalValues[k + i] = truncated[i] ? finalValues[i] : 0f;
        }
        step++;
    }

    /** Whether {@code rolloutSteps} transitions are stored. */
    public boolean full() {
        return step == rolloutSteps;
    }

    /** Lock-step transitions stored so far. */
    public int steps() {
        return step;
    }

    /** Empties the buffer for the next rollout. */
    public void reset() {
        step = 0;
        Arrays.fill(finalValues, 0f);
    }

    /**
     * Computes GAE(γ, λ) advantages and returns ({@link Gae#compute}) and hands out the flattened
     * rollout; its arrays are this buffer's and stay valid until the next {@link #add}.
     *
     * @param lastValues V(s_T) of the observations following the last stored step, {@code [numEnvs]}
     * @throws IllegalStateException if the buffer is not full
     */
    public RolloutBatch computeReturnsAndAdvantages(float[] lastValues, double gamma, double lambda) {
        if (!full()) {
            throw new IllegalStateException("rollout holds " + step + " of " + rolloutSteps + " steps");
        }
        Gae.compute(rewards, values, terminated, truncated, finalValues, lastValues, gamma, lambda, advantages, returns);
        return new RolloutBatch(observations, actions, logProbs, values, advantages, returns);
    }
}
