package org.netmoe.agents.loop;

import java.util.function.IntFunction;
import org.netmoe.moe.layer.MoeLayer;
import org.netmoe.agents.ppo.ActorCritic;
import org.netmoe.agents.ppo.NetworkFactory;
import org.netmoe.agents.ppo.Ppo;
import org.netmoe.agents.ppo.PpoConfig;
import org.netmoe.agents.ppo.RolloutBatch;
import org.netmoe.agents.ppo.RolloutBuffer;
import org.netmoe.agents.ppo.UpdateStats;
import org.netmoe.envs.Env;
import org.netmoe.core.Require;
import org.netmoe.envs.VectorEnv;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;

/**
 * The on-policy loop of PPO in CleanRL's {@code ppo.py} order: per iteration anneal the learning
 * rate, collect {@code rolloutSteps} lock-step transitions of all envs (one actor and one critic
 * forward per step for the whole batch), bootstrap and compute GAE, update, report.
 *
 * <p><b>Seeding.</b> {@link #create} splits one root seed into the named streams {@code init}
 * (parameters), {@code minibatch} (shuffling) and {@code sample} (actions); env {@code i} is seeded
 * with {@code deriveSeed(seed, "env/" + i)} by {@link VectorEnv#reset(long)}.
 *
 * <p><b>Reporting.</b> {@link TrainingListener#onEpisode} for every finished episode (with the
 * info of its last step), {@link TrainingListener#onStep} after every lock-step (false stops the run
 * at once, dropping the unfinished rollout), {@link TrainingListener#onUpdate} with
 * {@link UpdateStats} plus {@code time/steps_per_second} (and an MoE actor's gate metrics) after
 * every update. All steps are counted over all envs together.
 */
public final class OnPolicyLoop implements TrainingLoop<OnPolicySnapshot> {
    private final Ppo ppo;
    private final ActorCritic policy;
    private final VectorEnv envs;
    private final RngStream sampleRng;
    private final long seed;
    private final PpoConfig config;
    private final RolloutBuffer buffer;
    private final float[] obs;
    private final float[] actions;
    private final float[] logProbs;
    private final float[] values;
    private final float[] finalObs;
    private final float[] finalValues;
    private final Action[] envActions;
    private boolean started;
    private long envSteps;
    private long iterations;

    /**
     * A loop training {@code ppo} on {@code envs} (one per {@link PpoConfig#numEnvs()}), sampling
     * actions from {@code sampleRng}; the envs are reset with {@code seed} on the first {@link #run}.
     */
    public OnPolicyLoop(Ppo ppo, VectorEnv envs, RngStream sampleRng, long seed) {
        this.ppo = Require.nonNull("ppo", ppo);
        this.envs = Require.nonNull("envs", envs);
        this.sampleRng = Require.nonNull("sampleRng", sampleRng);
        this.seed = seed;
        this.config = ppo.config();
        this.policy = ppo.policy();
        int n = envs.numEnvs();
        if (n != config.numEnvs()) {
            throw new IllegalArgumentException("envs must hold numEnvs = " + config.numEnvs() + " envs, was " + n);
        }
        this.buffer = new RolloutBuffer(config.rolloutSteps(), n, envs.obsDim(), policy.actionDim());
        this.obs = new float[n * envs.obsDim()];
        this.actions = new float[n * policy.actionDim()];
        this.logProbs = new float[n];
        this.values = new float[n];
        this.finalObs = new float[n * envs.obsDim()];
        this.finalValues = new float[n];
        this.envActions = new Action[n];
    }

    /**
     * Seed → envs → policy and optimizer → storage: PPO on {@code config.numEnvs()} envs from
     * {@code envFactory}, the actor built by {@code actorFactory}.
     */
    public static OnPolicyLoop create(PpoConfig config, IntFunction<? extends Env> envFactory,
                                      NetworkFactory actorFactory, long seed) {
        RngStream root = RngStream.of(seed);
        VectorEnv envs = VectorEnv.of(config.numEnvs(), envFactory);
        ActorCritic policy = ActorCritic.create(config, envs.observationSpace(), envs.actionSpace(), actorFactory,
                root.split("init"));
        Ppo ppo = new Ppo(config, policy, root.split("minibatch"));
        return new OnPolicyLoop(ppo, envs, root.split("sample"), seed);
    }

    /** {@link #create(PpoConfig, IntFunction, NetworkFactory, long)} with the actor named by {@link PpoConfig#network()}. */
    public static OnPolicyLoop create(PpoConfig config, IntFunction<? extends Env> envFactory, long seed) {
        return create(config, envFactory, NetworkFactory.actor(config), seed);
    }

