package org.netmoe.agents.diffusion;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.netmoe.envs.Require;
import org.netmoe.envs.rng.RngStream;
import org.netmoe.moe.nn.Adam;
import org.netmoe.moe.nn.AdamConfig;
import org.netmoe.moe.nn.HostArrays;
import org.netmoe.moe.nn.Network;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DDPM policy {@code π(a | s)} over action vectors {@code a ∈ [−clip, clip]^actionDim}: the denoiser
 * {@code ε_θ([x_t, emb(t), s])} predicts the noise in {@code x_t}; {@link #sample} runs the T reverse
 * steps, {@link #behaviourCloningUpdate} takes one Adam step on the simplified diffusion loss.
 *
 * <p><b>Denoiser input</b> {@code [batch, actionDim + timeEmbeddingDim + conditionDim]}: the noisy action,
 * the sinusoidal embedding of t ({@link TimeEmbedding}) and the condition (state). Output
 * {@code [batch, actionDim]}: the predicted noise.
 *
 * <p>Not thread-safe; all randomness comes from the {@link RngStream} of each call, so the same seeds
 * give bit-identical parameters and samples.
 */
public final class DiffusionPolicy {
    private final DiffusionConfig config;
    private final DiffusionSchedule schedule;
    private final Network denoiser;
    private final Adam adam;
    private final int actionDim;
    private final int conditionDim;
    private final float[][] embeddings;

    /**
     * A policy around {@code denoiser}, whose input size must be
     * {@link #denoiserInputSize(DiffusionConfig, int, int)} and output size {@code actionDim}.
     */
    public DiffusionPolicy(DiffusionConfig config, Network denoiser, int actionDim, int conditionDim) {
        this.config = Require.nonNull("config", config);
        this.denoiser = Require.nonNull("denoiser", denoiser);
        this.actionDim = Require.positive("actionDim", actionDim);
        this.conditionDim = Require.nonNegative("conditionDim", conditionDim);
        int in = denoiserInputSize(config, actionDim, conditionDim);
        if (denoiser.inputSize() != in || denoiser.outputSize() != actionDim) {
            throw new IllegalArgumentException("denoiser must map " + in + " -> " + actionDim + ", was "
                    + denoiser.inputSize() + " -> " + denoiser.outputSize());
        }
        this.schedule = DiffusionSchedule.of(BetaSchedule.named(config.schedule()), config.steps());
        this.adam = new Adam(AdamConfig.of(config.learningRate()).withMaxGradNorm(config.maxGradNorm()),
                denoiser.numParams());
        this.embeddings = new float[config.steps() + 1][];
        for (int t = 0; t <= config.steps(); t++) {
            embeddings[t] = TimeEmbedding.of(t, config.timeEmbeddingDim());
        }
    }

    /** The denoiser's input width: {@code actionDim + timeEmbeddingDim + conditionDim}. */
    public static int denoiserInputSize(DiffusionConfig config, int actionDim, int conditionDim) {
        return actionDim + config.timeEmbeddingDim() + conditionDim;
    }

    /**
     * Actions {@code [batch][actionDim]} for conditions {@code [batch][conditionDim]}: start from
     * {@code x_T ~ N(0, I)}, and for t = T … 1 predict {@code x̂_0 = (x_t − √(1−ᾱ_t)·ε_θ)/√ᾱ_t}, clip it to
     * {@code [−clip, clip]} and draw {@code x_{t−1}} from the posterior (no noise at t = 1). Returns x_0.
     */
    public float[][] sample(float[][] conditions, RngStream rng) {
        int batch = conditions.length;
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        float[] x = new float[batch * actionDim];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) gauss.sample();
        }
        float[] input = new float[batch * inputSize()];
        float[] eps = new float[batch * actionDim];
        INDArray inputArray = Nd4j.create(DataType.FLOAT, batch, inputSize());
        double clip = config.clip();
        for (int t = schedule.steps(); t >= 1; t--) {
            fillInput(input, x, t, conditions, null);
            HostArrays.write(input, inputArray);
            HostArrays.read(denoiser.forward(inputArray), eps);
            double ab = schedule.alphaBar(t);
            double c0 = schedule.posteriorX0(t);
            double ct = schedule.posteriorXt(t);
            double sigma = Math.sqrt(schedule.posteriorVariance(t));
            for (int i = 0; i < x.length; i++) {
                double x0 = (x[i] - Math.sqrt(1 - ab) * eps[i]) / Math.sqrt(ab);
                x0 = Math.max(-clip, Math.min(clip, x0));
                double mean = t == 1 ? x0 : c0 * x0 + ct * x[i];
                x[i] = (float) (t == 1 ? mean : mean + sigma * gauss.sample());
            }
        }
        float[][] out = new float[batch][actionDim];
        for (int r = 0; r < batch; r++) {
            System.arraycopy(x, r * actionDim, out[r], 0, actionDim);
        }
        return out;
    }

    /**
     * One Adam step on the diffusion loss {@code E_{t, ε} ||ε − ε_θ(√ᾱ_t·a + √(1−ᾱ_t)·ε, t, s)||²}
     * (Ho et al. 2020, Eq. 14) over the batch, t uniform in [1, T] per row, against expert actions
     * {@code actions [batch][actionDim]} for {@code conditions [batch][conditionDim]}.
     *
     * @return the loss (mean over rows and action entries) before the step
     * @throws IllegalStateException if the loss is not finite
     */
    public double behaviourCloningUpdate(float[][] conditions, float[][] actions, RngStream rng) {
        int batch = conditions.length;
        if (actions.length != batch) {
            throw new IllegalArgumentException(batch + " conditions but " + actions.length + " actions");
        }
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        float[] xt = new float[batch * actionDim];
        float[] noise = new float[batch * actionDim];
        int[] ts = new int[batch];
        for (int r = 0; r < batch; r++) {
            int t = 1 + rng.nextInt(schedule.steps());
            ts[r] = t;
            double ab = schedule.alphaBar(t);
            for (int d = 0; d < actionDim; d++) {
                double e = gauss.sample();
                noise[r * actionDim + d] = (float) e;
                xt[r * actionDim + d] = (float) (Math.sqrt(ab) * actions[r][d] + Math.sqrt(1 - ab) * e);
            }
        }
        float[] input = new float[batch * inputSize()];
        fillInput(input, xt, 0, conditions, ts);
        INDArray inputArray = Nd4j.createFromArray(input).reshape(batch, inputSize());
        float[] pred = new float[batch * actionDim];
        HostArrays.read(denoiser.forward(inputArray), pred);
        double loss = 0;
        float[] dOut = new float[pred.length];
        double n = pred.length;
        for (int i = 0; i < pred.length; i++) {
            double diff = pred[i] - noise[i];
            loss += diff * diff / n;
            dOut[i] = (float) (2 * diff / n);
        }
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("diffusion loss is " + loss + " at update " + adam.stepCount());
        }
        INDArray gradient = denoiser.backward(Nd4j.createFromArray(dOut).reshape(batch, actionDim));
        adam.step(denoiser.parameters(), gradient);
        return loss;
    }

    private int inputSize() {
        return denoiserInputSize(config, actionDim, conditionDim);
    }

    /** Rows {@code [x_t, emb(t), s]}; {@code ts} per row, or every row at {@code t} when null. */
    private void fillInput(float[] input, float[] x, int t, float[][] conditions, int[] ts) {
        int width = inputSize();
        int emb = config.timeEmbeddingDim();
        for (int r = 0; r < conditions.length; r++) {
            if (conditions[r].length != conditionDim) {
                throw new IllegalArgumentException("condition " + r + " has " + conditions[r].length
                        + " entries, expected " + conditionDim);
            }
            int o = r * width;
            System.arraycopy(x, r * actionDim, input, o, actionDim);
            System.arraycopy(embeddings[ts == null ? t : ts[r]], 0, input, o + actionDim, emb);
            System.arraycopy(conditions[r], 0, input, o + actionDim + emb, conditionDim);
        }
    }

    /** The denoiser (its parameters are live). */
    public Network denoiser() {
        return denoiser;
    }

    /** The schedule's coefficients. */
    public DiffusionSchedule schedule() {
        return schedule;
    }

    /** Adam steps taken. */
    public long updates() {
        return adam.stepCount();
    }
}
