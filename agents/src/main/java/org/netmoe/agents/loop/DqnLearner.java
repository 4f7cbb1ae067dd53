package org.netmoe.agents.loop;

import java.util.function.ObjDoubleConsumer;
import org.apache.commons.rng.UniformRandomProvider;
import org.netmoe.agents.buffer.ReplayBatch;
import org.netmoe.agents.dqn.Dqn;
import org.netmoe.agents.dqn.DqnConfig;
import org.netmoe.agents.dqn.DqnState;
import org.netmoe.envs.VectorEnv;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Discrete;

/**
 * {@link Dqn} as an {@link OffPolicyAgent}: ε-greedy acting with ε = 1 during the warm-up of
 * {@link DqnConfig#learningStarts()} env steps, then the linear ε schedule over the run; one
 * gradient step per {@link #update}, reported as {@code train/loss}, {@code train/q_mean} and
 * {@code train/epsilon}.
 */
public final class DqnLearner implements OffPolicyAgent<DqnState> {
    /** ε = 0 never draws. */
    private static final RngStream NO_DRAWS = RngStream.of(0);
    private final DqnConfig config;
    private final Dqn dqn;

    private DqnLearner(DqnConfig config, Dqn dqn) {
        this.config = config;
        this.dqn = dqn;
    }

    /**
     * A fresh DQN for {@code envs}, parameters drawn from {@code initRng}.
     *
     * @throws IllegalArgumentException if the action space is not {@link Discrete}
     */
    static DqnLearner create(DqnConfig config, VectorEnv envs, UniformRandomProvider initRng) {
        if (!(envs.actionSpace() instanceof Discrete d)) {
            throw new IllegalArgumentException("dqn needs a Discrete action space, the env has " + envs.actionSpace());
        }
        return new DqnLearner(config, new Dqn(config, envs.obsDim(), d.n(), initRng));
    }

    /** One update's metrics. */
    record Stats(double loss, double qMean, double epsilon) implements Metrics {
        @Override
        public void forEach(ObjDoubleConsumer<String> sink) {
            sink.accept("train/loss", loss);
            sink.accept("train/q_mean", qMean);
            sink.accept("train/epsilon", epsilon);
        }
    }

    private double epsilon(long envSteps, long totalSteps) {
        return envSteps < config.learningStarts() ? 1.0 : config.epsilon().valueAt(envSteps, totalSteps);
    }

    @Override
    public int actionDim() {
        return 1;
    }

    @Override
    public void act(float[] observations, long envSteps, long totalSteps, UniformRandomProvider explore,
                    float[] actions) {
        int[] chosen = dqn.act(observations, epsilon(envSteps, totalSteps), explore);
        for (int i = 0; i < chosen.length; i++) {
            actions[i] = chosen[i];
        }
    }

    @Override
    public Metrics update(ReplayBatch batch, long envSteps, long totalSteps) {
        var stats = dqn.update(batch);
        return new Stats(stats.loss(), stats.qMean(), epsilon(envSteps, totalSteps));
    }

    @Override
    public Action[] actGreedy(float[] observations) {
        int[] chosen = dqn.act(observations, 0.0, NO_DRAWS);
        Action[] result = new Action[chosen.length];
        for (int i = 0; i < chosen.length; i++) {
            result[i] = Action.of(chosen[i]);
        }
        return result;
    }

    @Override
    public long updates() {
        return dqn.updates();
    }

    /** The trained agent. */
    public Dqn dqn() {
        return dqn;
    }

    @Override
    public DqnState snapshot() {
        return dqn.state();
    }

    @Override
    public void restore(DqnState snapshot) {
        dqn.restore(snapshot);
    }
}
