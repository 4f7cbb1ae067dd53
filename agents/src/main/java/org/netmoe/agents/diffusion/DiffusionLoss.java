package org.netmoe.agents.diffusion;

import java.util.HashMap;
import java.util.Map;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.netmoe.core.rng.RngStream;
import org.netmoe.moe.nn.HostArrays;
import org.netmoe.moe.nn.KernelPath;
import org.netmoe.moe.nn.Network;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The simplified diffusion loss {@code E_{t, ε} ||ε − ε_θ(√ᾱ_t·a + √(1−ᾱ_t)·ε, t, s)||²} (Ho et al. 2020, Eq. 14)
 * of a {@link DiffusionPolicy}'s denoiser and its gradient, with preallocated arrays per batch size. The noise
 * and t are drawn on the host from the caller's stream, where the noisy inputs are formed. {@link HostArrays}
 * copies: on {@link KernelPath#HOST} 3 (the noisy inputs in, ε_θ out, ∂loss/∂ε_θ in: the squared error runs on
 * the host); on {@link KernelPath#ND4J} (the path the CUDA backend runs) 2 (the inputs and the noise in, one
 * stacked copy; the loss out, for the NaN check and the result), the squared error and its gradient running
 * where ε_θ lives.
 */
final class DiffusionLoss {
    private final Network denoiser;
    private final DiffusionSchedule schedule;
    private final DenoiserInput rows;
    private final int actionDim;
    private final Map<Integer, Buffers> buffers = new HashMap<>();
    private final boolean onDevice;

    DiffusionLoss(Network denoiser, DiffusionSchedule schedule, DenoiserInput rows, int actionDim) {
        this.denoiser = denoiser;
        this.schedule = schedule;
        this.rows = rows;
        this.actionDim = actionDim;
        this.onDevice = denoiser.kernelPath() == KernelPath.ND4J;
    }

    /**
     * The loss (mean over rows and action entries) for expert {@code actions [batch][actionDim]} under
     * {@code conditions [batch][conditionDim]}, t uniform in [1, T] per row, with its gradient left in the
     * denoiser's gradient.
     *
     * @param step the update count, for the error message
     * @throws IllegalStateException if the loss is not finite
     */
    double gradient(float[][] conditions, float[][] actions, RngStream rng, long step) {
        int batch = conditions.length;
        if (actions.length != batch) {
            throw new IllegalArgumentException(batch + " conditions but " + actions.length + " actions");
        }
        Buffers b = buffers.computeIfAbsent(batch, Buffers::new);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int r = 0; r < batch; r++) {
            int t = 1 + rng.nextInt(schedule.steps());
            b.ts[r] = t;
            double ab = schedule.alphaBar(t);
            for (int d = 0; d < actionDim; d++) {
                double e = gauss.sample();
                b.noise[r * actionDim + d] = (float) e;
                b.xt[r * actionDim + d] = (float) (Math.sqrt(ab) * actions[r][d] + Math.sqrt(1 - ab) * e);
            }
        }
        rows.fill(b.input, b.xt, 0, conditions, b.ts);
        if (onDevice) {
            return deviceGradient(b, step);
        }
        HostArrays.write(b.input, b.inputArray);
        HostArrays.read(denoiser.forward(b.inputArray), b.pred);
        double loss = 0;
        double n = b.pred.length;
        for (int i = 0; i < b.pred.length; i++) {
            double diff = b.pred[i] - b.noise[i];
            loss += diff * diff / n;
            b.dOut[i] = (float) (2 * diff / n);
        }
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("diffusion loss is " + loss + " at update " + step);
        }
        HostArrays.write(b.dOut, b.dOutArray);
        denoiser.backward(b.dOutArray);
        return loss;
    }

    /**
     * The squared error and its gradient on {@link KernelPath#ND4J}: the denoiser input and the noise go down in
     * one copy, the loss comes back in one.
     */
    private double deviceGradient(Buffers b, long step) {
        int inputs = b.input.length;
        System.arraycopy(b.input, 0, b.staging, 0, inputs);
        System.arraycopy(b.noise, 0, b.staging, inputs, b.noise.length);
        HostArrays.write(b.staging, b.stagingArray);
        int batch = b.ts.length;
        INDArray diff = denoiser.forward(HostArrays.matrix(b.stagingArray, 0, batch, rows.width()))
                .sub(HostArrays.matrix(b.stagingArray, inputs, batch, actionDim));
        HostArrays.read(diff.mul(diff).mean(true, 0, 1).reshape(1), b.loss);
        double loss = b.loss[0];
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("diffusion loss is " + loss + " at update " + step);
        }
        denoiser.backward(diff.muli(2.0 / diff.length()));
        return loss;
    }

    /** Host and device arrays of one batch size. */
    private final class Buffers {
        final int[] ts;
        final float[] noise;
        final float[] xt;
        final float[] input;
        final float[] pred;
        final float[] dOut;
        final INDArray inputArray;
        final INDArray dOutArray;
        /** The ND4J path's input: the denoiser rows, then the noise. */
        final float[] staging;
        final INDArray stagingArray;
        final float[] loss = new float[1];

        Buffers(int batch) {
            ts = new int[batch];
            noise = new float[batch * actionDim];
            xt = new float[batch * actionDim];
            input = new float[batch * rows.width()];
            pred = new float[batch * actionDim];
            dOut = new float[batch * actionDim];
            inputArray = Nd4j.create(DataType.FLOAT, batch, rows.width());
            dOutArray = Nd4j.create(DataType.FLOAT, batch, actionDim);
            staging = new float[input.length + noise.length];
            stagingArray = Nd4j.create(DataType.FLOAT, staging.length);
        }
    }
}
