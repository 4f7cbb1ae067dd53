package org.netmoe.agents.sac;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Min;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.netmoe.agents.buffer.DeviceStates;
import org.netmoe.agents.buffer.ReplayBatch;
import org.netmoe.core.Require;
import org.netmoe.core.rng.RngStream;
import org.netmoe.moe.nn.HostArrays;
import org.netmoe.moe.nn.KernelPath;

/**
 * Discrete SAC (Christodoulou 2019, "Soft Actor-Critic for Discrete Action Settings"): a
 * categorical actor π(·|s) = softmax(logits) ({@link CategoricalHead}), twin critics giving Q(s, ·) for every
 * action with Polyak targets, and automatic entropy tuning. Because π is an explicit distribution, every
 * expectation over actions is computed exactly instead of sampled: the soft value of s' (Eq. 10),
 * the policy objective (Eq. 12) and the temperature objective (Eq. 11); the update follows CleanRL's
 * {@code sac_atari.py}. On {@link KernelPath#HOST} (the CPU default) per-row work runs on the host
 * ({@link CategoricalHead}) and after the first call at a batch size no INDArray is allocated; on
 * {@link KernelPath#ND4J} (the path the CUDA backend runs) the soft targets and all three losses run as ND4J ops
 * ({@link DeviceSacSteps}), allocating their small temporaries.
 *
 * <p><b>Host↔device copies</b> on {@link KernelPath#ND4J} ({@link HostArrays} calls): {@link #act} makes 2
 * (observations in, logits out: the draw runs on the host from the caller's stream). {@link #update} makes 2
 * without a policy step (the batch in: s, s', one-hot actions, rewards and termination flags in one stacked
 * copy; both critic losses and mean Q out, for the NaN check and the stats); each policy step adds 1 (its loss
 * and E[Σ_a π log π] out) and, with automatic entropy tuning, 1 more (log α out, which acting and the next
 * targets use as a host scalar). The host path makes 7 per update and 3 (+2) per policy step.
 */
public final class DiscreteSac implements SacAgent {
    private final SacConfig config;
    private final int obsDim;
    private final int numActions;
    private final double targetEntropy;
    private final SacNetworks nets;
    private Host host;
    private final DeviceSacSteps steps = new DeviceSacSteps();
    private DeviceStates device;
    private float[] deviceExtras;

    /**
     * A fresh agent for {@code obsDim}-dimensional observations and {@code numActions} actions;
     * φ, θ1, θ2 are drawn from {@code initRng}. {@code noiseRng} is kept in the state for symmetry
     * with {@link ContinuousSac} (the discrete update draws no noise).
     */
    public DiscreteSac(SacConfig config, int obsDim, int numActions, RngStream initRng, RngStream noiseRng) {
        this.config = Require.nonNull("config", config);
        this.obsDim = Require.positive("obsDim", obsDim);
        this.numActions = Require.positive("numActions", numActions);
        this.targetEntropy = config.discreteTargetEntropy(numActions);
        this.nets = new SacNetworks(config, config.layerSizes(obsDim, numActions),
                config.layerSizes(obsDim, numActions), initRng, noiseRng);
    }

    @Override
    public SacNetworks networks() {
        return nets;
    }

    @Override
    public int actionDim() {
        return 1;
    }

    @Override
    public void act(float[] observations, UniformRandomProvider rng, float[] actions) {
        float[] logits = nets.actorOutputs(observations);
        for (int i = 0; i < logits.length / numActions; i++) {
            actions[i] = CategoricalHead.sample(logits, i * numActions, numActions, rng);
        }
    }

    @Override
    public void actDeterministic(float[] observations, float[] actions) {
        float[] logits = nets.actorOutputs(observations);
        for (int i = 0; i < logits.length / numActions; i++) {
            int best = 0;
            for (int a = 1; a < numActions; a++) {
                if (logits[i * numActions + a] > logits[i * numActions + best]) {
                    best = a;
                }
            }
            actions[i] = best;
        }
    }

