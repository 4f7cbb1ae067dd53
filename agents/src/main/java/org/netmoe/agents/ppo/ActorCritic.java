package org.netmoe.agents.ppo;

import java.util.HashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.netmoe.core.Require;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.Discrete;
import org.netmoe.envs.space.Space;
import org.netmoe.moe.nn.HostArrays;
import org.netmoe.moe.nn.Network;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The PPO policy: an actor network π(a|s) and a separate critic network V(s). For a
 * {@link Discrete} action space the actor outputs logits of a categorical distribution; for a
 * {@link Box} it outputs the mean of a diagonal Gaussian whose log-std is a state-independent
 * parameter vector (initialized to 0, trained by its own Adam in {@link Ppo}). Sampled actions and
 * their log-probabilities are those of the unclipped Gaussian; {@link #envAction} clips them to the
 * box only when they are sent to the env (as CleanRL's {@code ClipAction}).
 *
 * <p>Observations are flat row-major {@code float[numEnvs * obsDim]}; actions are stored as
 * {@code float[numEnvs * actionDim()]} (a discrete index as a float). After the first call at a
 * given number of rows, acting allocates no INDArray. <b>Host↔device copies</b> ({@link HostArrays} calls):
 * {@link #act} makes 2 (observations in; the actor's output and V(s), parked in one device buffer, out in one
 * copy: sampling runs on the host from the caller's stream), {@link #values} and {@link #actGreedy} 2 each.
 * Not thread-safe.
 */
public final class ActorCritic {
    private final Network actor;
    private final Network critic;
    private final Space actionSpace;
    private final int obsDim;
    private final ActionDistribution distribution;
    private final INDArray logStd;
    private final float[] logStdHost;
    private final Map<Integer, Rows> rows = new HashMap<>();

    /**
     * A policy over {@code actor} and {@code critic}.
     *
     * @throws IllegalArgumentException if the networks' sizes do not fit the spaces
     *                                  ({@code actor: obsDim -> n} or {@code obsDim -> dim}, {@code critic: obsDim -> 1})
     */
    public ActorCritic(Network actor, Network critic, Box observationSpace, Space actionSpace) {
        this.actor = Require.nonNull("actor", actor);
        this.critic = Require.nonNull("critic", critic);
        this.actionSpace = Require.nonNull("actionSpace", actionSpace);
        this.obsDim = Require.nonNull("observationSpace", observationSpace).flatDim();
        if (actionSpace instanceof Discrete d) {
            this.distribution = new Categorical(d.n());
            this.logStd = null;
            this.logStdHost = null;
        } else if (actionSpace instanceof Box b) {
            this.logStdHost = new float[b.flatDim()];
            this.logStd = Nd4j.create(DataType.FLOAT, b.flatDim());
            this.distribution = new DiagGaussian(logStdHost);
        } else {
            throw new IllegalArgumentException("actionSpace must be Discrete or Box, was " + actionSpace);
        }
        if (actor.inputSize() != obsDim || actor.outputSize() != distribution.paramDim()) {
            throw new IllegalArgumentException("actor must map " + obsDim + " -> " + distribution.paramDim()
                    + ", was " + actor.inputSize() + " -> " + actor.outputSize());
        }
        if (critic.inputSize() != obsDim || critic.outputSize() != 1) {
            throw new IllegalArgumentException("critic must map " + obsDim + " -> 1, was "
                    + critic.inputSize() + " -> " + critic.outputSize());
        }
    }

    /**
     * The policy of {@code config}: actor from {@code actorFactory}, then critic (a tanh MLP with
     * {@link PpoConfig#hiddenSizes()}), both drawn from {@code initRng} in that order.
     */
    public static ActorCritic create(PpoConfig config, Box observationSpace, Space actionSpace,
                                     NetworkFactory actorFactory, UniformRandomProvider initRng) {
        int out = actionSpace instanceof Discrete d ? d.n() : actionSpace.flatDim();
        int in = observationSpace.flatDim();
        Network actor = actorFactory.create(in, out, initRng);
        Network critic = NetworkFactory.critic(config).create(in, 1, initRng);
        return new ActorCritic(actor, critic, observationSpace, actionSpace);
    }

    /** {@link #create(PpoConfig, Box, Space, NetworkFactory, UniformRandomProvider)} with the actor of {@link PpoConfig#network()}. */
    public static ActorCritic create(PpoConfig config, Box observationSpace, Space actionSpace,
                                     UniformRandomProvider initRng) {
        return create(config, observationSpace, actionSpace, NetworkFactory.actor(config), initRng);
    }

    /**
     * Samples a ~ π(·|s) for every row of {@code observations [n * obsDim]} with one actor and one
     * critic forward, writing {@code actions [n * actionDim()]}, {@code logProbs [n]} and V(s) into {@code values [n]}.
     */
    public void act(float[] observations, UniformRandomProvider rng, float[] actions, float[] logProbs, float[] values) {
        Rows r = rows(observations);
        HostArrays.write(observations, r.input);
        r.paramsView.assign(actor.forward(r.input));
        r.valuesView.assign(critic.forward(r.input));
        HostArrays.read(r.outputs, r.params);
        for (int i = 0; i < r.n; i++) {
            logProbs[i] = (float) distribution.sample(r.params, i * distribution.paramDim(), rng, actions,
                    i * distribution.actionDim());
        }
        System.arraycopy(r.params, r.n * distribution.paramDim(), values, 0, r.n);
    }

    /** V(s) for every row of {@code observations [n * obsDim]} into {@code values [n]}. */
    public void values(float[] observations, float[] values) {
        Rows r = rows(observations);
        HostArrays.write(observations, r.input);
        HostArrays.read(critic.forward(r.input), values);
    }

    /** The greedy action (argmax of the logits, or the Gaussian mean) of each row, in env form (clipped to a box). */
    public Action[] actGreedy(float[] observations) {
        Rows r = forwardActor(observations);
        float[] actions = new float[r.n * distribution.actionDim()];
        Action[] out = new Action[r.n];
        for (int i = 0; i < r.n; i++) {
            distribution.mode(r.params, i * distribution.paramDim(), actions, i * distribution.actionDim());
            out[i] = envAction(actions, i);
        }
        return out;
    }

    /**
     * Row {@code i} of {@code actions [n * actionDim()]} as an env action. A Gaussian sample lives in
     * normalized units: along a dimension with finite bounds it is clipped to [−1, 1] and rescaled
     * linearly onto [low, high] (so the unit initial standard deviation explores the whole box, as
     * SB3 recommends normalized action spaces); along an unbounded dimension it is clipped to the box.
     */
    public Action envAction(float[] actions, int i) {
        if (actionSpace instanceof Box box) {
            int dim = distribution.actionDim();
            float[] env = new float[dim];
            for (int d = 0; d < dim; d++) {
                float a = actions[i * dim + d];
                float lo = box.low(d);
                float hi = box.high(d);
                if (Float.isFinite(lo) && Float.isFinite(hi)) {
                    double unit = Math.min(1.0, Math.max(-1.0, a));
                    env[d] = (float) Math.min(hi, Math.max(lo, lo + (unit + 1) * 0.5 * ((double) hi - lo)));
                } else {
                    env[d] = Math.min(hi, Math.max(lo, a));
                }
            }
            return Action.of(env);
        }
        return Action.of((int) actions[i]);
    }

    private Rows forwardActor(float[] observations) {
        Rows r = rows(observations);
        HostArrays.write(observations, r.input);
        HostArrays.read(actor.forward(r.input), r.params);
        return r;
    }

    private Rows rows(float[] observations) {
        if (observations.length == 0 || observations.length % obsDim != 0) {
            throw new IllegalArgumentException("observations must be [n * " + obsDim + "], was " + observations.length);
        }
        return rows.computeIfAbsent(observations.length / obsDim, n -> new Rows(n, obsDim, distribution.paramDim()));
    }

    /** Floats per stored action: 1 for a discrete index, the box dimension for a Gaussian. */
    public int actionDim() {
        return distribution.actionDim();
    }

    /** Length of an observation row. */
    public int obsDim() {
        return obsDim;
    }

    public Space actionSpace() {
        return actionSpace;
    }

    /** Whether actions are continuous (a diagonal Gaussian). */
    public boolean continuous() {
        return logStd != null;
    }

    /** The actor network π. */
    public Network actor() {
        return actor;
    }

    /** The critic network V. */
    public Network critic() {
        return critic;
    }

    ActionDistribution distribution() {
        return distribution;
    }

    /** The log-std parameter vector (live), or null for discrete actions. */
    INDArray logStd() {
        return logStd;
    }

    /** Copies the log-std parameters to the host mirror the distribution reads; call after changing them. */
    void syncLogStd() {
        if (logStd != null) {
            HostArrays.read(logStd, logStdHost);
        }
    }

    /** A copy of every parameter: actor, critic and log-std (empty for discrete actions). */
    public ActorCriticSnapshot snapshot() {
        return new ActorCriticSnapshot(read(actor.parameters()), read(critic.parameters()),
                logStd == null ? new float[0] : logStdHost.clone());
    }

    /**
     * Overwrites every parameter with those of {@code snapshot}.
     *
     * @throws IllegalArgumentException if a parameter count differs
     */
    public void restore(ActorCriticSnapshot snapshot) {
        check("actor", snapshot.actor().length, actor.numParams());
        check("critic", snapshot.critic().length, critic.numParams());
        check("logStd", snapshot.logStd().length, logStd == null ? 0 : logStd.length());
        HostArrays.write(snapshot.actor(), actor.parameters());
        HostArrays.write(snapshot.critic(), critic.parameters());
        if (logStd != null) {
            HostArrays.write(snapshot.logStd(), logStd);
            syncLogStd();
        }
    }

    private static void check(String part, long got, long expected) {
        if (got != expected) {
            throw new IllegalArgumentException(part + " snapshot holds " + got + " parameters, expected " + expected);
        }
    }

    private static float[] read(INDArray a) {
        float[] host = new float[Math.toIntExact(a.length())];
        HostArrays.read(a, host);
        return host;
    }

    /**
     * Input and output buffers for acting on {@code n} rows: the actor's output {@code [n, paramDim]} and the
     * value {@code [n, 1]} share one device buffer, so both come back in one copy into {@link #params}.
     */
    private static final class Rows {
        final int n;
        final INDArray input;
        final INDArray outputs;
        final INDArray paramsView;
        final INDArray valuesView;
        /** The actor's outputs {@code [n * paramDim]}, then the values {@code [n]}. */
        final float[] params;

        Rows(int n, int obsDim, int paramDim) {
            this.n = n;
            this.input = Nd4j.create(DataType.FLOAT, n, obsDim);
            this.outputs = Nd4j.create(DataType.FLOAT, (long) n * paramDim + n);
            this.paramsView = HostArrays.matrix(outputs, 0, n, paramDim);
            this.valuesView = HostArrays.matrix(outputs, (long) n * paramDim, n, 1);
            this.params = new float[n * paramDim + n];
        }
    }
}
