package org.netmoe.agents.sac;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.netmoe.agents.buffer.ReplayBatch;
import org.netmoe.core.Require;
import org.netmoe.core.rng.RngStream;
import org.netmoe.moe.nn.HostArrays;
import org.netmoe.moe.nn.Mlp;
import org.netmoe.moe.nn.Network;

/**
 * Discrete SAC (Christodoulou 2019, "Soft Actor-Critic for Discrete Action Settings"): a
 * categorical actor π(·|s) = softmax(logits), twin critics giving Q(s, ·) for every action with
 * Polyak targets, and automatic entropy tuning. Because π is an explicit distribution, every
 * expectation over actions is computed exactly instead of sampled: the soft value of s' (Eq. 10),
 * the policy objective (Eq. 12) and the temperature objective (Eq. 11); the update follows CleanRL's
 * {@code sac_atari.py}. Per-row work runs on the host; after the first call at a batch size no
 * INDArray is allocated.
 */
public final class DiscreteSac implements SacAgent {
    private final SacConfig config;
    private final int obsDim;
    private final int numActions;
    private final double targetEntropy;
    private final SacNetworks nets;
    private Host host;
    private INDArray actInput;
    private float[] actLogits;

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
    public int actionDim() {
        return 1;
    }

    @Override
    public void act(float[] observations, UniformRandomProvider rng, float[] actions) {
        int numEnvs = actorLogits(observations);
        for (int i = 0; i < numEnvs; i++) {
            // Inverse-CDF draw from softmax(logits_i).
            int off = i * numActions;
            double max = max(actLogits, off, numActions);
            double z = 0;
            for (int a = 0; a < numActions; a++) {
                z += Math.exp(actLogits[off + a] - max);
            }
            double u = rng.nextDouble() * z;
            int chosen = numActions - 1;
            for (int a = 0; a < numActions; a++) {
                u -= Math.exp(actLogits[off + a] - max);
                if (u < 0) {
                    chosen = a;
                    break;
                }
            }
            actions[i] = chosen;
        }
    }

    @Override
    public void actDeterministic(float[] observations, float[] actions) {
        int numEnvs = actorLogits(observations);
        for (int i = 0; i < numEnvs; i++) {
            int best = 0;
            for (int a = 1; a < numActions; a++) {
                if (actLogits[i * numActions + a] > actLogits[i * numActions + best]) {
                    best = a;
                }
            }
            actions[i] = best;
        }
    }

    private int actorLogits(float[] observations) {
        if (observations.length == 0 || observations.length % obsDim != 0) {
            throw new IllegalArgumentException("observations must be [numEnvs * " + obsDim + "], was "
                    + observations.length);
        }
        int numEnvs = observations.length / obsDim;
        if (actInput == null || actInput.rows() != numEnvs) {
            actInput = Nd4j.create(DataType.FLOAT, numEnvs, obsDim);
            actLogits = new float[numEnvs * numActions];
        }
        HostArrays.write(observations, actInput);
        HostArrays.read(nets.actor.forward(actInput), actLogits);
        return numEnvs;
    }

