package org.netmoe.agents.loop;

import java.util.function.Function;
import java.util.function.Supplier;
import org.netmoe.agents.buffer.ReplayBuffer;
import org.netmoe.agents.dqn.DqnConfig;
import org.netmoe.agents.dqn.DqnState;
import org.netmoe.agents.sac.SacConfig;
import org.netmoe.agents.sac.SacState;
import org.netmoe.envs.Env;
import org.netmoe.core.Require;
import org.netmoe.envs.VectorEnv;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.Discrete;

/**
 * The one off-policy loop (CleanRL {@code dqn.py} / {@code sac_continuous_action.py}; SB3
 * {@code OffPolicyAlgorithm.learn}) for every {@link OffPolicyAgent}: act on all envs (warm-up
 * actions before {@code learningStarts}) → step → store → advance obs → after the vector steps the
 * {@link UpdateSchedule} names, {@code gradientSteps} updates on batches sampled from the one
 * {@link ReplayBuffer}.
 *
 * <p><b>Randomness.</b> One root seed is split into {@code init} (parameters), the learner's own
 * streams (SAC: {@code policy}), {@code explore} (acting and warm-up), {@code sample} (minibatches);
 * env {@code i} gets {@code deriveSeed(seed, "env/" + i)}. The same seed gives bit-identical runs,
 * and {@link #snapshot()}/{@link #restore} continue them bit-identically, on the CPU backend.
 *
 * @param <S> the learner's snapshot record
 * @param <A> the learner
 */
public final class OffPolicyLoop<S, A extends OffPolicyAgent<S>> implements TrainingLoop<OffPolicySnapshot<S>> {
    private final VectorEnv envs;
    private final A agent;
    private final UpdateSchedule schedule;
    private final ReplayBuffer buffer;
    private final RngStream explore;
    private final RngStream sample;
    private final float[] obs;
    private final float[] actions;
    private final Action[] envActions;
    private final int[] discreteActions;
    private long envSteps;
    private long vectorSteps;
    private long episodes;

    /**
     * A loop over {@code envs} (already made, reset here with {@code seed}) and the learner
     * {@code agentFactory} builds for them, with a replay of {@code bufferSize} transitions.
     */
    private OffPolicyLoop(VectorEnv envs, Function<VectorEnv, A> agentFactory,
                          UpdateSchedule schedule, int bufferSize, RngStream root, long seed) {
        this.envs = envs;
        try {
            this.agent = agentFactory.apply(envs);
            this.schedule = Require.nonNull("schedule", schedule);
            this.buffer = new ReplayBuffer(bufferSize, envs.obsDim(), agent.actionDim());
        } catch (RuntimeException e) {
            envs.close();
            throw e;
        }
        this.explore = root.split("explore");
        this.sample = root.split("sample");
        this.obs = new float[envs.numEnvs() * envs.obsDim()];
        this.actions = new float[envs.numEnvs() * agent.actionDim()];
        this.envActions = new Action[envs.numEnvs()];
        this.discreteActions = new int[envs.numEnvs()];
        System.arraycopy(envs.reset(seed), 0, obs, 0, obs.length);
    }

    /**
     * DQN on {@link DqnConfig#numEnvs()} envs from {@code envFactory}, whose action space must be
     * {@link Discrete}.
     *
     * @throws IllegalArgumentException if it is not
     */
    public static OffPolicyLoop<DqnState, DqnLearner> dqn(DqnConfig config,
                                                                     Supplier<? extends Env> envFactory, long seed) {
        Require.nonNull("config", config);
        RngStream root = RngStream.of(seed);
        return new OffPolicyLoop<>(vectorEnv(config.numEnvs(), envFactory),
                envs -> DqnLearner.create(config, envs, root.split("init")),
                new UpdateSchedule(config.learningStarts() + 1, config.trainFrequency(), config.gradientSteps(),
                        config.batchSize()),
                config.bufferSize(), root, seed);
    }

