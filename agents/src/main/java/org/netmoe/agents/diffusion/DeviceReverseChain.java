package org.netmoe.agents.diffusion;

import java.util.Arrays;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.netmoe.core.rng.RngStream;
import org.netmoe.moe.nn.HostArrays;
import org.netmoe.moe.nn.Network;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A {@link DiffusionPolicy}'s reverse chain on {@link org.netmoe.moe.nn.KernelPath#ND4J} (the path the CUDA
 * backend runs): the posterior steps, their clip and the backward of {@link ReverseChain} as ND4J ops where ε_θ
 * lives. The chain's Gaussian noise is still drawn on the host from the caller's stream, in the host path's
 * order (x_T, then each step's posterior noise), all up front; it goes down with the conditions in one copy,
 * and a sample's x_0 comes back in one. Each call allocates its temporaries.
 */
final class DeviceReverseChain {
    private final Network denoiser;
    private final DiffusionSchedule schedule;
    private final int actionDim;
    private final int conditionDim;
    private final double clip;
    /** emb(t) for t ∈ [0, T], {@code [1, embeddingDim]} each. */
    private final INDArray[] embeddings;
    private INDArray[] inputs;
    private INDArray[] inside;

    DeviceReverseChain(Network denoiser, DiffusionSchedule schedule, DiffusionConfig config, int actionDim,
                       int conditionDim) {
        this.denoiser = denoiser;
        this.schedule = schedule;
        this.actionDim = actionDim;
        this.conditionDim = conditionDim;
        this.clip = config.clip();
        this.embeddings = new INDArray[schedule.steps() + 1];
        for (int t = 0; t <= schedule.steps(); t++) {
            float[] e = TimeEmbedding.of(t, config.timeEmbeddingDim());
            embeddings[t] = Nd4j.create(e, new long[] {1, e.length}, 'c');
        }
    }

    /**
     * Draws the chain's noise from {@code rng} as {@link DiffusionPolicy}'s host chain does and runs the T reverse
     * steps on the device (1 copy: noise and conditions in); returns x_0 {@code [batch, actionDim]} and the
     * conditions on the device (null when {@code conditionDim} is 0). With {@code record}, keeps each step's denoiser input and clip mask for
     * {@link #backward}.
     */
    INDArray[] forward(float[][] conditions, RngStream rng, boolean record) {
        int batch = conditions.length;
        int steps = schedule.steps();
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        float[] noise = new float[steps * batch * actionDim]; // x_T, then the posterior noise of t = T … 2
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) gauss.sample();
        }
        INDArray[] up = upload(conditions, noise);
        INDArray all = up[0];
        INDArray s = up[1];
        inputs = record ? new INDArray[steps + 1] : null;
        inside = record ? new INDArray[steps + 1] : null;
        INDArray x = HostArrays.matrix(all, 0, batch, actionDim).dup();
        for (int t = steps; t >= 1; t--) {
            INDArray embedding = embeddings[t].broadcast(batch, embeddings[t].columns());
            INDArray input = s == null ? Nd4j.hstack(x, embedding) : Nd4j.hstack(x, embedding, s);
            INDArray eps = denoiser.forward(input);
            double ab = schedule.alphaBar(t);
            INDArray x0 = x.sub(eps.mul(Math.sqrt(1 - ab))).divi(Math.sqrt(ab));
            if (record) {
                inputs[t] = input;
                inside[t] = Transforms.abs(x0, true).gt(clip).castTo(DataType.FLOAT).rsubi(1.0);
            }
            x0 = Transforms.min(Transforms.max(x0, -clip, false), clip, false);
            if (t == 1) {
                x = x0;
            } else {
                INDArray z = HostArrays.matrix(all, (long) (steps - t + 1) * batch * actionDim, batch, actionDim);
                x = x0.muli(schedule.posteriorX0(t)).addi(x.mul(schedule.posteriorXt(t)))
                        .addi(z.mul(Math.sqrt(schedule.posteriorVariance(t))));
            }
        }
        return new INDArray[] {x, s};
    }

    /**
     * One device array {@code [values…, conditions…]} written in one copy; returns it and the conditions' view
     * (null when {@code conditionDim} is 0).
     */
    private INDArray[] upload(float[][] conditions, float[] values) {
        int batch = conditions.length;
        float[] staging = Arrays.copyOf(values, values.length + batch * Math.max(conditionDim, 1));
        for (int r = 0; r < batch; r++) {
            if (conditions[r].length != conditionDim) {
                throw new IllegalArgumentException("condition " + r + " has " + conditions[r].length
                        + " entries, expected " + conditionDim);
            }
            System.arraycopy(conditions[r], 0, staging, values.length + r * conditionDim, conditionDim);
        }
        INDArray all = Nd4j.create(DataType.FLOAT, staging.length);
        HostArrays.write(staging, all);
        INDArray s = conditionDim == 0 ? null : HostArrays.matrix(all, values.length, batch, conditionDim);
        return new INDArray[] {all, s};
    }

    /**
     * The Q part of {@link DiffusionPolicy#actorUpdate} on the device: the recorded chain, min(Q_1, Q_2) of
     * {@code critic}, its action gradient weighted by {@code −qWeight / (batch · mean|Q|)} and the chain's backward
     * into {@code accumulated}; 2 copies (the chain's noise and the conditions in; mean Q and mean |Q| out).
     */
    float[] actorGradient(float[][] conditions, DoubleCriticDevice critic, RngStream rng, double qWeight,
                          INDArray accumulated) {
        int batch = conditions.length;
        INDArray[] chain = forward(conditions, rng, true);
        INDArray minQ = critic.minQ(chain[1], chain[0]);
        INDArray meanAbsQ = Transforms.abs(minQ, true).mean(true, 0);
        // λ = η / mean|Q| is a constant (detached in Diffusion-QL), so ∂L/∂Q_b = −λ / batch.
        INDArray weights = Transforms.max(meanAbsQ, 1e-8, true).rdivi(-qWeight / batch).broadcast(batch, 1);
        backward(critic.actionGradient(weights), accumulated);
        float[] host = new float[2];
        HostArrays.read(Nd4j.hstack(minQ.mean(true, 0), meanAbsQ).reshape(2), host);
        return host;
    }

    /** {@link ReverseChain#run} on the device through the latest recorded {@link #forward}: no copy. */
    void backward(INDArray dX0, INDArray accumulated) {
        INDArray g = dX0;
        for (int t = 1; t <= schedule.steps(); t++) {
            double ab = schedule.alphaBar(t);
            INDArray dX0hat = g.mul(inside[t]);
            if (t > 1) {
                dX0hat.muli(schedule.posteriorX0(t));
            }
            INDArray dEps = dX0hat.mul(-Math.sqrt(1 - ab) / Math.sqrt(ab));
            INDArray dX = dX0hat.divi(Math.sqrt(ab));
            if (t > 1) {
                dX.addi(g.mul(schedule.posteriorXt(t)));
            }
            denoiser.forward(inputs[t]);
            INDArray dInput = denoiser.backwardWithInputGradient(dEps);
            accumulated.addi(denoiser.gradient());
            g = dX.addi(dInput.get(NDArrayIndex.all(), NDArrayIndex.interval(0, actionDim)));
        }
    }
}
