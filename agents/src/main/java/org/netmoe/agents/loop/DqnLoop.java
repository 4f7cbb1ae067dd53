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
 */
public final class DqnLoop implements AutoCloseable {
    private final DqnConfig config;
    private final VectorEnv envs;
    private final Dqn dqn;
    private final ReplayBuffer buffer;
    private final RngStream explore;
    private final RngStream sample;
    private final long seed;

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
    }

    /** What a finished run did. */
    public record Result(long envSteps, long episodes, long updates, double wallSeconds) {
    }

    /** Trains for {@code totalSteps} env steps (all envs together), reporting through {@code listener}. */
    public Result run(long totalSteps, TrainingListener listener) {
        Require.positive("totalSteps", totalSteps);
        int n = envs.numEnvs();
        long start = System.nanoTime();
        long episodes = 0;
        float[] obs = envs.reset(seed).clone();
        long step = 0;
        for (long iteration = 0; step < totalSteps; iteration++) {
            double epsilon = step < config.learningStarts() ? 1.0 : config.epsilon().valueAt(step, totalSteps);
            int[] actions = dqn.act(obs, epsilon, explore);
            VectorEnv.VecStep s = envs.step(actions);
            buffer.add(obs, actions, s); // keeps the final observation of finished episodes as s'
            // Easy to miss: advance obs (copied: the vector env reuses its buffer).
            System.arraycopy(s.observations(), 0, obs, 0, obs.length);
            step += n;
            for (int i = 0; i < n; i++) {
                if (s.done(i)) {
                    episodes++;
                    listener.onEpisode(step, s.episodeReturns()[i], s.episodeLengths()[i], s.infos().get(i));
                }
            }
            if (step > config.learningStarts() && iteration % config.trainFrequency() == 0) {
                for (int g = 0; g < config.gradientSteps(); g++) {
                    UpdateStats stats = dqn.update(buffer.sample(config.batchSize(), sample));
                    listener.onUpdate(step, Map.of("train/loss", stats.loss(), "train/q_mean", stats.qMean(),
                            "train/epsilon", epsilon));
                }
            }
            if (!listener.onStep(step)) {
                break;
            }
        }
        return new Result(step, episodes, dqn.updates(), (System.nanoTime() - start) / 1e9);
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
