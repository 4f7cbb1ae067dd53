package org.netmoe.agents.ppo;

import java.util.Optional;
import org.netmoe.core.Require;
import org.netmoe.core.rng.RngStream;
import org.netmoe.moe.nn.Adam;
import org.netmoe.moe.nn.HostArrays;
import org.netmoe.moe.nn.Network;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Proximal policy optimization with the clipped surrogate objective (Schulman et al. 2017, Eq. 7
 * and 9) over an {@link ActorCritic}: per update, {@code epochs} passes over the rollout in
 * shuffled minibatches, each one gradient step on
 * {@code L = −L^CLIP + c₁·L^VF − c₂·H}. The gradients of L with respect to the network outputs
 * (logits or mean, value, log-std) are computed on the host and pushed through
 * {@link Network#backward}; the global gradient norm is clipped across actor, critic and log-std
 * together (as {@code clip_grad_norm_(agent.parameters())}), then each part takes an Adam step
 * (Adam is elementwise, so separate optimizers equal one over all parameters).
 *
 * <p>After construction an update allocates no INDArray. <b>Host↔device copies</b> ({@link HostArrays} calls)
 * per minibatch: 3 for a discrete policy (observations in; actor output and value out in one stacked copy;
 * the three output gradients in, one stacked copy, {@link PpoMinibatch}), 4 for a Gaussian one (the new log-std
 * back to the host mirror that sampling reads); besides these, the global gradient-norm clip reads one
 * scalar norm per part. The clipped objective stays on the host, on both kernel paths, so that
 * {@link org.netmoe.moe.nn.KernelPath#HOST} keeps its bits. Not thread-safe.
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
    }

    /** One PPO update over a full rollout; returns the losses and diagnostics measured. */
    public UpdateStats update(RolloutBatch rollout) {
        if (rollout.size() != config.batchSize() || rollout.obsDim() != policy.obsDim()
                || rollout.actionDim() != policy.actionDim()) {
            throw new IllegalArgumentException("rollout must hold " + config.batchSize() + " transitions of "
                    + policy.obsDim() + " observation and " + policy.actionDim() + " action floats, was "
                    + rollout.size() + " of " + rollout.obsDim() + " and " + rollout.actionDim());
        }
        ActionDistribution pi = policy.distribution();
        int m = config.minibatchSize();
        int pd = pi.paramDim();
        int ad = pi.actionDim();
        double clipCoef = config.clipCoef();
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
                if (!Double.isFinite(policyLoss) || !Double.isFinite(valueLoss)) {
                    throw new IllegalStateException("PPO loss is not finite at update " + updates + " (policy_loss "
                            + policyLoss + ", value_loss " + valueLoss + ")");
                }
                step();
                sumPolicyLoss += policyLoss;
                sumValueLoss += valueLoss;
                sumEntropy += entropy / m;
                approxKl = kl / m;
                sumKl += approxKl;
                sumClipFraction += clipped / m;
                minibatchesRun++;
            }
            epochs++;
            // CleanRL's early stop: the last minibatch's KL decides after a whole epoch.
            if (config.targetKl().isPresent() && approxKl > config.targetKl().getAsDouble()) {
                break;
            }
        }
        updates++;
        return new UpdateStats(sumPolicyLoss / minibatchesRun, sumValueLoss / minibatchesRun,
                sumEntropy / minibatchesRun, sumKl / minibatchesRun, sumClipFraction / minibatchesRun,
                explainedVariance(rollout.values(), rollout.returns()), learningRate, epochs);
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
        double clip = config.maxGradNorm() / (Math.sqrt(sq) + 1e-6); // torch.nn.utils.clip_grad_norm_
        if (clip < 1) {
            actorGrad.muli(clip);
            criticGrad.muli(clip);
            if (logStdOptimizer != null) {
                mb.logStdGrad.muli(clip);
            }
        }
        actorOptimizer.step(policy.actor().parameters(), actorGrad);
        criticOptimizer.step(policy.critic().parameters(), criticGrad);
        if (logStdOptimizer != null) {
            logStdOptimizer.step(policy.logStd(), mb.logStdGrad);
            policy.syncLogStd();
        }
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
