package org.netmoe.agents.diffusion;

import org.netmoe.moe.nn.HostArrays;
import org.netmoe.moe.nn.Network;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The backward pass of a {@link DiffusionPolicy}'s reverse chain: what its actor update needs to push
 * ∂L/∂x_0 into the denoiser's parameters through all T denoising steps.
 */
final class ReverseChain {
    private final Network denoiser;
    private final DiffusionSchedule schedule;
    private final int actionDim;
    private final int width;

    ReverseChain(Network denoiser, DiffusionSchedule schedule, int actionDim, int width) {
        this.denoiser = denoiser;
        this.schedule = schedule;
        this.actionDim = actionDim;
        this.width = width;
    }

    /**
     * Back-propagates {@code dX0 = ∂L/∂x_0 [batch·actionDim]} through the recorded reverse chain (x_T and the
     * posterior noise are constants) and adds ∂L/∂θ of every step into {@code accumulated [numParams]}. Per
     * step t, with {@code g = ∂L/∂x_{t−1}}: {@code ∂L/∂x̂_0 = g·(t = 1 ? 1 : c0_t)} where x̂_0 was not clipped,
     * {@code ∂L/∂ε_θ = −∂L/∂x̂_0·√(1−ᾱ_t)/√ᾱ_t}, and {@code ∂L/∂x_t = (t = 1 ? 0 : ct_t·g) + ∂L/∂x̂_0/√ᾱ_t}
     * plus ε_θ's input gradient in its x_t columns. Each step re-runs its forward (the denoiser keeps one set
     * of activations per batch size).
     */
    void run(Record chain, float[] dX0, float[] accumulated) {
        int batch = chain.batch;
        float[] g = dX0.clone();
        float[] dEps = new float[g.length];
        float[] dX = new float[g.length];
        float[] dInput = new float[batch * width];
        float[] paramGrad = new float[accumulated.length];
        INDArray inputArray = Nd4j.create(DataType.FLOAT, batch, width);
        INDArray dEpsArray = Nd4j.create(DataType.FLOAT, batch, actionDim);
        for (int t = 1; t <= schedule.steps(); t++) {
            double ab = schedule.alphaBar(t);
            double c0 = schedule.posteriorX0(t);
            double ct = schedule.posteriorXt(t);
            boolean[] inside = chain.inside[t];
            for (int i = 0; i < g.length; i++) {
                double dX0hat = inside[i] ? (t == 1 ? g[i] : c0 * g[i]) : 0.0;
                dEps[i] = (float) (-dX0hat * Math.sqrt(1 - ab) / Math.sqrt(ab));
                dX[i] = (float) ((t == 1 ? 0.0 : ct * g[i]) + dX0hat / Math.sqrt(ab));
            }
            HostArrays.write(chain.inputs[t], inputArray);
            denoiser.forward(inputArray);
            HostArrays.write(dEps, dEpsArray);
            HostArrays.read(denoiser.backwardWithInputGradient(dEpsArray), dInput);
            HostArrays.read(denoiser.gradient(), paramGrad);
            for (int k = 0; k < accumulated.length; k++) {
                accumulated[k] += paramGrad[k];
            }
            for (int r = 0; r < batch; r++) {
                for (int d = 0; d < actionDim; d++) {
                    g[r * actionDim + d] = dX[r * actionDim + d] + dInput[r * width + d];
                }
            }
        }
    }

    /** Per denoising step t ∈ [1, T]: the denoiser input and where x̂_0 lay inside the clip box. */
    static final class Record {
        final int batch;
        final float[][] inputs;
        final boolean[][] inside;

        Record(int batch, int steps) {
            this.batch = batch;
            this.inputs = new float[steps + 1][];
            this.inside = new boolean[steps + 1][];
        }
    }
}