    @Override
    public UpdateStats update(ReplayBatch batch) {
        if (nets.onDevice()) {
            return deviceUpdate(batch);
        }
        int n = batch.size();
        Host h = host(n);
        double alpha = nets.alpha();
        h.states.fill(batch);
        // (1) π(·|s') and log π(·|s') from the current actor.
        HostArrays.read(nets.actor.forward(h.states.next), h.logits);
        CategoricalHead.logSoftmax(h.logits, n, numActions, h.logProbs, h.probs);
        // (2) y = r + γ(1 − terminated)·Σ_a π(a|s')(min_k Q'_k(s', a) − α log π(a|s'))  (Eq. 10: exact expectation).
        Nd4j.exec(new Min(nets.qf1Target.forward(h.states.next), nets.qf2Target.forward(h.states.next), h.minQArray));
        HostArrays.read(h.minQArray, h.minQ);
        for (int i = 0; i < n; i++) {
            double v = 0;
            for (int a = 0; a < numActions; a++) {
                int k = i * numActions + a;
                v += h.probs[k] * (h.minQ[k] - alpha * h.logProbs[k]);
            }
            // Never bootstrap past terminated; truncated transitions bootstrap from their final observation.
            h.y[i] = batch.rewards()[i] + (batch.terminated()[i] ? 0 : config.gamma() * v);
        }
        // (3) critics: J_Q = mean (Q_k(s, a) − y)² at the stored actions; the gradient touches only those outputs.
        for (int i = 0; i < n; i++) {
            h.taken[i] = i * numActions + (int) batch.actions()[i];
        }
        SacNetworks.CriticStep qf1 = nets.criticStep(1, h.states.current, h.taken, h.y, h.q, h.dq, h.dOut);
        SacNetworks.CriticStep qf2 = nets.criticStep(2, h.states.current, h.taken, h.y, h.q, h.dq, h.dOut);
        // (4) delayed policy and temperature steps, (5) target critics: θ' ← τθ + (1 − τ)θ'.
        return nets.finishUpdate(qf1, qf2, a -> actorStep(n, h, a));
    }

    /**
     * One actor step on J_π = mean_s Σ_a π(a|s)(α log π(a|s) − min_k Q_k(s, a)) (Eq. 12) with the
     * critics just updated. Also leaves E_s[Σ_a π (log π + H̄)] for the α step (Eq. 11).
     */
    private SacNetworks.ActorStep actorStep(int n, Host h, double alpha) {
        INDArray s = h.states.current;
        Nd4j.exec(new Min(nets.qf1.forward(s), nets.qf2.forward(s), h.minQArray));
        HostArrays.read(h.minQArray, h.minQ);
        HostArrays.read(nets.actor.forward(s), h.logits);
        double loss = nets.checkFinite(CategoricalHead.actorLoss(h.logits, h.minQ, n, numActions, alpha, h.dLogits),
                "actor_loss");
        CategoricalHead.logSoftmax(h.logits, n, numActions, h.logProbs, h.probs);
        double meanLogProb = 0;
        for (int k = 0; k < n * numActions; k++) {
            meanLogProb += h.probs[k] * h.logProbs[k] / n;
        }
        HostArrays.write(h.dLogits, h.dActor);
        nets.actor.backward(h.dActor);
        nets.actorOptimizer.step(nets.actor.parameters(), nets.actor.gradient());
        // Σ_a π(a|s)·H̄ = H̄, so E[Σ_a π (log π + H̄)] = −(mean entropy) + H̄.
        return new SacNetworks.ActorStep(loss, meanLogProb + targetEntropy);
    }

