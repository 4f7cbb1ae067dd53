package org.netmoe.agents.loop;

import java.util.Map;
import java.util.function.Supplier;
import org.netmoe.agents.dqn.Dqn;
import org.netmoe.agents.dqn.DqnConfig;
import org.netmoe.agents.dqn.ReplayBuffer;
import org.netmoe.agents.dqn.UpdateStats;
import org.netmoe.envs.Env;
import org.netmoe.envs.Require;
import org.netmoe.envs.VectorEnv;
import org.netmoe.envs.rng.RngStream;
import org.netmoe.envs.space.Discrete;

/**
 * DQN's off-policy loop (CleanRL {@code dqn.py} order): ε schedule → act on all envs → step →
 * store → every {@code trainFrequency} vector steps past {@code learningStarts}, {@code gradientSteps}
 * updates (the target update happens inside {@link Dqn#update}). The run's seed is split into the
 * streams {@code init} (network), {@code explore} (ε decisions and random actions), {@code sample}
 * (replay sampling) and the envs' own {@code env/i}.
 *
 * <p><b>Resume.</b> {@link #snapshot()} between two vector steps (e.g. in a {@link RunPlan}'s save
 * hook) and {@link #restore} into a fresh loop of the same config continue the run bit-identically
 * on the CPU backend.
 */
public final class DqnLoop implements AutoCloseable {
    private final DqnConfig config;
    private final VectorEnv envs;
    private final Dqn dqn;
    private final ReplayBuffer buffer;
    private final RngStream explore;
    private final RngStream sample;
    private final long seed;
    private final float[] obs;
    private boolean started;
    private long envSteps;
    private long iterations;
    private long episodes;

    /**
     * @param envFactory makes the envs; their action space must be {@link Discrete}
     * @param numEnvs    envs stepped in lock-step, {@code > 0}
     */
    public DqnLoop(DqnConfig config, Supplier<? extends Env> envFactory, int numEnvs, long seed) {
        this.config = Require.nonNull("config", config);
        Require.positive("numEnvs", numEnvs);
        this.envs = VectorEnv.of(numEnvs, i -> envFactory.get());
        if (!(envs.actionSpace() instanceof Discrete d)) {
            envs.close();
            throw new IllegalArgumentException("dqn needs a Discrete action space, the env has " + envs.actionSpace());
        }
        RngStream root = RngStream.of(seed);
        this.seed = seed;
        this.dqn = new Dqn(config, envs.obsDim(), d.n(), root.split("init"));
        this.buffer = new ReplayBuffer(config.bufferSize(), envs.obsDim());
        this.explore = root.split("explore");
        this.sample = root.split("sample");
        this.obs = new float[numEnvs * envs.obsDim()];
    }

    /** What a call of {@link #run} did: counters over the whole run so far, wall time of this call. */
    public record Result(long envSteps, long episodes, long updates, double wallSeconds) {
    }

    /** Trains for {@code totalSteps} env steps (all envs together), reporting through {@code listener}. */
    public Result run(long totalSteps, TrainingListener listener) {
        return run(RunPlan.of(totalSteps), listener);
    }

    /**
     * Trains until {@code plan.totalSteps()}, or pauses at {@code plan.stopAt()}, continuing from the
     * counters (a restored loop picks up where it stopped); checkpoints go through {@code plan}.
     */
    public Result run(RunPlan plan, TrainingListener listener) {
        Require.nonNull("plan", plan);
        Require.nonNull("listener", listener);
        long totalSteps = plan.totalSteps();
        int n = envs.numEnvs();
        long start = System.nanoTime();
        if (!started) {
            System.arraycopy(envs.reset(seed), 0, obs, 0, obs.length);
            started = true;
        }
        while (envSteps < totalSteps) {
            long previous = envSteps;
            long iteration = iterations++;
            double epsilon = envSteps < config.learningStarts() ? 1.0 : config.epsilon().valueAt(envSteps, totalSteps);
            int[] actions = dqn.act(obs, epsilon, explore);
            VectorEnv.VecStep s = envs.step(actions);
            buffer.add(obs, actions, s); // keeps the final observation of finished episodes as s'
            // Easy to miss: advance obs (copied: the vector env reuses its buffer).
            System.arraycopy(s.observations(), 0, obs, 0, obs.length);
            envSteps += n;
            for (int i = 0; i < n; i++) {
                if (s.done(i)) {
                    episodes++;
                    listener.onEpisode(envSteps, s.episodeReturns()[i], s.episodeLengths()[i], s.infos().get(i));
                }
            }
            if (envSteps > config.learningStarts() && iteration % config.trainFrequency() == 0) {
                for (int g = 0; g < config.gradientSteps(); g++) {
                    UpdateStats stats = dqn.update(buffer.sample(config.batchSize(), sample));
                    listener.onUpdate(envSteps, Map.of("train/loss", stats.loss(), "train/q_mean", stats.qMean(),
                            "train/epsilon", epsilon));
                }
            }
            boolean stop = !listener.onStep(envSteps) || plan.stopsAt(envSteps);
            plan.boundary(previous, envSteps, stop);
            if (stop) {
                break;
            }
        }
        return new Result(envSteps, episodes, dqn.updates(), (System.nanoTime() - start) / 1e9);
    }

    /** Env steps done so far (all envs together). */
    public long envSteps() {
        return envSteps;
    }

    /** The loop's complete state between two vector steps. */
    public DqnLoopState snapshot() {
        return new DqnLoopState(DqnLoopState.FORMAT_VERSION, dqn.state(), buffer.state(), explore.saveState(),
                sample.saveState(), started ? envs.saveState() : new byte[0], started ? obs : new float[0], envSteps,
                iterations, episodes);
    }

    /**
     * Restores a {@link #snapshot()} of a loop with the same config, env kind and number of envs.
     *
     * @throws IllegalArgumentException if the architecture, buffer shape, env state or observation size differ
     * @throws IllegalStateException    if the snapshot's format is newer than this build reads
     */
    public void restore(DqnLoopState state) {
        if (state.formatVersion() > DqnLoopState.FORMAT_VERSION) {
            throw new IllegalStateException("DQN loop state format " + state.formatVersion()
                    + ", this build reads up to " + DqnLoopState.FORMAT_VERSION);
        }
        float[] o = state.observations();
        boolean wasStarted = o.length != 0;
        if (wasStarted && o.length != obs.length) {
            throw new IllegalArgumentException("observations of " + o.length + " floats, expected " + obs.length);
        }
        dqn.restore(state.dqn());
        buffer.restore(state.replay());
        explore.restoreState(state.exploreRng());
        sample.restoreState(state.sampleRng());
        if (wasStarted) {
            envs.restoreState(state.envs());
            System.arraycopy(o, 0, obs, 0, obs.length);
        }
        started = wasStarted;
        envSteps = state.envSteps();
        iterations = state.iterations();
        episodes = state.episodes();
    }

    /** The trained agent. */
    public Dqn dqn() {
        return dqn;
    }

    @Override
    public void close() {
        envs.close();
    }
}
