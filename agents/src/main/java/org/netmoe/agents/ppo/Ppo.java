package org.netmoe.agents.ppo;

import java.util.Optional;
import org.netmoe.core.Require;
import org.netmoe.core.rng.RngStream;
import org.netmoe.moe.nn.Adam;
import org.netmoe.moe.nn.HostArrays;
import org.netmoe.moe.nn.KernelPath;
import org.netmoe.moe.nn.Network;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Proximal policy optimization with the clipped surrogate objective (Schulman et al. 2017, Eq. 7
 * and 9) over an {@link ActorCritic}: per update, {@code epochs} passes over the rollout in
 * shuffled minibatches, each one gradient step on
 * {@code L = −L^CLIP + c₁·L^VF − c₂·H}. The gradients of L with respect to the network outputs
 * (logits or mean, value, log-std) are computed on the host ({@link KernelPath#HOST}, the CPU default) or as
 * ND4J ops where the network outputs live ({@link KernelPath#ND4J}, the path the CUDA backend runs;
 * {@link DevicePpoLoss}) and pushed through {@link Network#backward}; the global gradient norm is clipped
 * across actor, critic and log-std together (as {@code clip_grad_norm_(agent.parameters())}), then each part
 * takes an Adam step (Adam is elementwise, so separate optimizers equal one over all parameters).
 *
 * <p>On the host path an update allocates no INDArray after construction; the ND4J path allocates its loss's
 * small temporaries. <b>Host↔device copies</b> on {@link KernelPath#ND4J} ({@link HostArrays} calls): 2 per
 * minibatch (the gathered rows in, one stacked copy; the five loss terms and three squared gradient norms
 * out, one copy of eight floats, which the NaN check, the stats, target-KL stopping and the norm clip need,
 * {@link DevicePpoStep}), plus 1 per update for a Gaussian policy (the new log-std to the host mirror that
 * sampling reads). The host path makes 3 per minibatch (4 for a Gaussian) and reads one scalar norm per part.
 * Not thread-safe.
 */
public final class Ppo {
    private final PpoConfig config;
    private final ActorCritic policy;
    private final RngStream shuffleRng;
    private final Adam actorOptimizer;
    private final Adam criticOptimizer;
    private final Adam logStdOptimizer;
    private double learningRate;
    private long updates;
    private final PpoMinibatch mb;
    /** The minibatch's loss on the device when the networks run on {@link KernelPath#ND4J}, else null. */
    private final DevicePpoStep device;

    /**
     * An algorithm training {@code policy}; {@code shuffleRng} orders the minibatches. The learning
     * rate starts at {@link PpoConfig#learningRate()}; the loop anneals it with {@link #setLearningRate}.
     */
    public Ppo(PpoConfig config, ActorCritic policy, RngStream shuffleRng) {
        this.config = Require.nonNull("config", config);
        this.policy = Require.nonNull("policy", policy);
        this.shuffleRng = Require.nonNull("shuffleRng", shuffleRng);
        this.learningRate = config.learningRate();
        this.actorOptimizer = new Adam(config.adam(learningRate), policy.actor().numParams());
        this.criticOptimizer = new Adam(config.adam(learningRate), policy.critic().numParams());
        this.logStdOptimizer = policy.continuous() ? new Adam(config.adam(learningRate), policy.logStd().length()) : null;
        this.mb = new PpoMinibatch(config.batchSize(), config.minibatchSize(), policy);
        this.device = onDevice(policy) ? new DevicePpoStep(config.minibatchSize(), policy) : null;
    }

    /** One PPO update over a full rollout; returns the losses and diagnostics measured. */
    public UpdateStats update(RolloutBatch rollout) {
        if (rollout.size() != config.batchSize() || rollout.obsDim() != policy.obsDim()
                || rollout.actionDim() != policy.actionDim()) {
            throw new IllegalArgumentException("rollout must hold " + config.batchSize() + " transitions of "
                    + policy.obsDim() + " observation and " + policy.actionDim() + " action floats, was "
                    + rollout.size() + " of " + rollout.obsDim() + " and " + rollout.actionDim());
        }
        int m = config.minibatchSize();
        double sumPolicyLoss = 0, sumValueLoss = 0, sumEntropy = 0, sumKl = 0, sumClipFraction = 0;
        int minibatchesRun = 0;
        int epochs = 0;
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            mb.shuffle(shuffleRng);
            double approxKl = 0;
            for (int start = 0; start < config.batchSize(); start += m) {
                mb.gather(rollout, start);
                if (config.normalizeAdvantages()) {
                    mb.normalizeAdvantages();
                }
                double[] losses = device != null ? deviceStep() : hostLoss();
                double policyLoss = losses[0];
                double valueLoss = losses[1];
                if (!Double.isFinite(policyLoss) || !Double.isFinite(valueLoss)) {
                    throw new IllegalStateException("PPO loss is not finite at update " + updates + " (policy_loss "
                            + policyLoss + ", value_loss " + valueLoss + ")");
                }
                if (device != null) {
                    applyGradients(device.actorGrad(), device.criticGrad(), device.logStdGrad(),
                            losses[5] + losses[6] + losses[7]);
                } else {
                    step();
                }
                sumPolicyLoss += policyLoss;
                sumValueLoss += valueLoss;
                sumEntropy += losses[2];
                approxKl = losses[3];
                sumKl += approxKl;
                sumClipFraction += losses[4];
                minibatchesRun++;
            }
            epochs++;
            // CleanRL's early stop: the last minibatch's KL decides after a whole epoch.
            if (config.targetKl().isPresent() && approxKl > config.targetKl().getAsDouble()) {
                break;
            }
        }
        if (device != null && logStdOptimizer != null) {
            policy.syncLogStd(); // the host mirror that sampling reads, once per update
        }
        updates++;
        return new UpdateStats(sumPolicyLoss / minibatchesRun, sumValueLoss / minibatchesRun,
                sumEntropy / minibatchesRun, sumKl / minibatchesRun, sumClipFraction / minibatchesRun,
                explainedVariance(rollout.values(), rollout.returns()), learningRate, epochs);
    }

    /**
     * The minibatch's loss terms on the host (policy loss, value loss, mean entropy, approximate KL, clip
     * fraction), its gradients left in {@code mb} for {@link #step}.
     */
    private double[] hostLoss() {
        ActionDistribution pi = policy.distribution();
        int m = config.minibatchSize();
        int pd = pi.paramDim();
        int ad = pi.actionDim();
        double clipCoef = config.clipCoef();
        mb.forward(policy);
        double policyLoss = 0, valueLoss = 0, entropy = 0, kl = 0, clipped = 0;
        for (int j = 0; j < m; j++) {
            double newLogProb = pi.logProb(mb.params, j * pd, mb.rows.actions(), j * ad);
            double logRatio = newLogProb - mb.rows.logProbs()[j];
            double ratio = Math.exp(logRatio);
            kl += (ratio - 1) - logRatio;
            clipped += Math.abs(ratio - 1) > clipCoef ? 1 : 0;
            double advantage = mb.rows.advantages()[j];
            // Eq. 7 as a loss: max(−Â·r, −Â·clip(r, 1 − ε, 1 + ε)); only the unclipped term carries a gradient.
            double pg1 = -advantage * ratio;
            double pg2 = -advantage * Math.min(1 + clipCoef, Math.max(1 - clipCoef, ratio));
            policyLoss += Math.max(pg1, pg2);
            double dLogProb = pg1 >= pg2 ? -advantage * ratio / m : 0; // ∂r/∂logπ = r
            entropy += pi.entropy(mb.params, j * pd);
            pi.backward(mb.params, j * pd, mb.rows.actions(), j * ad, dLogProb, -config.entCoef() / m,
                    mb.dParams, mb.dLogStd);
            valueLoss += valueLossTerm(j, m);
        }
        policyLoss /= m;
        valueLoss = 0.5 * valueLoss / m;
        return new double[] {policyLoss, valueLoss, entropy / m, kl / m, clipped / m};
    }

    /** The minibatch on the device ({@link DevicePpoStep}): loss terms, then the three squared gradient norms. */
    private double[] deviceStep() {
        float[] s = device.run(mb.rows, policy, config);
        double[] losses = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            losses[i] = s[i];
        }
        return losses;
    }

    /** Row j's squared value error (clipped around V_old if configured); writes c₁·∂(½·mean)/∂V into dValues. */
    private double valueLossTerm(int j, int m) {
        double v = mb.newValues[j];
        double unclipped = v - mb.rows.returns()[j];
        double grad = unclipped;
        double loss = unclipped * unclipped;
        if (config.clipValueLoss()) {
            double vOld = mb.rows.values()[j];
            double delta = Math.min(config.clipCoef(), Math.max(-config.clipCoef(), v - vOld));
            double clipped = vOld + delta - mb.rows.returns()[j];
            if (clipped * clipped > loss) {
                loss = clipped * clipped;
                grad = Math.abs(v - vOld) <= config.clipCoef() ? clipped : 0; // the clipped branch is flat outside ±ε
            }
        }
        mb.dValues[j] = (float) (config.vfCoef() * grad / m);
        return loss;
    }

    /** Backward through both networks, global gradient-norm clipping, then the Adam steps. */
    private void step() {
        mb.writeGradients();
        INDArray actorGrad = policy.actor().backward(mb.dOutput);
        INDArray criticGrad = policy.critic().backward(mb.dValue);
        double sq = Math.pow(actorGrad.norm2Number().doubleValue(), 2) + Math.pow(criticGrad.norm2Number().doubleValue(), 2);
        if (logStdOptimizer != null) {
            sq += Math.pow(mb.logStdGrad.norm2Number().doubleValue(), 2);
        }
        applyGradients(actorGrad, criticGrad, mb.logStdGrad, sq);
        if (logStdOptimizer != null) {
            policy.syncLogStd();
        }
    }

    /** Global gradient-norm clipping (squared norm {@code sq} of all three parts), then the Adam steps. */
    private void applyGradients(INDArray actorGrad, INDArray criticGrad, INDArray logStdGrad, double sq) {
        double clip = config.maxGradNorm() / (Math.sqrt(sq) + 1e-6); // torch.nn.utils.clip_grad_norm_
        if (clip < 1) {
            actorGrad.muli(clip);
            criticGrad.muli(clip);
            if (logStdOptimizer != null) {
                logStdGrad.muli(clip);
            }
        }
        actorOptimizer.step(policy.actor().parameters(), actorGrad);
        criticOptimizer.step(policy.critic().parameters(), criticGrad);
        if (logStdOptimizer != null) {
            logStdOptimizer.step(policy.logStd(), logStdGrad);
        }
    }

    /** Whether both networks run on {@link KernelPath#ND4J}. */
    private static boolean onDevice(ActorCritic policy) {
        return policy.actor().kernelPath() == KernelPath.ND4J && policy.critic().kernelPath() == KernelPath.ND4J;
    }

    /** 1 − Var(R − V) / Var(R); NaN when the returns are constant (CleanRL). */
    static double explainedVariance(float[] values, float[] returns) {
        double meanY = 0, meanD = 0;
        for (int i = 0; i < returns.length; i++) {
            meanY += returns[i];
            meanD += returns[i] - values[i];
        }
        meanY /= returns.length;
        meanD /= returns.length;
        double varY = 0, varD = 0;
        for (int i = 0; i < returns.length; i++) {
            varY += (returns[i] - meanY) * (returns[i] - meanY);
            double d = returns[i] - values[i] - meanD;
            varD += d * d;
        }
        return varY == 0 ? Double.NaN : 1 - varD / varY;
    }

    /** Sets Adam's α for the next updates (the loop's linear annealing); moments and step counts are kept. */
    public void setLearningRate(double rate) {
        Require.positive("learningRate", rate);
        if (rate == learningRate) {
            return;
        }
        learningRate = rate;
        actorOptimizer.reconfigure(config.adam(rate));
        criticOptimizer.reconfigure(config.adam(rate));
        if (logStdOptimizer != null) {
            logStdOptimizer.reconfigure(config.adam(rate));
        }
    }

    public double learningRate() {
        return learningRate;
    }

    public PpoConfig config() {
        return config;
    }

    public ActorCritic policy() {
        return policy;
    }

    /** Updates done. */
    public long updates() {
        return updates;
    }

    /** A copy of the parameters, optimizer states, learning rate, shuffle RNG and update count. */
    public PpoSnapshot snapshot() {
        return new PpoSnapshot(PpoSnapshot.FORMAT_VERSION, policy.snapshot(), actorOptimizer.state(),
                criticOptimizer.state(), Optional.ofNullable(logStdOptimizer).map(Adam::state), learningRate,
                shuffleRng.saveState(), updates);
    }

    /**
     * Restores a snapshot of a {@code Ppo} with the same architecture.
     *
     * @throws IllegalArgumentException if a parameter or optimizer size differs, or the action kinds differ
     */
    public void restore(PpoSnapshot snapshot) {
        if (snapshot.logStdOptimizer().isPresent() != (logStdOptimizer != null)) {
            throw new IllegalArgumentException("snapshot is of a " + (snapshot.logStdOptimizer().isPresent()
                    ? "continuous" : "discrete") + " policy, this one is " + (policy.continuous() ? "continuous" : "discrete"));
        }
        policy.restore(snapshot.policy());
        setLearningRate(snapshot.learningRate());
        actorOptimizer.restore(snapshot.actorOptimizer());
        criticOptimizer.restore(snapshot.criticOptimizer());
        snapshot.logStdOptimizer().ifPresent(s -> logStdOptimizer.restore(s));
        shuffleRng.restoreState(snapshot.shuffleRng());
        updates = snapshot.updates();
    }
}
