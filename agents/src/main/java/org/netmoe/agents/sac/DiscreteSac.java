package org.netmoe.agents.sac;

import org.apache.commons.rng.UniformRandomProvider;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Min;
import org.nd4j.linalg.factory.Nd4j;
import org.netmoe.agents.buffer.DeviceStates;
import org.netmoe.agents.buffer.ReplayBatch;
import org.netmoe.core.Require;
import org.netmoe.core.rng.RngStream;
import org.netmoe.moe.nn.HostArrays;

/**
 * Discrete SAC (Christodoulou 2019, "Soft Actor-Critic for Discrete Action Settings"): a
 * categorical actor π(·|s) = softmax(logits) ({@link CategoricalHead}), twin critics giving Q(s, ·) for every
 * action with Polyak targets, and automatic entropy tuning. Because π is an explicit distribution, every
 * expectation over actions is computed exactly instead of sampled: the soft value of s' (Eq. 10),
 * the policy objective (Eq. 12) and the temperature objective (Eq. 11); the update follows CleanRL's
 * {@code sac_atari.py}. Per-row work runs on the host; after the first call at a batch size no
 * INDArray is allocated.
 *
 * <p><b>Host↔device copies</b> ({@link HostArrays} calls): {@link #act} makes 2 (observations in, logits
 * out). {@link #update} makes 7 without a policy step: s and s' in (one stacked copy), the logits of π(·|s') out,
 * min(Q'_1, Q'_2)(s', ·) out (the minimum is taken on the device), and per critic Q(s, ·) out and ∂J_Q/∂Q in;
 * each policy step adds 3 (min(Q_1, Q_2)(s, ·) out, the logits out, ∂J_π/∂logits in) and, with automatic
 * entropy tuning, 2 more (∂J/∂log α in, log α out). The losses stay on the host, on both kernel paths, so that
 * {@link org.netmoe.moe.nn.KernelPath#HOST} keeps its bits.
 */
public final class DiscreteSac implements SacAgent {
    private final SacConfig config;
    private final int obsDim;
    private final int numActions;
    private final double targetEntropy;
    private final SacNetworks nets;
    private Host host;

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