    /**
     * Trains until {@link PpoConfig#numIterations(long)} updates of a {@code plan.totalSteps()} run
     * are done (continuing from the counters, so a restored loop picks up where it stopped), pausing
     * at the first iteration boundary at or past {@code plan.stopAt()}; checkpoints go through
     * {@code plan} at iteration boundaries (where the loop's whole state is its {@link #snapshot()}).
     * A listener that stops the run stops it mid-rollout (no checkpoint is taken there).
     */
    @Override
    public LoopResult run(RunPlan plan, TrainingListener listener) {
        Require.nonNull("plan", plan);
        Require.nonNull("listener", listener);
        if (!started) {
            System.arraycopy(envs.reset(seed), 0, obs, 0, obs.length);
            started = true;
        }
        long runStart = System.nanoTime();
        long numIterations = config.numIterations(plan.totalSteps());
        while (iterations < numIterations) {
            long startNanos = System.nanoTime();
            long previous = envSteps;
            ppo.setLearningRate(config.learningRateAt(iterations, numIterations));
            buffer.reset();
            for (int step = 0; step < config.rolloutSteps(); step++) {
                policy.act(obs, sampleRng, actions, logProbs, values);
                VectorEnv.VecStep s = envs.step(toEnvActions());
                boolean anyTruncated = false;
                for (int i = 0; i < envs.numEnvs(); i++) {
                    anyTruncated |= s.truncated()[i] && !s.terminated()[i];
                }
                if (anyTruncated) {
                    valueFinalObservations(s); // truncated episodes bootstrap from V(final observation)
                }
                buffer.add(obs, actions, logProbs, values, s.rewards(), s.terminated(), s.truncated(), finalValues);
                // Easy to miss: advance obs (copied: the vector env reuses its buffer; done rows already hold the next episode's first observation).
                System.arraycopy(s.observations(), 0, obs, 0, obs.length);
                envSteps += envs.numEnvs();
                for (int i = 0; i < envs.numEnvs(); i++) {
                    if (s.done(i)) {
                        listener.onEpisode(envSteps, s.episodeReturns()[i], s.episodeLengths()[i], s.infos().get(i));
                    }
                }
                if (!listener.onStep(envSteps)) {
                    return result(runStart, numIterations);
                }
            }
            policy.values(obs, values); // V(s_T) bootstraps the unfinished episodes at the rollout's end
            RolloutBatch batch = buffer.computeReturnsAndAdvantages(values, config.gamma(), config.gaeLambda());
            UpdateStats stats = ppo.update(batch);
            iterations++;
            double stepsPerSecond = config.batchSize() / ((System.nanoTime() - startNanos) * 1e-9);
            Metrics metrics = ((Metrics) stats::forEach).and(sink -> sink.accept("time/steps_per_second", stepsPerSecond));
            if (ppo.policy().actor() instanceof MoeLayer moe) {
                metrics = metrics.and(GateMetrics.of(moe));
            }
            listener.onUpdate(envSteps, metrics);
            boolean stop = iterations >= numIterations || envSteps >= plan.stopAt();
            plan.boundary(previous, envSteps, stop);
            if (stop) {
                break;
            }
        }
        return result(runStart, numIterations);
    }

    /** Gradient steps: iterations × epochs × minibatches (exact unless a target-KL stop cut epochs). */
    private LoopResult result(long runStart, long numIterations) {
        return new LoopResult(envSteps, ppo.updates() * config.epochs() * config.minibatches(),
                (System.nanoTime() - runStart) / 1e9, iterations >= numIterations);
    }

    private Action[] toEnvActions() {
        for (int i = 0; i < envActions.length; i++) {
            envActions[i] = policy.envAction(actions, i);
        }
        return envActions;
    }

    /** V(final observation) of every env truncated in {@code s}, with one critic forward over all rows. */
    private void valueFinalObservations(VectorEnv.VecStep s) {
        int obsDim = envs.obsDim();
        System.arraycopy(s.observations(), 0, finalObs, 0, finalObs.length);
        for (int i = 0; i < envs.numEnvs(); i++) {
            if (s.truncated()[i] && !s.terminated()[i]) {
                System.arraycopy(s.finalObservations()[i], 0, finalObs, i * obsDim, obsDim);
            }
        }
        policy.values(finalObs, finalValues);
    }

    /** Greedy actions (argmax or Gaussian mean, clipped to the box) for {@code observations [n * obsDim]}, for evaluation. */
    @Override
    public Action[] act(float[] observations) {
        return policy.actGreedy(observations);
    }

    public Ppo ppo() {
        return ppo;
    }

    public VectorEnv envs() {
        return envs;
    }

    /** Env steps done, over all envs. */
    @Override
    public long envSteps() {
        return envSteps;
    }

    /** Updates done by this loop. */
    public long iterations() {
        return iterations;
    }

    /**
     * The loop's state between iterations: the algorithm, the action-sampling RNG, the vector env
     * (every env's RNG and dynamics, running episode totals), the current observations and the
     * counters.
     */
    @Override
    public OnPolicySnapshot snapshot() {
        return new OnPolicySnapshot(ppo.snapshot(), sampleRng.saveState(), started ? envs.saveState() : new byte[0],
                started ? obs.clone() : new float[0], envSteps, iterations);
    }

    /**
     * Restores a snapshot taken by {@link #snapshot()} into a loop of the same config and env kind.
     *
     * @throws IllegalArgumentException if the observation buffer has another size
     */
    @Override
    public void restore(OnPolicySnapshot snapshot) {
        float[] o = snapshot.observations();
        if (o.length != 0 && o.length != obs.length) {
            throw new IllegalArgumentException("snapshot observations hold " + o.length + " floats, expected " + obs.length);
        }
        ppo.restore(snapshot.ppo());
        sampleRng.restoreState(snapshot.sampleRng());
        started = o.length != 0;
        if (started) {
            envs.restoreState(snapshot.envs());
            System.arraycopy(o, 0, obs, 0, obs.length);
        }
        envSteps = snapshot.envSteps();
        iterations = snapshot.iterations();
    }

    @Override
    public void close() {
        envs.close();
    }
}
