package org.netmoe.agents.sac;

import java.util.Arrays;
import java.util.function.DoubleFunction;
import org.netmoe.core.rng.RngStream;
import org.netmoe.moe.nn.Adam;
import org.netmoe.moe.layer.MoeLayer;
import org.netmoe.moe.nn.HostArrays;
import org.netmoe.moe.nn.KernelPath;
import org.netmoe.moe.nn.Mlp;
import org.netmoe.moe.nn.Network;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The learned state both SAC variants share: actor π_φ, critics Q_θ1, Q_θ2 and their Polyak targets,
 * one Adam per network, the temperature log α with its Adam, the policy-noise stream and the
 * gradient-step count; plus the steps both updates take in common (a critic's regression step, the delayed
 * actor and α steps, the target update). Each {@link SacAgent} owns one ({@link SacAgent#networks()}), and
 * the agent's accessors delegate to it.
 */
public final class SacNetworks {
    final Network actor;
    final Mlp qf1;
    final Mlp qf2;
    final Mlp qf1Target;
    final Mlp qf2Target;
    final Adam actorOptimizer;
    final Adam qf1Optimizer;
    final Adam qf2Optimizer;
    private final Adam alphaOptimizer;
    private final INDArray logAlpha;
    private final INDArray logAlphaGradient;
    /** Host mirrors of log α and its gradient, for the one copy each that an α step makes. */
    private final float[] hostLogAlpha = new float[1];
    private final float[] hostLogAlphaGradient = new float[1];
    private double alpha;
    final RngStream noise;
    private final SacConfig config;
    long updates;
    private INDArray actInput;
    private float[] actOutput;

    /** Draws φ, θ1, θ2 (in that order) from {@code initRng}; targets start equal to their critics. */
    SacNetworks(SacConfig config, int[] actorSizes, int[] criticSizes, RngStream initRng, RngStream noise) {
        this.config = config;
        this.actor = config.network().hasExperts()
                ? MoeLayer.create(actorSizes[0], actorSizes[actorSizes.length - 1],
                        config.network().moe(config.hiddenSizes(), "relu"), initRng)
                : Mlp.create(actorSizes, Mlp.Activation.RELU, initRng);
        this.qf1 = Mlp.create(criticSizes, Mlp.Activation.RELU, initRng);
        this.qf2 = Mlp.create(criticSizes, Mlp.Activation.RELU, initRng);
        this.qf1Target = Mlp.fromState(qf1.state());
        this.qf2Target = Mlp.fromState(qf2.state());
        this.actorOptimizer = new Adam(config.policyAdam(), actor.numParams());
        this.qf1Optimizer = new Adam(config.qAdam(), qf1.numParams());
        this.qf2Optimizer = new Adam(config.qAdam(), qf2.numParams());
        this.alphaOptimizer = new Adam(config.qAdam(), 1);
        this.logAlpha = Nd4j.create(DataType.FLOAT, 1);
        this.logAlphaGradient = Nd4j.create(DataType.FLOAT, 1);
        this.noise = noise;
        setLogAlpha((float) Math.log(config.initialAlpha()));
    }

    /**
     * The actor's outputs {@code [numEnvs · outputSize]} for {@code observations [numEnvs · obsDim]}: 2
     * {@link HostArrays} copies (observations in, outputs out). The buffer is reused per number of envs.
     *
     * @throws IllegalArgumentException if {@code observations} is empty or not whole rows
     */
    float[] actorOutputs(float[] observations) {
        int obsDim = actor.inputSize();
        if (observations.length == 0 || observations.length % obsDim != 0) {
            throw new IllegalArgumentException("observations must be [numEnvs * " + obsDim + "], was "
                    + observations.length);
        }
        int numEnvs = observations.length / obsDim;
        if (actInput == null || actInput.rows() != numEnvs) {
            actInput = Nd4j.create(DataType.FLOAT, numEnvs, obsDim);
            actOutput = new float[numEnvs * actor.outputSize()];
        }
        HostArrays.write(observations, actInput);
        HostArrays.read(actor.forward(actInput), actOutput);
        return actOutput;
    }

    /** α = exp(log α), from the host mirror of log α (no copy). */
    public double alpha() {
        return alpha;
    }

    private void setLogAlpha(float value) {
        hostLogAlpha[0] = value;
        HostArrays.write(hostLogAlpha, logAlpha);
        alpha = Math.exp(value);
    }

    /**
     * One step on {@code J(α) = E[−α (log π + H̄)]} (Haarnoja et al. 2018, Eq. 18; CleanRL differentiates
     * through α = exp(log α)) given {@code E[log π + H̄]} of {@code step}; returns J, or NaN (and changes nothing)
     * without automatic tuning. The gradient is formed where {@code E[log π + H̄]} lives: on the host (1 copy
     * down) or, from a device-side actor step, on the device (none); log α comes back in 1 copy either way.
     */
    private double updateAlpha(ActorStep step) {
        if (!config.autoEntropy()) {
            return Double.NaN;
        }
        double alphaLoss = -alpha * step.meanLogProbPlusTarget();
        if (step.onDevice() != null) {
            logAlphaGradient.assign(step.onDevice()).muli(-alpha); // ∂J/∂log α = −α·E[log π + H̄] = J
        } else {
            hostLogAlphaGradient[0] = (float) alphaLoss; // ∂J/∂log α = −α·E[log π + H̄] = J
            HostArrays.write(hostLogAlphaGradient, logAlphaGradient);
        }
        alphaOptimizer.step(logAlpha, logAlphaGradient);
        HostArrays.read(logAlpha, hostLogAlpha);
        alpha = Math.exp(hostLogAlpha[0]);
        return alphaLoss;
    }

    /**
     * One regression step of critic {@code k} (1 or 2) on {@code J_Q = mean_i (Q_k(input)[taken_i] − y_i)²}
     * (Haarnoja et al. 2018, Eq. 5; the gradient touches only the taken outputs), then its Adam step: 2
     * {@link HostArrays} copies (Q out, ∂J_Q/∂Q in).
     *
     * @param taken per row, the index of its Q output in the row-major {@code [n, outputs]} block
     * @param q     host scratch {@code [n · outputs]}; {@code dq} the same, {@code dOut} its device array
     * @return the loss and, for critic 1, mean_i Q_1[taken_i] (else 0)
     * @throws IllegalStateException if the loss is not finite
     */
    CriticStep criticStep(int k, INDArray input, int[] taken, double[] y, float[] q, float[] dq, INDArray dOut) {
        Mlp critic = critic(k);
        int n = taken.length;
        HostArrays.read(critic.forward(input), q);
        Arrays.fill(dq, 0f);
        double loss = 0;
        double qMean = 0;
        for (int i = 0; i < n; i++) {
            double err = q[taken[i]] - y[i];
            loss += err * err / n;
            dq[taken[i]] = (float) (2 * err / n);
            qMean += k == 1 ? q[taken[i]] / n : 0;
        }
        checkFinite(loss, "qf" + k + "_loss");
        HostArrays.write(dq, dOut);
        critic.backward(dOut);
        (k == 1 ? qf1Optimizer : qf2Optimizer).step(critic.parameters(), critic.gradient());
        return new CriticStep(loss, qMean);
    }

    /** What {@link #criticStep} measured. */
    record CriticStep(double loss, double qMean) {
    }

    /**
     * One actor step at temperature α: its loss and {@code E[log π + H̄]} for the α step (Eq. 18), and that value
     * as a device array {@code [1]} when the step ran on the device (else null).
     */
    record ActorStep(double loss, double meanLogProbPlusTarget, INDArray onDevice) {
        ActorStep(double loss, double meanLogProbPlusTarget) {
            this(loss, meanLogProbPlusTarget, null);
        }
    }

    /**
     * Steps (4) and (5) of an update after both critic steps: every {@link SacConfig#policyFrequency()}-th
     * update, that many actor steps each followed by an α step (CleanRL, after TD3's delayed policy update);
     * then the Polyak update of the targets and the count.
     */
    UpdateStats finishUpdate(CriticStep qf1, CriticStep qf2, DoubleFunction<ActorStep> actorStep) {
        double alphaUsed = alpha;
        double actorLoss = Double.NaN;
        double alphaLoss = Double.NaN;
        if (updates % config.policyFrequency() == 0) {
            for (int p = 0; p < config.policyFrequency(); p++) {
                ActorStep step = actorStep.apply(alpha);
                actorLoss = step.loss();
                alphaLoss = updateAlpha(step);
            }
        }
        polyakUpdate();
        updates++;
        return new UpdateStats(qf1.loss(), qf2.loss(), actorLoss, alphaUsed, alphaLoss, qf1.qMean());
    }

    /** θ'_k ← τ θ_k + (1 − τ) θ'_k for both critics (Alg. 1, last line). */
    private void polyakUpdate() {
        qf1Target.polyakUpdate(qf1, config.tau());
        qf2Target.polyakUpdate(qf2, config.tau());
    }

    /** Whether the critics run on {@link KernelPath#ND4J}, where the agents compute their losses on the device. */
    boolean onDevice() {
        return qf1.kernelPath() == KernelPath.ND4J;
    }

    /** Critic {@code k} (1 or 2): Q_θk. */
    public Mlp critic(int k) {
        return k == 1 ? qf1 : qf2;
    }

    /** Target critic {@code k} (1 or 2). */
    public Mlp targetCritic(int k) {
        return k == 1 ? qf1Target : qf2Target;
    }

    /**
     * Returns {@code loss} if finite.
     *
     * @throws IllegalStateException naming the loss and the update otherwise
     */
    double checkFinite(double loss, String name) {
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("SAC " + name + " is " + loss + " at update " + updates);
        }
        return loss;
    }

    /** Gradient steps taken. */
    public long updates() {
        return updates;
    }

    /** The actor π_φ (an MLP or an MoE layer, per {@link SacConfig#network()}). */
    public Network actor() {
        return actor;
    }

    /** A copy of all learned state (see {@link SacState}). */
    public SacState state() {
        return new SacState(actor.parameters().toFloatVector(), qf1.state(), qf2.state(), qf1Target.state(), qf2Target.state(),
                actorOptimizer.state(), qf1Optimizer.state(), qf2Optimizer.state(), alphaOptimizer.state(),
                hostLogAlpha[0], noise.saveState(), updates);
    }

    /**
     * Restores a state taken by {@link #state()} from networks of the same architecture.
     *
     * @throws IllegalArgumentException if the architecture differs
     */
    public void restore(SacState state) {
        float[] actorParameters = state.actor();
        if (actorParameters.length != actor.numParams()) {
            throw new IllegalArgumentException("actor must have " + actor.numParams() + " parameters, the state has "
                    + actorParameters.length);
        }
        HostArrays.write(actorParameters, actor.parameters());
        qf1.restore(state.qf1());
        qf2.restore(state.qf2());
        qf1Target.restore(state.qf1Target());
        qf2Target.restore(state.qf2Target());
        actorOptimizer.restore(state.actorOptimizer());
        qf1Optimizer.restore(state.qf1Optimizer());
        qf2Optimizer.restore(state.qf2Optimizer());
        alphaOptimizer.restore(state.alphaOptimizer());
        setLogAlpha(state.logAlpha());
        noise.restoreState(state.noiseRng());
        updates = state.updates();
    }
}
