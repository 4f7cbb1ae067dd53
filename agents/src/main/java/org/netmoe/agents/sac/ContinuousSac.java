package org.netmoe.agents.sac;

import org.netmoe.agents.buffer.ReplayBatch;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.netmoe.core.Require;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Box;
import org.netmoe.moe.nn.HostArrays;
import org.netmoe.moe.nn.KernelPath;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Min;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Continuous SAC (Haarnoja et al. 2018, "Soft Actor-Critic Algorithms and Applications", Alg. 1):
 * a tanh-squashed Gaussian actor ({@link TanhGaussian}) rescaled to the Box, twin critics
 * Q(s, a) on {@code [obs, action]} with Polyak targets, and automatic entropy tuning; the update
 * follows CleanRL's {@code sac_continuous_action.py}. On {@link KernelPath#HOST} (the CPU default) per-row work
 * (sampling, log π, TD targets, loss gradients) runs on the host and networks on ND4J in preallocated buffers, so
 * after the first call at a batch size no INDArray is allocated. On {@link KernelPath#ND4J} (the path the CUDA
 * backend runs) the same steps run as ND4J ops ({@link ContinuousSacDevice}, {@link DeviceTanhGaussian}).
 *
 * <p><b>Host↔device copies</b> on {@link KernelPath#ND4J} ({@link HostArrays} calls): {@link #act} makes 2
 * (observations in, the actor's output out: the tanh-Gaussian draw runs on the host from the caller's stream).
 * {@link #update} makes 2 without a policy step: the batch in (s, s', actions, rewards, termination flags and
 * the update's reparameterization noise, drawn on the host from the agent's stream: one stacked copy) and both
 * critic losses and mean Q out; each policy step adds 1 (its loss and mean log π out) and, with automatic
 * entropy tuning, 1 more (log α out). The host path makes 9 per update and 6 (+2) per policy step.
 */
public final class ContinuousSac implements SacAgent {
    private final SacConfig config;
    private final int obsDim;
    private final int actDim;
    private final double[] scale;
    private final double[] bias;
    private final double targetEntropy;
    private final SacNetworks nets;
    private final ZigguratSampler.NormalizedGaussian noise;
    private ContinuousSacBuffers host;
    private TanhGaussian acting;
    private ContinuousSacDevice device;

    /**
     * A fresh agent for {@code obsDim}-dimensional observations and actions in {@code actionSpace}
     * (finite bounds); φ, θ1, θ2 are drawn from {@code initRng}, the reparameterization noise of
     * updates from {@code noiseRng}.
     */
    public ContinuousSac(SacConfig config, int obsDim, Box actionSpace, RngStream initRng, RngStream noiseRng) {
        this.config = Require.nonNull("config", config);
        this.obsDim = Require.positive("obsDim", obsDim);
        this.actDim = actionSpace.flatDim();
        this.scale = new double[actDim];
        this.bias = new double[actDim];
        for (int j = 0; j < actDim; j++) {
            if (!Float.isFinite(actionSpace.low(j)) || !Float.isFinite(actionSpace.high(j))) {
                throw new IllegalArgumentException("actionSpace must be bounded for the tanh squashing, entry " + j
                        + " was [" + actionSpace.low(j) + ", " + actionSpace.high(j) + "]");
            }
            scale[j] = ((double) actionSpace.high(j) - actionSpace.low(j)) / 2;
            bias[j] = ((double) actionSpace.high(j) + actionSpace.low(j)) / 2;
        }
        this.targetEntropy = config.continuousTargetEntropy(actDim);
        this.nets = new SacNetworks(config, config.layerSizes(obsDim, 2 * actDim),
                config.layerSizes(obsDim + actDim, 1), initRng, noiseRng);
        this.noise = TanhGaussian.gaussian(noiseRng);
    }

    @Override
    public SacNetworks networks() {
        return nets;
    }

    @Override
    public int actionDim() {
        return actDim;
    }

    @Override
    public void act(float[] observations, UniformRandomProvider rng, float[] actions) {
        float[] raw = nets.actorOutputs(observations);
        acting(raw).sample(raw, TanhGaussian.gaussian(rng), actions);
    }

    @Override
    public void actDeterministic(float[] observations, float[] actions) {
        float[] raw = nets.actorOutputs(observations);
        TanhGaussian head = acting(raw);
        head.mean(raw, head.rows(), actions);
    }

    /** The tanh-Gaussian head for as many rows as the actor outputs {@code raw} hold, reused per row count. */
    private TanhGaussian acting(float[] raw) {
        int numEnvs = raw.length / (2 * actDim);
        if (acting == null || acting.rows() != numEnvs) {
            acting = new TanhGaussian(numEnvs, scale, bias);
        }
        return acting;
    }

    @Override
    public UpdateStats update(ReplayBatch batch) {
        if (nets.onDevice()) {
            if (device == null) {
                device = new ContinuousSacDevice(nets, config, obsDim, scale, bias, targetEntropy);
            }
            return device.update(batch, noise);
        }
        int n = batch.size();
        ContinuousSacBuffers h = host(n);
        double alpha = nets.alpha();
        h.states.fill(batch);
        // (1) a' ~ π(·|s') and log π(a'|s') from the current actor (no gradient).
        HostArrays.read(nets.actor.forward(h.states.next), h.raw);
        h.gauss.sample(h.raw, noise, h.actions);
        // (2) soft TD target y = r + γ(1 − terminated)(min_k Q'_k(s', a') − α log π(a'|s')) (Eq. 3 with twin targets).
        criticInput(batch.nextObservations(), h.actions, h);
        Nd4j.exec(new Min(nets.qf1Target.forward(h.qIn), nets.qf2Target.forward(h.qIn), h.min));
        HostArrays.read(h.min, h.q);
        for (int i = 0; i < n; i++) {
            double next = h.q[i] - alpha * h.gauss.logProb(i);
            // Never bootstrap past terminated; truncated transitions bootstrap from their final observation.
            h.y[i] = batch.rewards()[i] + (batch.terminated()[i] ? 0 : config.gamma() * next);
        }
        // (3) critics: J_Q = mean (Q_k(s, a) − y)² (Eq. 5), one Adam step each.
        criticInput(batch.observations(), batch.actions(), h);
        SacNetworks.CriticStep qf1 = nets.criticStep(1, h.qIn, h.rows, h.y, h.q, h.dq, h.dOut1);
        SacNetworks.CriticStep qf2 = nets.criticStep(2, h.qIn, h.rows, h.y, h.q, h.dq, h.dOut1);
        // (4) delayed policy update, (5) target critics: θ' ← τθ + (1 − τ)θ'.
        return nets.finishUpdate(qf1, qf2, a -> actorStep(batch, h, a));
    }

    /**
     * One actor step on J_π = mean(α log π(ã|s) − min_k Q_k(s, ã)), ã = reparameterized sample (Eq. 12):
     * ∂J/∂ã comes from back-propagating both critics to their input, taking per row the smaller one.
     */
    private SacNetworks.ActorStep actorStep(ReplayBatch batch, ContinuousSacBuffers h, double alpha) {
        int n = batch.size();
        HostArrays.read(nets.actor.forward(h.states.current), h.raw);
        h.gauss.sample(h.raw, noise, h.actions);
        criticInput(batch.observations(), h.actions, h);
        INDArray q1 = nets.qf1.forward(h.qIn);
        INDArray q2 = nets.qf2.forward(h.qIn);
        Nd4j.exec(new Min(q1, q2, h.min));
        Nd4j.exec(new SubOp(q1, q2, h.diff));
        HostArrays.read(h.minAndDiff, h.minAndDiffHost);
        double loss = 0;
        double logProbPlusTarget = 0;
        for (int i = 0; i < n; i++) {
            boolean first = h.minAndDiffHost[n + i] <= 0f; // Q_1 − Q_2 ≤ 0 exactly when Q_1 ≤ Q_2 (IEEE subtraction)
            loss += (alpha * h.gauss.logProb(i) - h.minAndDiffHost[i]) / n;
            logProbPlusTarget += (h.gauss.logProb(i) + targetEntropy) / n;
            h.dq[i] = first ? -1f / n : 0f;         // ∂J/∂Q_1 where Q_1 is the minimum
            h.dq[n + i] = first ? 0f : -1f / n;     // ∂J/∂Q_2 elsewhere
        }
        nets.checkFinite(loss, "actor_loss");
        HostArrays.write(h.dq, h.dOutBoth);
        // ∂Q_k/∂[s, a]: the critics' parameter gradients this also writes are not used (their step is done).
        INDArray dIn1 = nets.qf1.backwardWithInputGradient(h.dOut1);
        INDArray dIn2 = nets.qf2.backwardWithInputGradient(h.dOut2);
        INDArrayIndex actionColumns = NDArrayIndex.interval(obsDim, obsDim + actDim);
        Nd4j.exec(new AddOp(dIn1.get(NDArrayIndex.all(), actionColumns), dIn2.get(NDArrayIndex.all(), actionColumns),
                h.dActionsArray));
        HostArrays.read(h.dActionsArray, h.dActionsHost);
        for (int k = 0; k < n * actDim; k++) {
            h.dActions[k] = h.dActionsHost[k];
        }
        h.gauss.backward(alpha / n, h.dActions, h.dRaw);
        HostArrays.write(h.dRaw, h.dActor);
        nets.actor.backward(h.dActor);
        nets.actorOptimizer.step(nets.actor.parameters(), nets.actor.gradient());
        return new SacNetworks.ActorStep(loss, logProbPlusTarget);
    }

    /** Writes rows {@code [obs_i, action_i]} into the critic input. */
    private void criticInput(float[] observations, float[] actions, ContinuousSacBuffers h) {
        int width = obsDim + actDim;
        for (int i = 0; i < h.n; i++) {
            System.arraycopy(observations, i * obsDim, h.qInHost, i * width, obsDim);
            System.arraycopy(actions, i * actDim, h.qInHost, i * width + obsDim, actDim);
        }
        HostArrays.write(h.qInHost, h.qIn);
    }

    private ContinuousSacBuffers host(int n) {
        if (host == null || host.n != n) {
            host = new ContinuousSacBuffers(n, obsDim, actDim, scale, bias);
        }
        return host;
    }
}
