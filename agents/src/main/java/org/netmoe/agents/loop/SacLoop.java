package org.netmoe.agents.loop;

import org.netmoe.moe.layer.MoeLayer;
import java.util.Map;
import java.util.function.Supplier;
import org.netmoe.agents.sac.ReplayBuffer;
import org.netmoe.agents.sac.SacAgent;
import org.netmoe.agents.sac.SacConfig;
import org.netmoe.agents.sac.UpdateStats;
import org.netmoe.envs.Env;
import org.netmoe.envs.Require;
import org.netmoe.envs.VectorEnv;
import org.netmoe.envs.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.Discrete;
import org.netmoe.envs.space.Space;

/**
 * The off-policy loop of SAC (CleanRL {@code sac_continuous_action.py}; SB3
 * {@code OffPolicyAlgorithm.learn}): uniform-random actions until {@link SacConfig#learningStarts()}
 * env steps, then actions sampled from π; every transition is stored; once past the warm-up, every
 * {@link SacConfig#trainFrequency()}-th vectorized step runs {@link SacConfig#gradientSteps()}
 * updates on batches sampled from the replay buffer. Episodes, updates and steps are reported through a
 * {@link TrainingListener}.
 *
 * <p><b>Randomness.</b> One root seed is split into {@code init} (parameters), {@code policy} (the
 * agent's reparameterization noise), {@code explore} (warm-up and acting) and {@code sample}
 * (minibatches); env {@code i} gets {@code deriveSeed(seed, "env/" + i)}. The same seed gives
 * bit-identical runs on the CPU backend.
 */
public final class SacLoop implements AutoCloseable {
    private final SacConfig config;
    private final VectorEnv envs;
    private final SacAgent agent;
    private final ReplayBuffer buffer;
    private final RngStream explore;
    private final RngStream sample;
    private final float[] obs;
    private final float[] actions;
    private final Action[] envActions;
    private final int[] discreteActions;
    private long envSteps;

    /**
     * A loop over {@code config.numEnvs()} envs from {@code envFactory}, with agent, buffer and
     * streams derived from {@code seed}; the envs are reset with {@code seed}.
     *
     * @throws IllegalArgumentException if the action space is neither a bounded Box nor Discrete
     */
    public static SacLoop create(SacConfig config, Supplier<? extends Env> envFactory, long seed) {
        Require.nonNull("config", config);
        Require.nonNull("envFactory", envFactory);
        VectorEnv envs = VectorEnv.of(config.numEnvs(), i -> envFactory.get());
        RngStream root = RngStream.of(seed);
        SacAgent agent = SacAgent.create(config, envs.obsDim(), envs.actionSpace(), root.split("init"),
                root.split("policy"));
        SacLoop loop = new SacLoop(config, envs, agent, root.split("explore"), root.split("sample"));
        System.arraycopy(envs.reset(seed), 0, loop.obs, 0, loop.obs.length);
        return loop;
    }

    private SacLoop(SacConfig config, VectorEnv envs, SacAgent agent, RngStream explore, RngStream sample) {
        this.config = config;
        this.envs = envs;
        this.agent = agent;
        this.buffer = new ReplayBuffer(config.bufferSize(), envs.obsDim(), agent.actionDim());
        this.explore = explore;
        this.sample = sample;
        this.obs = new float[envs.numEnvs() * envs.obsDim()];
        this.actions = new float[envs.numEnvs() * agent.actionDim()];
        this.envActions = new Action[envs.numEnvs()];
        this.discreteActions = new int[envs.numEnvs()];
    }

    /**
     * Runs until {@code steps} more env steps (all envs together, rounded up to whole vectorized
     * steps) are done or {@code listener.onStep} returns false.
     *
     * @return the env steps done so far in total
     * @throws IllegalStateException if a loss becomes NaN or infinite (naming it and the update)
     */
    public long run(long steps, TrainingListener listener) {
        return run(RunPlan.of(envSteps + steps), listener);
    }

