package org.netmoe.agents.loop;

import org.apache.commons.rng.UniformRandomProvider;
import org.netmoe.agents.buffer.ReplayBatch;
import org.netmoe.agents.sac.SacAgent;
import org.netmoe.agents.sac.SacConfig;
import org.netmoe.agents.sac.SacState;
import org.netmoe.envs.VectorEnv;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Space;
import org.netmoe.moe.layer.MoeLayer;

/**
 * A {@link SacAgent} (continuous or discrete) as an {@link OffPolicyAgent}: uniformly random actions
 * from the action space during the warm-up of {@link SacConfig#learningStarts()} env steps, then
 * actions sampled from π; each update reports {@code sac.UpdateStats} (and the gate metrics of an
 * MoE actor, whose latest forward was the training batch).
 */
public final class SacLearner implements OffPolicyAgent<SacState> {
    private final SacConfig config;
    private final SacAgent agent;
    private final Space actionSpace;

    private SacLearner(SacConfig config, SacAgent agent, Space actionSpace) {
        this.config = config;
        this.agent = agent;
        this.actionSpace = actionSpace;
    }

    /** A fresh agent for {@code envs}: parameters from {@code initRng}, policy noise from {@code noiseRng}. */
    static SacLearner create(SacConfig config, VectorEnv envs, RngStream initRng, RngStream noiseRng) {
        return new SacLearner(config, SacAgent.create(config, envs.obsDim(), envs.actionSpace(), initRng, noiseRng),
                envs.actionSpace());
    }

    @Override
    public int actionDim() {
        return agent.actionDim();
    }

    @Override
    public void act(float[] observations, long envSteps, long totalSteps, UniformRandomProvider explore,
                    float[] actions) {
        if (envSteps >= config.learningStarts()) {
            agent.act(observations, explore, actions);
            return;
        }
        int dim = agent.actionDim();
        for (int i = 0; i < actions.length / dim; i++) {
            Action a = actionSpace.sample(explore);
            if (a instanceof Action.Index index) {
                actions[i] = index.index();
            } else {
                System.arraycopy(((Action.Vector) a).values(), 0, actions, i * dim, dim);
            }
        }
    }

    @Override
    public Metrics update(ReplayBatch batch, long envSteps, long totalSteps) {
        Metrics stats = agent.update(batch)::forEach;
        return agent.actor() instanceof MoeLayer moe ? stats.and(GateMetrics.of(moe)) : stats;
    }

    @Override
    public Action[] actGreedy(float[] observations) {
        return agent.actGreedy(observations, actionSpace);
    }

    @Override
    public long updates() {
        return agent.updates();
    }

    /** The trained agent. */
    public SacAgent agent() {
        return agent;
    }

    @Override
    public SacState snapshot() {
        return agent.state();
    }

    @Override
    public void restore(SacState snapshot) {
        agent.restore(snapshot);
    }
}