    /**
     * SAC on {@link SacConfig#numEnvs()} envs from {@code envFactory}: continuous for a bounded Box,
     * discrete for a Discrete action space.
     *
     * @throws IllegalArgumentException for another action space
     */
    public static OffPolicyLoop<SacState, SacLearner> sac(SacConfig config,
                                                                     Supplier<? extends Env> envFactory, long seed) {
        Require.nonNull("config", config);
        RngStream root = RngStream.of(seed);
        return new OffPolicyLoop<>(vectorEnv(config.numEnvs(), envFactory),
                envs -> SacLearner.create(config, envs, root.split("init"), root.split("policy")),
                new UpdateSchedule(config.learningStarts(), config.trainFrequency(), config.gradientSteps(),
                        config.batchSize()),
                config.bufferSize(), root, seed);
    }

    private static VectorEnv vectorEnv(int numEnvs, Supplier<? extends Env> envFactory) {
        Require.nonNull("envFactory", envFactory);
        return VectorEnv.of(Require.positive("numEnvs", numEnvs), i -> envFactory.get());
    }

    @Override
    public LoopResult run(RunPlan plan, TrainingListener listener) {
        Require.nonNull("plan", plan);
        Require.nonNull("listener", listener);
        long totalSteps = plan.totalSteps();
        long start = System.nanoTime();
        int n = envs.numEnvs();
        while (envSteps < totalSteps) {
            long previous = envSteps;
            agent.act(obs, envSteps, totalSteps, explore, actions);
            VectorEnv.VecStep step = step();
            buffer.add(obs, actions, step); // keeps the final observation of finished episodes as s'
            // Easy to miss: advance obs (copied: the vector env reuses its buffer).
            System.arraycopy(step.observations(), 0, obs, 0, obs.length);
            envSteps += n;
            vectorSteps++;
            for (int i = 0; i < n; i++) {
                if (step.done(i)) {
                    episodes++;
                    listener.onEpisode(envSteps, step.episodeReturns()[i], step.episodeLengths()[i],
                            step.infos().get(i));
                }
            }
            if (schedule.updatesAfter(vectorSteps, envSteps)) {
                for (int g = 0; g < schedule.gradientSteps(); g++) {
                    listener.onUpdate(envSteps, agent.update(buffer.sample(schedule.batchSize(), sample), previous,
                            totalSteps));
                }
            }
            boolean stop = !listener.onStep(envSteps) || plan.stopsAt(envSteps);
            plan.boundary(previous, envSteps, stop);
            if (stop) {
                break;
            }
        }
        return new LoopResult(envSteps, agent.updates(), (System.nanoTime() - start) / 1e9, envSteps >= totalSteps);
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

    @Override
    public Action[] act(float[] observations) {
        return agent.actGreedy(observations);
    }

    @Override
    public long envSteps() {
        return envSteps;
    }

    /** The learner. */
    public A agent() {
        return agent;
    }

    public ReplayBuffer buffer() {
        return buffer;
    }

    @Override
    public OffPolicySnapshot<S> snapshot() {
        return new OffPolicySnapshot<>(OffPolicySnapshot.FORMAT_VERSION, agent.snapshot(), buffer.state(),
                explore.saveState(), sample.saveState(), envs.saveState(), obs.clone(), envSteps, vectorSteps, episodes);
    }

    @Override
    public void restore(OffPolicySnapshot<S> state) {
        if (state.formatVersion() > OffPolicySnapshot.FORMAT_VERSION) {
            throw new IllegalStateException("off-policy loop state format " + state.formatVersion()
                    + ", this build reads up to " + OffPolicySnapshot.FORMAT_VERSION);
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
        System.arraycopy(state.observations(), 0, obs, 0, obs.length);
        envSteps = state.envSteps();
        vectorSteps = state.vectorSteps();
        episodes = state.episodes();
    }

    @Override
    public void close() {
        envs.close();
    }
}
