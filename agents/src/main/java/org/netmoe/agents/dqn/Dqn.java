package org.netmoe.agents.dqn;

import org.apache.commons.rng.UniformRandomProvider;
import org.netmoe.agents.buffer.ReplayBatch;
import org.netmoe.moe.nn.Adam;
import org.netmoe.moe.nn.HostArrays;
import org.netmoe.moe.nn.KernelPath;
import org.netmoe.moe.nn.Mlp;
import org.netmoe.core.Require;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Deep Q-learning (Mnih et al. 2015) with optional double-DQN targets (van Hasselt et al. 2016) and
 * dueling head (Wang et al. 2016): the Q-network θ, its target network θ⁻ and the Adam optimizer.
 * The loop (acting, storing, when to train) lives outside; {@link #update} is one gradient step.
 *
 * <p>Network work runs on ND4J ({@link Mlp}). On {@link KernelPath#HOST} (the CPU default) per-row work on
 * Q-values (ε-greedy, argmax, TD targets, Huber gradient) runs in Java loops over preallocated host arrays
 * ({@link TdLoss}), and after the first call at a given batch size neither {@link #act} nor {@link #update}
 * allocates an INDArray. On {@link KernelPath#ND4J} (the path the CUDA backend runs) the TD loss runs as
 * ND4J ops where the Q-values live ({@link DeviceTdStep}), allocating its small temporaries per update.
 *
 * <p><b>Host↔device copies</b> on {@link KernelPath#ND4J} ({@link HostArrays} calls): {@link #act} makes 2
 * when some env acts greedily (observations in, Q-values out; 0 when all explore), {@link #update} 2: the
 * batch in (s, s', one-hot actions, rewards and termination flags, one stacked copy) and the loss and mean
 * Q out (two floats, which the NaN check and the stats need); the target update copies nothing. The host
 * path makes 3 per update (its TD loss reads the Q-values and writes ∂loss/∂output).
 */
public final class Dqn {
    private final DqnConfig config;
    private final int obsDim;
    private final int numActions;
    private final Mlp online;
    private final Mlp target;
    private final Adam optimizer;
    private long updates;
    private Host host;
    private ActBuffers act;
    private DeviceTdStep device;

    /** A fresh agent; parameters are drawn from {@code initRng}, and θ⁻ starts equal to θ. */
    public Dqn(DqnConfig config, int obsDim, int numActions, UniformRandomProvider initRng) {
        this.config = Require.nonNull("config", config);
        this.obsDim = Require.positive("obsDim", obsDim);
        this.numActions = Require.positive("numActions", numActions);
        this.online = Mlp.create(config.layerSizes(obsDim, numActions), Mlp.Activation.RELU, initRng);
        this.target = Mlp.fromState(online.state());
        this.optimizer = new Adam(config.adam(), online.parameters().length());
    }

    /**
     * ε-greedy actions for {@code observations [numEnvs * obsDim]} (row-major): each env explores
     * with probability {@code epsilon} (uniform action from {@code rng}), else takes argmax Q(s, ·; θ).
     */
    public int[] act(float[] observations, double epsilon, UniformRandomProvider rng) {
        if (observations.length == 0 || observations.length % obsDim != 0) {
            throw new IllegalArgumentException("observations must be [numEnvs * " + obsDim + "], was "
                    + observations.length);
        }
        int numEnvs = observations.length / obsDim;
        int[] actions = new int[numEnvs];
        boolean anyGreedy = false;
        for (int i = 0; i < numEnvs; i++) {
            actions[i] = rng.nextDouble() < epsilon ? rng.nextInt(numActions) : -1;
            anyGreedy |= actions[i] < 0;
        }
        if (anyGreedy) {
            if (act == null || act.numEnvs != numEnvs) {
                act = new ActBuffers(numEnvs, obsDim, online.outputSize(), numActions);
            }
            HostArrays.write(observations, act.input);
            HostArrays.read(online.forward(act.input), act.raw);
            TdLoss.toQ(act.raw, 0, numEnvs, numActions, config.dueling(), act.q);
            for (int i = 0; i < numEnvs; i++) {
                if (actions[i] < 0) {
                    actions[i] = TdLoss.argmax(act.q, i * numActions, numActions);
                }
            }
        }
        return actions;
    }

    /** Q(s, ·; θ) of the online network for one observation (dueling heads combined); a fresh array. */
    public double[] qValues(float[] observation) {
        if (observation.length != obsDim) {
            throw new IllegalArgumentException("observation must have " + obsDim + " entries, was " + observation.length);
        }
        if (act == null || act.numEnvs != 1) {
            act = new ActBuffers(1, obsDim, online.outputSize(), numActions);
        }
        HostArrays.write(observation, act.input);
        HostArrays.read(online.forward(act.input), act.raw);
        TdLoss.toQ(act.raw, 0, 1, numActions, config.dueling(), act.q);
        double[] q = new double[numActions];
        for (int a = 0; a < numActions; a++) {
            q[a] = act.q[a];
        }
        return q;
    }

    /**
     * One gradient step on the Huber TD loss over {@code batch}, then the target update.
     *
     * @throws IllegalStateException if the loss is NaN or infinite (the step is not applied)
     */
    public UpdateStats update(ReplayBatch sampled) {
        if (sampled.actionDim() != 1 || sampled.obsDim() != obsDim) {
            throw new IllegalArgumentException("a DQN batch needs actionDim 1 and obsDim " + obsDim + ", was "
                    + sampled.actionDim() + " and " + sampled.obsDim());
        }
        int n = sampled.size();
        UpdateStats stats;
        INDArray dOutput;
        if (online.kernelPath() == KernelPath.ND4J) {
            if (device == null || device.size() != n) {
                device = new DeviceTdStep(config, n, obsDim, numActions);
            }
            stats = device.loss(sampled, online, target);
            dOutput = device.dOutput();
        } else {
            stats = hostLoss(sampled);
            dOutput = host.dOutput;
        }
        if (!Double.isFinite(stats.loss())) {
            throw new IllegalStateException("DQN loss is " + stats.loss() + " at update " + updates);
        }
        online.backward(dOutput);
        optimizer.step(online.parameters(), online.gradient());
        updates++;
        if (config.targetUpdate() instanceof TargetUpdate.Polyak p) {
            target.polyakUpdate(online, p.tau());
        } else if (updates % ((TargetUpdate.Hard) config.targetUpdate()).period() == 0) {
            target.copyParametersFrom(online);
        }
        return stats;
    }

    /** The TD loss on the host ({@link TdLoss}); leaves ∂loss/∂output in {@code host.dOutput}. */
    private UpdateStats hostLoss(ReplayBatch sampled) {
        int n = sampled.size();
        Host h = host(n);
        QBatch batch = h.batch;
        batch.fill(sampled);
        // Q(s', ·; θ⁻) from the target network (Mnih et al. 2015, Alg. 1); each output is parked on the device
        // right away (the online network's next forward at this batch size overwrites its buffer).
        h.rawNextTarget.assign(target.forward(batch.nextObservations()));
        if (config.doubleDqn()) {
            // Q(s', ·; θ) to choose a' (van Hasselt et al. 2016); before Q(s, ·), whose buffers backward reads.
            h.rawNextOnline.assign(online.forward(batch.nextObservations()));
        }
        // Q(s, ·; θ)
        h.rawOnline.assign(online.forward(batch.observations()));
        HostArrays.read(h.raw, h.hostRaw);
        int cells = n * online.outputSize();
        TdLoss.toQ(h.hostRaw, 0, n, numActions, config.dueling(), h.qNextTarget);
        if (config.doubleDqn()) {
            TdLoss.toQ(h.hostRaw, cells, n, numActions, config.dueling(), h.qNextOnline);
        }
        TdLoss.toQ(h.hostRaw, 2 * cells, n, numActions, config.dueling(), h.qOnline);
        // y = r + γ·(1 − terminated)·Q(s', a'; θ⁻); loss = mean Huber_δ(Q(s, a; θ) − y).
        UpdateStats stats = TdLoss.compute(h.qOnline, h.qNextOnline, h.qNextTarget, batch.actions(), batch.rewards(),
                batch.terminated(), numActions, config.doubleDqn(), config.gamma(), config.huberDelta(), h.dQ);
        TdLoss.backwardQ(h.dQ, n, numActions, config.dueling(), h.dRaw);
        HostArrays.write(h.dRaw, h.dOutput);
        return stats;
    }

    private Host host(int n) {
        if (host == null || host.n != n) {
            host = new Host(n, obsDim, online.outputSize(), numActions);
        }
        return host;
    }

    /** The online Q-network θ. */
    public Mlp online() {
        return online;
    }

    /** The target network θ⁻. */
    public Mlp target() {
        return target;
    }

    /** Gradient steps taken. */
    public long updates() {
        return updates;
    }

    public DqnConfig config() {
        return config;
    }

    /** A copy of both networks, the optimizer and the update count. */
    public DqnState state() {
        return new DqnState(online.state(), target.state(), optimizer.state(), updates);
    }

    /**
     * Restores a state taken by {@link #state()} from an agent of the same architecture.
     *
     * @throws IllegalArgumentException if the architecture differs
     */
    public void restore(DqnState state) {
        online.restore(state.online());
        target.restore(state.target());
        optimizer.restore(state.optimizer());
        updates = state.updates();
    }

    /**
     * Host arrays and device buffers of one batch size: the raw outputs Q(s', ·; θ⁻), Q(s', ·; θ) and Q(s, ·; θ)
     * stacked in one device array {@code [3n, outputs]} so that one copy brings them to the host.
     */
    private static final class Host {
        final int n;
        final INDArray raw;
        final INDArray rawNextTarget;
        final INDArray rawNextOnline;
        final INDArray rawOnline;
        final float[] hostRaw;
        final float[] qNextTarget;
        final float[] qNextOnline;
        final float[] qOnline;
        final float[] dQ;
        final float[] dRaw;
        final INDArray dOutput;
        final QBatch batch;

        Host(int n, int obsDim, int outputs, int numActions) {
            this.n = n;
            batch = QBatch.allocate(n, obsDim);
            raw = Nd4j.create(DataType.FLOAT, 3L * n, outputs);
            rawNextTarget = HostArrays.rowBlock(raw, 0, n);
            rawNextOnline = HostArrays.rowBlock(raw, n, 2L * n);
            rawOnline = HostArrays.rowBlock(raw, 2L * n, 3L * n);
            hostRaw = new float[3 * n * outputs];
            qNextTarget = new float[n * numActions];
            qNextOnline = new float[n * numActions];
            qOnline = new float[n * numActions];
            dQ = new float[n * numActions];
            dRaw = new float[n * outputs];
            dOutput = Nd4j.create(DataType.FLOAT, n, outputs);
        }
    }

    /** Input and host buffers for acting in {@code numEnvs} envs. */
    private static final class ActBuffers {
        final int numEnvs;
        final INDArray input;
        final float[] raw;
        final float[] q;

        ActBuffers(int numEnvs, int obsDim, int outputs, int numActions) {
            this.numEnvs = numEnvs;
            input = Nd4j.create(DataType.FLOAT, numEnvs, obsDim);
            raw = new float[numEnvs * outputs];
            q = new float[numEnvs * numActions];
        }
    }
}
