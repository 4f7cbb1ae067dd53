package org.netmoe.agents.diffusion;

import org.netmoe.moe.nn.HostArrays;
import org.netmoe.moe.nn.Network;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The backward pass of a {@link DiffusionPolicy}'s reverse chain: what its actor update needs to push
 * ∂L/∂x_0 into the denoiser's parameters through all T denoising steps.
 *
 * <p>This is the host kernel path's backward ({@link DeviceReverseChain} is the ND4J path's). Host↔device
 * copies: the forward chain leaves each step's denoiser input on the device ({@link Record}), and
 * the parameter gradients of the T steps are summed on the device, so a backward step makes 2 {@link HostArrays}
 * copies: ∂L/∂ε_θ in and ∂L/∂input out. The per-element chain rule between steps (clip mask, posterior
 * coefficients, in double precision) runs on the host, as in the forward chain, so that
 * {@link org.netmoe.moe.nn.KernelPath#HOST} keeps its bits.
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
     * posterior noise are constants) and adds ∂L/∂θ of every step into {@code accumulated [numParams]} (on the
     * device). Per step t, with {@code g = ∂L/∂x_{t−1}}: {@code ∂L/∂x̂_0 = g·(t = 1 ? 1 : c0_t)} where x̂_0 was
     * not clipped, {@code ∂L/∂ε_θ = −∂L/∂x̂_0·√(1−ᾱ_t)/√ᾱ_t}, and
     * {@code ∂L/∂x_t = (t = 1 ? 0 : ct_t·g) + ∂L/∂x̂_0/√ᾱ_t} plus ε_θ's input gradient in its x_t columns. Each
     * step re-runs its forward on the recorded input (the denoiser keeps one set of activations per batch size).
     */
    void run(Record chain, float[] dX0, INDArray accumulated) {
        int batch = chain.batch;
        float[] g = chain.g;
        float[] dEps = chain.dEps;
        float[] dX = chain.dX;
        float[] dInput = chain.dInput;
        System.arraycopy(dX0, 0, g, 0, g.length);
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
            denoiser.forward(chain.input(t));
            HostArrays.write(dEps, chain.dEpsArray);
            HostArrays.read(denoiser.backwardWithInputGradient(chain.dEpsArray), dInput);
            accumulated.addi(denoiser.gradient());
            for (int r = 0; r < batch; r++) {
                for (int d = 0; d < actionDim; d++) {
                    g[r * actionDim + d] = dX[r * actionDim + d] + dInput[r * width + d];
                }
            }
        }
    }

    /**
     * Per denoising step t ∈ [1, T]: the denoiser input (rows {@code [(t−1)·batch, t·batch)} of one device array,
     * written by the forward chain) and where x̂_0 lay inside the clip box; plus the backward's buffers. A
     * {@link DiffusionPolicy} keeps one per batch size.
     */
    static final class Record {
        final int batch;
        final boolean[][] inside;
        private final INDArray inputs;
        private final INDArray[] inputViews;
        final float[] g;
        final float[] dEps;
        final float[] dX;
        final float[] dInput;
        final INDArray dEpsArray;

        Record(int batch, int steps, int actionDim, int width) {
            this.batch = batch;
            this.inside = new boolean[steps + 1][batch * actionDim];
            this.inputs = Nd4j.create(DataType.FLOAT, (long) steps * batch, width);
            this.inputViews = new INDArray[steps + 1];
            for (int t = 1; t <= steps; t++) {
                inputViews[t] = HostArrays.rowBlock(inputs, (long) (t - 1) * batch, (long) t * batch);
            }
            this.g = new float[batch * actionDim];
            this.dEps = new float[batch * actionDim];
            this.dX = new float[batch * actionDim];
            this.dInput = new float[batch * width];
            this.dEpsArray = Nd4j.create(DataType.FLOAT, batch, actionDim);
        }

        /** The denoiser input {@code [batch, width]} of step t (a device view). */
        INDArray input(int t) {
            return inputViews[t];
        }
    }
}
