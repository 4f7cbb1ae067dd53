package org.netmoe.agents.sac;

import org.apache.commons.rng.UniformRandomProvider;
import org.netmoe.agents.buffer.ReplayBatch;
import org.netmoe.core.Require;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.Discrete;
import org.netmoe.envs.space.Space;
import org.netmoe.moe.nn.Mlp;
import org.netmoe.moe.nn.Network;

/**
 * A soft actor-critic agent: its networks, optimizers and temperature, acting and one gradient step
 * {@link #update}. The loop (warm-up, storing, when to train) lives in
 * {@code org.netmoe.agents.loop.SacLoop}. Actions are exchanged as flat float rows of
 * {@link #actionDim()} entries, the {@link org.netmoe.agents.buffer.ReplayBuffer} layout: Box values, or the index of a
 * discrete action as a float.
 */
public sealed interface SacAgent permits ContinuousSac, DiscreteSac {

    /**
     * The variant for {@code actionSpace}: {@link ContinuousSac} for a bounded {@link Box},
     * {@link DiscreteSac} for a {@link Discrete} space. Parameters are drawn from {@code initRng};
     * {@code noiseRng} becomes the agent's policy-noise stream (part of its state).
     *
     * @throws IllegalArgumentException for another space or a Box with an infinite bound
     */
    static SacAgent create(SacConfig config, int obsDim, Space actionSpace, RngStream initRng, RngStream noiseRng) {
        Require.nonNull("actionSpace", actionSpace);
        if (actionSpace instanceof Box box) {
            return new ContinuousSac(config, obsDim, box, initRng, noiseRng);
        }
        if (actionSpace instanceof Discrete d) {
            return new DiscreteSac(config, obsDim, d.n(), initRng, noiseRng);
        }
        throw new IllegalArgumentException("SAC needs a Box or Discrete action space, was " + actionSpace);
    }

    /** Floats per action row: the Box's size, or 1 (the index) for a discrete space. */
    int actionDim();

    /**
     * Actions sampled from π(·|s) for {@code observations [numEnvs * obsDim]}, written into
     * {@code actions [numEnvs * actionDim]}, drawing from {@code rng}.
     */
    void act(float[] observations, UniformRandomProvider rng, float[] actions);

    /**
     * The deterministic actions for evaluation: {@code scale·tanh(μ(s)) + bias} (continuous) or
     * {@code argmax π(·|s)} (discrete), into {@code actions [numEnvs * actionDim]}.
     */
    void actDeterministic(float[] observations, float[] actions);

    /**
     * One gradient step of both critics, then (every {@link SacConfig#policyFrequency()}-th step) the
     * delayed actor and α steps, then the target update.
     *
     * @throws IllegalStateException if a loss is NaN or infinite, naming the loss and the step
     */
    UpdateStats update(ReplayBatch batch);

    /**
     * Deterministic env actions for {@code observations [n * obsDim]} (evaluation): {@code Action.Index}
     * for a discrete space, {@code Action.Vector} clipped into the Box otherwise.
     */
    default Action[] actGreedy(float[] observations, Space actionSpace) {
        int dim = actionDim();
        int n = observations.length / actor().inputSize();
        float[] out = new float[n * dim];
        actDeterministic(observations, out);
        Action[] result = new Action[n];
        for (int i = 0; i < n; i++) {
            if (actionSpace instanceof Box box) {
                float[] a = new float[dim];
                for (int j = 0; j < dim; j++) {
                    a[j] = Math.min(box.high(j), Math.max(box.low(j), out[i * dim + j]));
                }
                result[i] = Action.of(a);
            } else {
                result[i] = Action.of((int) out[i]);
            }
        }
        return result;
    }

    /** The networks, optimizers and temperature this agent trains; the accessors below delegate to them. */
    SacNetworks networks();

    /** The actor π_φ (an MLP or an MoE layer, per {@link SacConfig#network()}). */
    default Network actor() {
        return networks().actor();
    }

    /** Critic {@code k} (1 or 2): Q_θk. */
    default Mlp critic(int k) {
        return networks().critic(k);
    }

    /** Target critic {@code k} (1 or 2). */
    default Mlp targetCritic(int k) {
        return networks().targetCritic(k);
    }

    /** Gradient steps taken. */
    default long updates() {
        return networks().updates();
    }

    /** The temperature α = exp(log α). */
    default double alpha() {
        return networks().alpha();
    }

    /** A copy of all learned state (see {@link SacState}). */
    default SacState state() {
        return networks().state();
    }

    /**
     * Restores a state taken by {@link #state()} from an agent of the same architecture.
     *
     * @throws IllegalArgumentException if the architecture differs
     */
    default void restore(SacState state) {
        networks().restore(state);
    }
}
