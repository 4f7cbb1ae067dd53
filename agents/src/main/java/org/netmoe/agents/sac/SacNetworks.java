package org.netmoe.agents.sac;

import org.netmoe.core.rng.RngStream;
import org.netmoe.moe.nn.Adam;
import org.netmoe.moe.layer.MoeLayer;
import org.netmoe.moe.nn.HostArrays;
import org.netmoe.moe.nn.Mlp;
import org.netmoe.moe.nn.Network;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The learned state both SAC variants share: actor π_φ, critics Q_θ1, Q_θ2 and their Polyak targets,
 * one Adam per network, the temperature log α with its Adam, the policy-noise stream and the
 * gradient-step count; plus the two steps the paper names, the α update and the target update.
 */
final class SacNetworks {
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

    /** α = exp(log α), from the host mirror of log α (no copy). */
    double alpha() {
        return alpha;
    }

    private void setLogAlpha(float value) {
        hostLogAlpha[0] = value;
        HostArrays.write(hostLogAlpha, logAlpha);
        alpha = Math.exp(value);
    }

    /**
     * One step on {@code J(α) = E[−α (log π + H̄)]} (Haarnoja et al. 2018, Eq. 18; CleanRL differentiates
     * through α = exp(log α)) given {@code meanLogProbPlusTarget = E[log π + H̄]}; returns J, or NaN
     * (and changes nothing) without automatic tuning.
     */
    double updateAlpha(double meanLogProbPlusTarget) {
        if (!config.autoEntropy()) {
            return Double.NaN;
        }
        double alphaLoss = -alpha * meanLogProbPlusTarget;
        hostLogAlphaGradient[0] = (float) alphaLoss; // ∂J/∂log α = −α·E[log π + H̄] = J
        HostArrays.write(hostLogAlphaGradient, logAlphaGradient);
        alphaOptimizer.step(logAlpha, logAlphaGradient);
        HostArrays.read(logAlpha, hostLogAlpha);
        alpha = Math.exp(hostLogAlpha[0]);
        return alphaLoss;
    }

    /** θ'_k ← τ θ_k + (1 − τ) θ'_k for both critics (Alg. 1, last line). */
    void polyakUpdate() {
        qf1Target.polyakUpdate(qf1, config.tau());
        qf2Target.polyakUpdate(qf2, config.tau());
    }

    /** Critic {@code k} (1 or 2). */
    Mlp critic(int k) {
        return k == 1 ? qf1 : qf2;
    }

    /** Target critic {@code k} (1 or 2). */
    Mlp targetCritic(int k) {
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

    SacState state() {
        return new SacState(actor.parameters().toFloatVector(), qf1.state(), qf2.state(), qf1Target.state(), qf2Target.state(),
                actorOptimizer.state(), qf1Optimizer.state(), qf2Optimizer.state(), alphaOptimizer.state(),
                hostLogAlpha[0], noise.saveState(), updates);
    }

    void restore(SacState state) {
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
