package org.netmoe.agents.diffusion;

import java.util.HashMap;
import java.util.Map;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.netmoe.core.rng.RngStream;
import org.netmoe.moe.nn.HostArrays;
import org.netmoe.moe.nn.Network;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The simplified diffusion loss {@code E_{t, ε} ||ε − ε_θ(√ᾱ_t·a + √(1−ᾱ_t)·ε, t, s)||²} (Ho et al. 2020, Eq. 14)
 * of a {@link DiffusionPolicy}'s denoiser and its gradient, with preallocated arrays per batch size: 3
 * {@link HostArrays} copies (the noisy inputs in, ε_θ out, ∂loss/∂ε_θ in; the noise is drawn on the host from
 * the caller's stream).
 */
final class DiffusionLoss {
    private final Network denoiser;
    private final DiffusionSchedule schedule;
    private final DenoiserInput rows;
    private final int actionDim;
    private final Map<Integer, Buffers> buffers = new HashMap<>();

    DiffusionLoss(Network denoiser, DiffusionSchedule schedule, DenoiserInput rows, int actionDim) {
        this.denoiser = denoiser;
        this.schedule = schedule;
        this.rows = rows;
        this.actionDim = actionDim;
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

        Buffers(int batch) {
            ts = new int[batch];
            noise = new float[batch * actionDim];
            xt = new float[batch * actionDim];
            input = new float[batch * rows.width()];
            pred = new float[batch * actionDim];
            dOut = new float[batch * actionDim];
            inputArray = Nd4j.create(DataType.FLOAT, batch, rows.width());
            dOutArray = Nd4j.create(DataType.FLOAT, batch, actionDim);
        }
    }
}