    /**
     * {@link #update} on {@link KernelPath#ND4J}: the same steps as ND4J ops, the batch down in one copy (s, s',
     * one-hot actions, rewards, 1 − terminated), the critic losses and each actor step's loss back in one each.
     */
    private UpdateStats deviceUpdate(ReplayBatch batch) {
        int n = batch.size();
        int width = numActions + 2;
        if (device == null || device.current.rows() != n) {
            device = new DeviceStates(n, obsDim, width);
            deviceExtras = new float[n * width];
        }
        Arrays.fill(deviceExtras, 0f);
        for (int i = 0; i < n; i++) {
            deviceExtras[i * width + (int) batch.actions()[i]] = 1f;
            deviceExtras[i * width + numActions] = batch.rewards()[i];
            deviceExtras[i * width + numActions + 1] = batch.terminated()[i] ? 0f : 1f;
        }
        device.fill(batch, deviceExtras);
        INDArray taken = device.extras.get(NDArrayIndex.all(), NDArrayIndex.interval(0, numActions));
        INDArray rewards = device.extras.get(NDArrayIndex.all(), NDArrayIndex.interval(numActions, numActions + 1));
        INDArray notTerminated = device.extras.get(NDArrayIndex.all(), NDArrayIndex.interval(numActions + 1, width));
        // y = r + γ(1 − terminated)·Σ_a π(a|s')(min_k Q'_k(s', a) − α log π(a|s'))  (Eq. 10: exact expectation).
        INDArray logP = DeviceSacSteps.logSoftmax(nets.actor.forward(device.next));
        INDArray minQ = Transforms.min(nets.qf1Target.forward(device.next), nets.qf2Target.forward(device.next));
        INDArray v = Transforms.exp(logP).muli(minQ.sub(logP.mul(nets.alpha()))).sum(true, 1);
        INDArray y = v.muli(notTerminated).muli(config.gamma()).addi(rewards);
        SacNetworks.CriticStep[] critics = steps.criticSteps(nets, device.current, taken, y);
        return nets.finishUpdate(critics[0], critics[1], this::deviceActorStep);
    }

    /** {@link #actorStep} on the device: 1 copy (the loss and E[Σ_a π log π] out). */
    private SacNetworks.ActorStep deviceActorStep(double alpha) {
        INDArray s = device.current;
        INDArray minQ = Transforms.min(nets.qf1.forward(s), nets.qf2.forward(s));
        INDArray out = Nd4j.create(DataType.FLOAT, 2);
        INDArray dLogits = DeviceSacSteps.categoricalActorLoss(nets.actor.forward(s), minQ, alpha, out);
        // Σ_a π(a|s)·H̄ = H̄, so E[Σ_a π (log π + H̄)] = −(mean entropy) + H̄.
        INDArray logProbPlusTarget = out.get(NDArrayIndex.interval(1, 2)).add(targetEntropy);
        float[] host = new float[2];
        HostArrays.read(out, host);
        double loss = nets.checkFinite(host[0], "actor_loss");
        nets.actor.backward(dLogits);
        nets.actorOptimizer.step(nets.actor.parameters(), nets.actor.gradient());
        return new SacNetworks.ActorStep(loss, host[1] + targetEntropy, logProbPlusTarget);
    }

    private Host host(int n) {
        if (host == null || host.n != n) {
            host = new Host(n, obsDim, numActions);
        }
        return host;
    }

    /** The entropy target H̄ in nats. */
    public double targetEntropy() {
        return targetEntropy;
    }

    /** Host arrays and INDArrays of one batch size. */
    private static final class Host {
        final int n;
        final DeviceStates states;
        final INDArray minQArray;
        final INDArray dOut;
        final INDArray dActor;
        final float[] logits;
        final double[] logProbs;
        final double[] probs;
        final float[] q;
        final float[] minQ;
        final double[] y;
        final float[] dq;
        final float[] dLogits;
        final int[] taken;

        Host(int n, int obsDim, int numActions) {
            this.n = n;
            int cells = n * numActions;
            states = new DeviceStates(n, obsDim);
            minQArray = Nd4j.create(DataType.FLOAT, n, numActions);
            dOut = Nd4j.create(DataType.FLOAT, n, numActions);
            dActor = Nd4j.create(DataType.FLOAT, n, numActions);
            logits = new float[cells];
            logProbs = new double[cells];
            probs = new double[cells];
            q = new float[cells];
            minQ = new float[cells];
            y = new double[n];
            dq = new float[cells];
            dLogits = new float[cells];
            taken = new int[n];
        }
    }
}
