package org.netmoe.agents.sac;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.netmoe.agents.buffer.DeviceStates;
import org.netmoe.agents.buffer.ReplayBatch;
import org.netmoe.moe.nn.HostArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link ContinuousSac}'s update on {@link org.netmoe.moe.nn.KernelPath#ND4J} (the path the CUDA backend runs):
 * the same steps as ND4J ops. The reparameterization noise is still drawn on the host from the agent's stream,
 * in the host path's order (the target's, then each policy step's), but all of it is drawn up front and goes
 * down with the batch in one copy: s, s' and per transition the action, r, 1 − terminated and the noise. Then
 * one copy brings back both critic losses and mean Q, and each policy step one more (its loss and mean log π)
 * plus log α with automatic entropy tuning.
 */
final class ContinuousSacDevice {
    private final SacNetworks nets;
    private final SacConfig config;
    private final int obsDim;
    private final int actDim;
    private final double targetEntropy;
    private final DeviceTanhGaussian gauss;
    private final DeviceSacSteps steps = new DeviceSacSteps();
    private final INDArray actorStats = Nd4j.create(DataType.FLOAT, 2);
    private final float[] hostActorStats = new float[2];
    private DeviceStates device;
    private float[] extras;
    private int policyStep;

    ContinuousSacDevice(SacNetworks nets, SacConfig config, int obsDim, double[] scale, double[] bias,
                        double targetEntropy) {
        this.nets = nets;
        this.config = config;
        this.obsDim = obsDim;
        this.actDim = scale.length;
        this.targetEntropy = targetEntropy;
        this.gauss = new DeviceTanhGaussian(scale, bias);
    }

    /** Columns per transition: action, r, 1 − terminated, the target's noise, each policy step's noise. */
    private int width() {
        return actDim + 2 + actDim * (1 + config.policyFrequency());
    }

    private INDArray columns(int from, int count) {
        return device.extras.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + count));
    }

    UpdateStats update(ReplayBatch batch, ZigguratSampler.NormalizedGaussian noise) {
        int n = batch.size();
        int width = width();
        if (device == null || device.current.rows() != n) {
            device = new DeviceStates(n, obsDim, width);
            extras = new float[n * width];
        }
        boolean policyUpdate = nets.updates % config.policyFrequency() == 0;
        int noiseBlocks = policyUpdate ? 1 + config.policyFrequency() : 1;
        for (int b = 0; b < 1 + config.policyFrequency(); b++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < actDim; j++) {
                    extras[i * width + actDim + 2 + b * actDim + j] = b < noiseBlocks ? (float) noise.sample() : 0f;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            System.arraycopy(batch.actions(), i * actDim, extras, i * width, actDim);
            extras[i * width + actDim] = batch.rewards()[i];
            extras[i * width + actDim + 1] = batch.terminated()[i] ? 0f : 1f;
        }
        device.fill(batch, extras);
        // (1) a' ~ π(·|s'), (2) y = r + γ(1 − terminated)(min_k Q'_k(s', a') − α log π(a'|s')).
        INDArray nextActions = gauss.sample(nets.actor.forward(device.next), columns(actDim + 2, actDim));
        INDArray nextIn = Nd4j.hstack(device.next, nextActions);
        INDArray minQ = Transforms.min(nets.qf1Target.forward(nextIn), nets.qf2Target.forward(nextIn));
        INDArray y = minQ.subi(gauss.logProb().mul(nets.alpha())).muli(columns(actDim + 1, 1)).muli(config.gamma())
                .addi(columns(actDim, 1));
        // (3) critics at the stored actions, (4) delayed policy and α steps, (5) targets.
        SacNetworks.CriticStep[] critics = steps.criticSteps(nets, Nd4j.hstack(device.current, columns(0, actDim)),
                null, y);
        policyStep = 0;
        return nets.finishUpdate(critics[0], critics[1], this::actorStep);
    }

    /** One actor step on J_π = mean(α log π(ã|s) − min_k Q_k(s, ã)), as {@code ContinuousSac}'s host step. */
    private SacNetworks.ActorStep actorStep(double alpha) {
        INDArray s = device.current;
        long n = s.rows();
        INDArray actions = gauss.sample(nets.actor.forward(s),
                columns(actDim + 2 + (1 + policyStep++) * actDim, actDim));
        INDArray in = Nd4j.hstack(s, actions);
        INDArray q1 = nets.qf1.forward(in);
        INDArray q2 = nets.qf2.forward(in);
        INDArray first = q1.sub(q2).gt(0.0).castTo(DataType.FLOAT).rsubi(1.0); // Q_1 ≤ Q_2
        INDArray logProb = gauss.logProb();
        DeviceSacSteps.put(actorStats, 0, logProb.mul(alpha).subi(Transforms.min(q1, q2)).mean(true, 0));
        DeviceSacSteps.put(actorStats, 1, logProb.mean(true, 0));
        INDArray logProbPlusTarget = actorStats.get(NDArrayIndex.interval(1, 2)).add(targetEntropy);
        HostArrays.read(actorStats, hostActorStats);
        double loss = nets.checkFinite(hostActorStats[0], "actor_loss");
        // ∂J/∂Q_1 where Q_1 is the minimum, ∂J/∂Q_2 elsewhere; the critics' parameter gradients are not used.
        INDArray dIn1 = nets.qf1.backwardWithInputGradient(first.mul(-1.0 / n));
        INDArray dIn2 = nets.qf2.backwardWithInputGradient(first.rsub(1.0).muli(-1.0 / n));
        INDArrayIndex actionColumns = NDArrayIndex.interval(obsDim, obsDim + actDim);
        INDArray dActions = dIn1.get(NDArrayIndex.all(), actionColumns).add(dIn2.get(NDArrayIndex.all(), actionColumns));
        nets.actor.backward(gauss.backward(alpha / n, dActions));
        nets.actorOptimizer.step(nets.actor.parameters(), nets.actor.gradient());
        return new SacNetworks.ActorStep(loss, hostActorStats[1] + targetEntropy, logProbPlusTarget);
    }
}
