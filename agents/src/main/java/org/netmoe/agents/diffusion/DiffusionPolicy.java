package org.netmoe.agents.diffusion;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.netmoe.core.Require;
import org.netmoe.core.rng.RngStream;
import org.netmoe.moe.nn.Adam;
import org.netmoe.moe.nn.AdamConfig;
import org.netmoe.moe.nn.HostArrays;
import org.netmoe.moe.nn.KernelPath;
import org.netmoe.moe.nn.Network;

/**
 * A DDPM policy {@code π(a | s)} over action vectors {@code a ∈ [−clip, clip]^actionDim}: the denoiser
 * {@code ε_θ([x_t, emb(t), s])} predicts the noise in {@code x_t}; {@link #sample} runs the T reverse
 * steps, {@link #behaviourCloningUpdate} takes one Adam step on the simplified diffusion loss and
 * {@link #actorUpdate} one on −Q of a {@link DoubleCritic} back-propagated through the reverse chain
 * (optionally plus the diffusion loss: Diffusion-QL, Wang et al. 2023).
 *
 * <p><b>Denoiser input</b> {@code [batch, actionDim + timeEmbeddingDim + conditionDim]}: the noisy action,
 * the sinusoidal embedding of t ({@link TimeEmbedding}) and the condition (state). Output
 * {@code [batch, actionDim]}: the predicted noise.
 *
 * <p><b>Host↔device copies</b> ({@link HostArrays} calls, what a GPU pays per call), with T denoising steps. On
 * {@link KernelPath#ND4J} (the path the CUDA backend runs) the posterior steps, their clip, the critic's
 * min(Q_1, Q_2) and the chain's backward run as ND4J ops ({@link DeviceReverseChain},
 * {@link DoubleCriticDevice}); the chain's noise is drawn on the host from the caller's stream, all up front:
 * {@link #sample} makes 2 (noise and conditions in, x_0 out: the env's action), {@link #behaviourCloningUpdate}
 * 2 ({@link DiffusionLoss}), {@link #actorUpdate} 2 in {@code actor} (noise and conditions in; mean Q and
 * mean |Q| out) and 4 in {@code bc+actor}; these allocate their temporaries. On {@link KernelPath#HOST} the
 * posterior step, its clip and its noise run on the host in double precision: {@link #sample} makes 2T (per
 * step the input rows in, ε_θ out), {@link #behaviourCloningUpdate} 3, {@link #actorUpdate} 4T + 4 in
 * {@code actor} and 4T + 7 in {@code bc+actor} (the chain's 2T, the critic's 4, the diffusion loss's 3, and 2
 * per backward step, {@link ReverseChain}), and no update allocates a device array after the first call at a
 * batch size.
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
    private final DenoiserInput rows;
    private final ReverseChain backward;
    private final DiffusionLoss diffusionLoss;
    /** Σ of the actor update's parameter gradients, on the device. */
    private final INDArray accumulated;
    private final Map<Integer, INDArray> sampleInputs = new HashMap<>();
    private final Map<Integer, ReverseChain.Record> records = new HashMap<>();
    /** The chain on the device when the denoiser runs on {@link KernelPath#ND4J}, else null. */
    private final DeviceReverseChain device;

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
        this.schedule = DiffusionSchedule.of(config.schedule(), config.steps());
        this.adam = new Adam(AdamConfig.of(config.learningRate()).withMaxGradNorm(config.maxGradNorm()),
                denoiser.numParams());
        this.backward = new ReverseChain(denoiser, schedule, actionDim, in);
        this.rows = new DenoiserInput(actionDim, conditionDim, config.timeEmbeddingDim(), config.steps());
        this.diffusionLoss = new DiffusionLoss(denoiser, schedule, rows, actionDim);
        this.accumulated = Nd4j.create(DataType.FLOAT, denoiser.numParams());
        this.device = denoiser.kernelPath() == KernelPath.ND4J
                ? new DeviceReverseChain(denoiser, schedule, config, actionDim, conditionDim) : null;
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
        float[] x;
        if (device != null) {
            x = new float[batch * actionDim];
            HostArrays.read(device.forward(conditions, rng, false)[0], x);
        } else {
            x = reverseChain(conditions, rng, null);
        }
        float[][] out = new float[batch][actionDim];
        for (int r = 0; r < batch; r++) {
            System.arraycopy(x, r * actionDim, out[r], 0, actionDim);
        }
        return out;
    }

    /**
     * The reverse chain of {@link #sample}, returning x_0 row-major {@code [batch·actionDim]}. With a non-null
     * {@code record}, keeps each step's denoiser input and where x̂_0 was inside the clip box, for
     * {@link ReverseChain#run}.
     */
    private float[] reverseChain(float[][] conditions, RngStream rng, ReverseChain.Record record) {
        int batch = conditions.length;
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        float[] x = new float[batch * actionDim];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) gauss.sample();
        }
        float[] input = new float[batch * inputSize()];
        float[] eps = new float[batch * actionDim];
        // Reused per batch size: sampling runs once per env step (the forward keeps no reference to it).
        INDArray sampleInput = sampleInputs.computeIfAbsent(batch, b -> Nd4j.create(DataType.FLOAT, b, inputSize()));
        double clip = config.clip();
        for (int t = schedule.steps(); t >= 1; t--) {
            rows.fill(input, x, t, conditions, null);
            // A recorded chain keeps each step's input on the device for the backward pass.
            INDArray inputArray = record == null ? sampleInput : record.input(t);
            HostArrays.write(input, inputArray);
            HostArrays.read(denoiser.forward(inputArray), eps);
            double ab = schedule.alphaBar(t);
            double c0 = schedule.posteriorX0(t);
            double ct = schedule.posteriorXt(t);
            double sigma = Math.sqrt(schedule.posteriorVariance(t));
            boolean[] inside = record == null ? null : record.inside[t];
            for (int i = 0; i < x.length; i++) {
                double x0 = (x[i] - Math.sqrt(1 - ab) * eps[i]) / Math.sqrt(ab);
                if (inside != null) {
                    inside[i] = Math.abs(x0) <= clip;
                }
                x0 = Math.max(-clip, Math.min(clip, x0));
                double mean = t == 1 ? x0 : c0 * x0 + ct * x[i];
                x[i] = (float) (t == 1 ? mean : mean + sigma * gauss.sample());
            }
        }
        return x;
    }

    /**
     * ∂(Σ dX0 ⊙ x_0)/∂θ {@code [numParams]} of the reverse chain {@link #sample} runs with {@code rng} (same
     * draws, so {@code sample(conditions, rng')} with an equal stream gives the x_0 differentiated); no step is
     * taken. For finite-difference tests.
     */
    float[] chainParameterGradient(float[][] conditions, float[] dX0, RngStream rng) {
        ReverseChain.Record chain = record(conditions.length);
        reverseChain(conditions, rng, chain);
        accumulated.assign(0);
        backward.run(chain, dX0, accumulated);
        float[] grad = new float[Math.toIntExact(denoiser.numParams())];
        HostArrays.read(accumulated, grad);
        return grad;
    }

    /**
     * One Adam step of the actor as {@link DiffusionConfig#training()} says (Diffusion-QL, Wang et al. 2023,
     * Eq. 3): {@code actor}: {@code L = −mean_b Q(s_b, a_0,b) / mean_b |Q|}; {@code bc+actor}:
     * {@code L = L_bc + η·(−mean Q / mean |Q|)}, with Q = min(Q_1, Q_2) of {@code critic}, a_0 drawn by the
     * reverse chain from {@code rng} and differentiated through every denoising step, and mean |Q| a constant.
     * An MoE denoiser's auxiliary losses add their gradient at each of the T steps (and once more for L_bc).
     *
     * @param expertActions expert actions {@code [batch][actionDim]} for the diffusion loss in {@code bc+actor};
     *                      unused (may be null) in {@code actor}
     * @throws IllegalStateException if the policy is configured for {@code bc}, or a loss is not finite
     */
    public ActorStats actorUpdate(float[][] conditions, float[][] expertActions, DoubleCritic critic, RngStream rng) {
        if (!config.usesCritic()) {
            throw new IllegalStateException("actorUpdate needs training actor or bc+actor, configured "
                    + config.training().id());
        }
        int batch = conditions.length;
        double bcLoss = Double.NaN;
        double qWeight = 1.0;
        if (config.training() == DiffusionConfig.Training.BC_ACTOR) {
            Require.nonNull("expertActions", expertActions);
            bcLoss = diffusionLoss.gradient(conditions, expertActions, rng, adam.stepCount());
            accumulated.assign(denoiser.gradient());
            qWeight = config.eta();
        } else {
            accumulated.assign(0);
        }
        double meanQ;
        double meanAbsQ;
        if (device != null && critic.device() != null) {
            float[] q = device.actorGradient(conditions, critic.device(), rng, qWeight, accumulated);
            meanQ = q[0];
            meanAbsQ = q[1];
        } else {
            ReverseChain.Record chain = record(batch);
            float[] x0 = reverseChain(conditions, rng, chain);
            float[][] actions = new float[batch][actionDim];
            for (int r = 0; r < batch; r++) {
                System.arraycopy(x0, r * actionDim, actions[r], 0, actionDim);
            }
            float[] minQ = critic.minQ(conditions, actions);
            meanQ = 0;
            meanAbsQ = 0;
            for (float v : minQ) {
                meanQ += v / (double) batch;
                meanAbsQ += Math.abs(v) / (double) batch;
            }
            // λ = η / mean|Q| is a constant (detached in Diffusion-QL), so ∂L/∂Q_b = −λ / batch.
            float[] weights = new float[batch];
            Arrays.fill(weights, (float) (-qWeight / (batch * Math.max(meanAbsQ, 1e-8))));
            float[] dX0 = critic.actionGradientOfLastMinQ(weights);
            backward.run(chain, dX0, accumulated);
        }
        double qLoss = -meanQ / Math.max(meanAbsQ, 1e-8);
        double loss = (Double.isNaN(bcLoss) ? 0 : bcLoss) + qWeight * qLoss;
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("actor loss is " + loss + " at update " + adam.stepCount());
        }
        adam.step(denoiser.parameters(), accumulated);
        return new ActorStats(loss, bcLoss, qLoss, meanQ);
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
        double loss = diffusionLoss.gradient(conditions, actions, rng, adam.stepCount());
        adam.step(denoiser.parameters(), denoiser.gradient());
        return loss;
    }

    private ReverseChain.Record record(int batch) {
        return records.computeIfAbsent(batch, b -> new ReverseChain.Record(b, schedule.steps(), actionDim, inputSize()));
    }

    private int inputSize() {
        return denoiserInputSize(config, actionDim, conditionDim);
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

    /**
     * A copy of the denoiser's parameters and the Adam state (its step count is {@link #updates()}). The
     * policy owns no random stream: the caller's streams ({@link #sample}, the updates) are saved beside it.
     */
    public DiffusionPolicyState state() {
        float[] parameters = new float[Math.toIntExact(denoiser.numParams())];
        HostArrays.read(denoiser.parameters(), parameters);
        return new DiffusionPolicyState(parameters, adam.state());
    }

    /**
     * Restores a state taken by {@link #state()} from a policy of the same denoiser architecture, so that it
     * continues bit-identically.
     *
     * @throws IllegalArgumentException if the parameter counts differ
     */
    public void restore(DiffusionPolicyState state) {
        float[] parameters = state.denoiser();
        if (parameters.length != denoiser.numParams()) {
            throw new IllegalArgumentException("diffusion policy state holds " + parameters.length
                    + " denoiser parameters, this denoiser has " + denoiser.numParams());
        }
        adam.restore(state.optimizer());
        HostArrays.write(parameters, denoiser.parameters());
    }
}