    @Override
    public UpdateStats update(ReplayBatch batch) {
        int n = batch.size();
        Host h = host(n);
        final double alphaUsed = nets.alpha();
        double alpha = alphaUsed;
        // (1) π(·|s') and log π(·|s') from the current actor.
        HostArrays.write(batch.nextObservations(), h.obs);
        HostArrays.read(nets.actor.forward(h.obs), h.logits);
        logSoftmax(h.logits, n, numActions, h.logProbs, h.probs);
        // (2) y = r + γ(1 − terminated)·Σ_a π(a|s')(min_k Q'_k(s', a) − α log π(a|s'))  (Eq. 10: exact expectation).
        HostArrays.read(nets.qf1Target.forward(h.obs), h.q1);
        HostArrays.read(nets.qf2Target.forward(h.obs), h.q2);
        for (int i = 0; i < n; i++) {
            double v = 0;
            for (int a = 0; a < numActions; a++) {
                int k = i * numActions + a;
                v += h.probs[k] * (Math.min(h.q1[k], h.q2[k]) - alpha * h.logProbs[k]);
            }
            // Never bootstrap past terminated; truncated transitions bootstrap from their final observation.
            h.y[i] = batch.rewards()[i] + (batch.terminated()[i] ? 0 : config.gamma() * v);
        }
        // (3) critics: J_Q = mean (Q_k(s, a) − y)² at the stored actions; the gradient touches only those outputs.
        HostArrays.write(batch.observations(), h.obs);
        double qMean = 0;
        double qf1Loss = 0;
        double qf2Loss = 0;
        for (int c = 0; c < 2; c++) {
            Mlp critic = c == 0 ? nets.qf1 : nets.qf2;
            HostArrays.read(critic.forward(h.obs), h.q1);
            Arrays.fill(h.dq, 0f);
            double loss = 0;
            for (int i = 0; i < n; i++) {
                int k = i * numActions + (int) batch.actions()[i];
                double err = h.q1[k] - h.y[i];
                loss += err * err / n;
                h.dq[k] = (float) (2 * err / n);
                qMean += c == 0 ? h.q1[k] / n : 0;
            }
            checkFinite(loss, c == 0 ? "qf1_loss" : "qf2_loss");
            if (c == 0) {
                qf1Loss = loss;
            } else {
                qf2Loss = loss;
            }
            HostArrays.write(h.dq, h.dOut);
            critic.backward(h.dOut);
            (c == 0 ? nets.qf1Optimizer : nets.qf2Optimizer).step(critic.parameters(), critic.gradient());
        }
        // (4) delayed policy and temperature steps.
        double actorLoss = Double.NaN;
        double alphaLoss = Double.NaN;
        if (nets.updates % config.policyFrequency() == 0) {
            for (int p = 0; p < config.policyFrequency(); p++) {
                actorLoss = actorStep(n, h, alpha);
                alphaLoss = nets.updateAlpha(h.meanLogProbPlusTarget);
                alpha = nets.alpha();
            }
        }
        // (5) target critics: θ' ← τθ + (1 − τ)θ'.
        nets.polyakUpdate();
        nets.updates++;
        return new UpdateStats(qf1Loss, qf2Loss, actorLoss, alphaUsed, alphaLoss, qMean);
    }

    /**
     * One actor step on J_π = mean_s Σ_a π(a|s)(α log π(a|s) − min_k Q_k(s, a)) (Eq. 12) with the
     * critics just updated; {@code h.obs} holds s. Also leaves E_s[Σ_a π (log π + H̄)] for the α step (Eq. 11).
     */
    private double actorStep(int n, Host h, double alpha) {
        HostArrays.read(nets.qf1.forward(h.obs), h.q1);
        HostArrays.read(nets.qf2.forward(h.obs), h.q2);
        for (int k = 0; k < n * numActions; k++) {
            h.minQ[k] = Math.min(h.q1[k], h.q2[k]);
        }
        HostArrays.read(nets.actor.forward(h.obs), h.logits);
        double loss = actorLoss(h.logits, h.minQ, n, numActions, alpha, h.dLogits);
        checkFinite(loss, "actor_loss");
        logSoftmax(h.logits, n, numActions, h.logProbs, h.probs);
        double meanLogProb = 0;
        for (int k = 0; k < n * numActions; k++) {
            meanLogProb += h.probs[k] * h.logProbs[k] / n;
        }
        // Σ_a π(a|s)·H̄ = H̄, so E[Σ_a π (log π + H̄)] = −(mean entropy) + H̄.
        h.meanLogProbPlusTarget = meanLogProb + targetEntropy;
        HostArrays.write(h.dLogits, h.dActor);
        nets.actor.backward(h.dActor);
        nets.actorOptimizer.step(nets.actor.parameters(), nets.actor.gradient());
        return loss;
    }