    /**
     * Runs until {@code plan.totalSteps()} env steps in total (all envs together, rounded up to
     * whole vectorized steps), pausing at {@code plan.stopAt()}; checkpoints go through {@code plan}.
     * SAC has no schedule over the run's length, so only the counters decide what happens next.
     *
     * @return the env steps done so far in total
     * @throws IllegalStateException if a loss becomes NaN or infinite (naming it and the update)
     */
    public long run(RunPlan plan, TrainingListener listener) {
        Require.nonNull("plan", plan);
        Require.nonNull("listener", listener);
        int numEnvs = envs.numEnvs();
        while (envSteps < plan.totalSteps()) {
            long previous = envSteps;
            if (envSteps < config.learningStarts()) {
                randomActions();
            } else {
                agent.act(obs, explore, actions);
            }
            VectorEnv.VecStep step = step();
            buffer.add(obs, actions, step);                  // keeps the final observation of truncated episodes
            System.arraycopy(step.observations(), 0, obs, 0, obs.length); // easy to miss: advance obs
            envSteps += numEnvs;
            for (int i = 0; i < numEnvs; i++) {
                if (step.done(i)) {
                    listener.onEpisode(envSteps, step.episodeReturns()[i], step.episodeLengths()[i], step.infos().get(i));
                }
            }
            if (envSteps >= config.learningStarts() && (envSteps / numEnvs) % config.trainFrequency() == 0) {
                for (int g = 0; g < config.gradientSteps(); g++) {
                    UpdateStats stats = agent.update(buffer.sample(config.batchSize(), sample));
                    Map<String, Double> metrics = stats.metrics();
                    if (agent.actor() instanceof MoeLayer moe) {
                        metrics = new java.util.LinkedHashMap<>(metrics);
                        GateMetrics.addTo(metrics, moe); // the actor's latest forward was a training batch
                    }
                    listener.onUpdate(envSteps, metrics);
                }
            }
            boolean stop = !listener.onStep(envSteps) || plan.stopsAt(envSteps);
            plan.boundary(previous, envSteps, stop);
            if (stop) {
                break;
            }
        }
        return envSteps;
    }

    private void randomActions() {
        Space space = envs.actionSpace();
        int dim = agent.actionDim();
        for (int i = 0; i < envs.numEnvs(); i++) {
            Action a = space.sample(explore);
            if (a instanceof Action.Index index) {
                actions[i] = index.index();
            } else {
                System.arraycopy(((Action.Vector) a).values(), 0, actions, i * dim, dim);
            }
        }
    }

    private VectorEnv.VecStep step() {
        if (envs.actionSpace() instanceof Discrete) {
            for (int i = 0; i < discreteActions.length; i++) {
                discreteActions[i] = (int) actions[i];
            }
            return envs.step(discreteActions);
        }
        Box box = (Box) envs.actionSpace();
        int dim = agent.actionDim();
        for (int i = 0; i < envActions.length; i++) {
            float[] a = new float[dim];
            for (int j = 0; j < dim; j++) {
                // tanh can round to ±1 exactly and the rescaled float land a hair outside the box.
                a[j] = Math.min(box.high(j), Math.max(box.low(j), actions[i * dim + j]));
            }
            envActions[i] = Action.of(a);
        }
        return envs.step(envActions);
    }

    /**
     * The agent's deterministic actions for {@code observations [n * obsDim]} (evaluation):
     * {@code Action.Index} for a discrete space, {@code Action.Vector} inside the Box otherwise.
     */
    public Action[] act(float[] observations) {
        return agent.actGreedy(observations, envs.actionSpace());
    }

    /** Env steps done so far (all envs together). */
    public long envSteps() {
        return envSteps;
    }

    public SacAgent agent() {
        return agent;
    }

    public ReplayBuffer buffer() {
        return buffer;
    }

    public SacConfig config() {
        return config;
    }

    /**
     * A copy of the loop's state: the agent, the replay buffer, the {@code explore} and
     * {@code sample} streams, the vector env (every env's RNG and dynamics, running episode totals),
     * the env-step counter and the current observations.
     */
    public SacLoopState snapshot() {
        return new SacLoopState(SacLoopState.FORMAT_VERSION, agent.state(), buffer.state(), explore.saveState(),
                sample.saveState(), envs.saveState(), envSteps, obs);
    }

    /**
     * Restores a {@link #snapshot()} into this loop (same config and env spaces).
     *
     * @throws IllegalArgumentException if the architecture, buffer shape, env state or observation size differ
     * @throws IllegalStateException    if the snapshot's format is newer than this build reads
     */
    public void restore(SacLoopState state) {
        if (state.formatVersion() > SacLoopState.FORMAT_VERSION) {
            throw new IllegalStateException("SAC loop state format " + state.formatVersion() + ", this build reads up to "
                    + SacLoopState.FORMAT_VERSION);
        }
        if (state.observations().length != obs.length) {
            throw new IllegalArgumentException("observations of " + state.observations().length + " floats, expected "
                    + obs.length);
        }
        agent.restore(state.agent());
        buffer.restore(state.replay());
        explore.restoreState(state.exploreRng());
        sample.restoreState(state.sampleRng());
        envs.restoreState(state.envs());
        envSteps = state.envSteps();
        System.arraycopy(state.observations(), 0, obs, 0, obs.length);
    }

    @Override
    public void close() {
        envs.close();
    }
}