    /**
     * The actor loss mean_i Σ_a p_ia (α log p_ia − minQ_ia) with p_i = softmax(logits_i), and its
     * gradient into {@code dLogits}: ∂/∂z_ik = p_ik (f_ik − Σ_a p_ia f_ia) / n with
     * f = α log p − minQ (the α·Σ_a p ∂log p/∂z term vanishes because Σ_a p_a (δ_ak − p_k) = 0).
     */
    static double actorLoss(float[] logits, float[] minQ, int n, int numActions, double alpha, float[] dLogits) {
        double loss = 0;
        double[] logP = new double[numActions];
        for (int i = 0; i < n; i++) {
            int off = i * numActions;
            double lse = logSumExp(logits, off, numActions);
            double expected = 0;
            for (int a = 0; a < numActions; a++) {
                logP[a] = logits[off + a] - lse;
                expected += Math.exp(logP[a]) * (alpha * logP[a] - minQ[off + a]);
            }
            loss += expected / n;
            for (int a = 0; a < numActions; a++) {
                double f = alpha * logP[a] - minQ[off + a];
                dLogits[off + a] = (float) (Math.exp(logP[a]) * (f - expected) / n);
            }
        }
        return loss;
    }

    /** Row-wise log-softmax and softmax of {@code logits [n * numActions]}. */
    static void logSoftmax(float[] logits, int n, int numActions, double[] logProbs, double[] probs) {
        for (int i = 0; i < n; i++) {
            int off = i * numActions;
            double lse = logSumExp(logits, off, numActions);
            for (int a = 0; a < numActions; a++) {
                logProbs[off + a] = logits[off + a] - lse;
                probs[off + a] = Math.exp(logProbs[off + a]);
            }
        }
    }

    private static double logSumExp(float[] x, int off, int len) {
        double max = max(x, off, len);
        double sum = 0;
        for (int a = 0; a < len; a++) {
            sum += Math.exp(x[off + a] - max);
        }
        return max + Math.log(sum);
    }

    private static double max(float[] x, int off, int len) {
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < len; a++) {
            max = Math.max(max, x[off + a]);
        }
        return max;
    }

    private void checkFinite(double loss, String name) {
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("SAC " + name + " is " + loss + " at update " + nets.updates);
        }
    }

    private Host host(int n) {
        if (host == null || host.n != n) {
            host = new Host(n, obsDim, numActions);
        }
        return host;
    }

    @Override
    public long updates() {
        return nets.updates;
    }

    @Override
    public double alpha() {
        return nets.alpha();
    }

    /** The actor: logits of π(·|s). */
    public Network actor() {
        return nets.actor;
    }

    /** Critic {@code k} (1 or 2): Q_θk(s, ·). */
    public Mlp critic(int k) {
        return k == 1 ? nets.qf1 : nets.qf2;
    }

    /** Target critic {@code k} (1 or 2). */
    public Mlp targetCritic(int k) {
        return k == 1 ? nets.qf1Target : nets.qf2Target;
    }

    /** The entropy target H̄ in nats. */
    public double targetEntropy() {
        return targetEntropy;
    }

    @Override
    public SacState state() {
        return nets.state();
    }

    @Override
    public void restore(SacState state) {
        nets.restore(state);
    }

    /** Host arrays and INDArrays of one batch size. */
    private static final class Host {
        final int n;
        final INDArray obs;
        final INDArray dOut;
        final INDArray dActor;
        final float[] logits;
        final double[] logProbs;
        final double[] probs;
        final float[] q1;
        final float[] q2;
        final float[] minQ;
        final double[] y;
        final float[] dq;
        final float[] dLogits;
        double meanLogProbPlusTarget;

        Host(int n, int obsDim, int numActions) {
            this.n = n;
            int cells = n * numActions;
            obs = Nd4j.create(DataType.FLOAT, n, obsDim);
            dOut = Nd4j.create(DataType.FLOAT, n, numActions);
            dActor = Nd4j.create(DataType.FLOAT, n, numActions);
            logits = new float[cells];
            logProbs = new double[cells];
            probs = new double[cells];
            q1 = new float[cells];
            q2 = new float[cells];
            minQ = new float[cells];
            y = new double[n];
            dq = new float[cells];
            dLogits = new float[cells];
        }
    }
}
