package org.netmoe.training.checkpoint;

import org.netmoe.agents.buffer.ReplayState;
import org.netmoe.agents.dqn.DqnState;
import org.netmoe.agents.loop.OffPolicySnapshot;
import org.netmoe.agents.sac.SacState;
import org.netmoe.checkpoints.Checkpoint;

/**
 * An {@link OffPolicySnapshot} as checkpoint entries: the learner's own (see {@link DqnEntries},
 * {@link SacEntries}), {@code replay}, {@code rng/explore}, {@code rng/sample}, {@code envs} and
 * {@code loop}.
 *
 * <p><b>Formats.</b> The {@code loop} entry starts with its format. Format 2 (written by this
 * build, for every learner): env steps, vector steps, episodes, updates, current observations; its
 * {@code replay} is the one {@link ReplayState} layout (capacity, obsDim, actionDim, position, size,
 * observations, next observations, actions as floats, rewards, terminated). Format 1 was written
 * per agent before the loops were unified and is still read: DQN's {@code loop} had format 2's
 * fields and its {@code replay} no actionDim and int actions; SAC's {@code loop} had env steps,
 * updates and observations (vector steps = env steps / numEnvs, episodes from the checkpoint's
 * {@code episodes} counter) and its {@code replay} the layout of format 2.
 *
 * @param <S> the learner's snapshot record
 */
public final class OffPolicyEntries<S> implements LoopEntries<OffPolicySnapshot<S>> {
    /** DQN's entries. */
    public static final OffPolicyEntries<DqnState> DQN = new OffPolicyEntries<>(new DqnEntries(), Legacy.DQN);
    /** SAC's entries (continuous and discrete). */
    public static final OffPolicyEntries<SacState> SAC = new OffPolicyEntries<>(new SacEntries(), Legacy.SAC);

    private static final int LOOP_FORMAT = 2;
    /** The checkpoint counter holding the finished episodes (written by the trainer's listener). */
    private static final String EPISODES_COUNTER = "episodes";

    /** A learner's own entries. */
    interface AgentEntries<S> {
        void write(Checkpoint.Builder b, S snapshot);

        /** The learner's snapshot, shaped like {@code template}, with {@code updates} gradient steps. */
        S read(Checkpoint c, S template, long updates);

        long updates(S snapshot);
    }

    /** How format 1 was laid out for this learner. */
    private enum Legacy { DQN, SAC }

    private final AgentEntries<S> agent;
    private final Legacy legacy;

    private OffPolicyEntries(AgentEntries<S> agent, Legacy legacy) {
        this.agent = agent;
        this.legacy = legacy;
    }

    @Override
    public void write(Checkpoint.Builder b, OffPolicySnapshot<S> s) {
        agent.write(b, s.agent());
        b.entry("rng/explore", s.exploreRng());
        b.entry("rng/sample", s.sampleRng());
        b.entry("replay", replayBytes(s.replay()));
        b.entry("envs", s.envs());
        b.entry("loop", new StateCodec.Out().intValue(LOOP_FORMAT).longValue(s.envSteps()).longValue(s.vectorSteps())
                .longValue(s.episodes()).longValue(agent.updates(s.agent())).floats(s.observations()).bytes());
    }

    @Override
    public OffPolicySnapshot<S> read(Checkpoint c, OffPolicySnapshot<S> template) {
        StateCodec.In loop = new StateCodec.In(c, "loop");
        int format = loop.format(LOOP_FORMAT);
        boolean sacV1 = format == 1 && legacy == Legacy.SAC;
        long envSteps = loop.longValue();
        long vectorSteps = sacV1 ? -1 : loop.longValue();
        long episodes = sacV1 ? c.counter(EPISODES_COUNTER) : loop.longValue();
        long updates = loop.longValue();
        float[] obs = loop.floats();
        loop.end();
        ReplayState replay = format == 1 && legacy == Legacy.DQN ? dqnReplayV1(c) : replay(c);
        if (sacV1) {
            int numEnvs = obs.length / replay.obsDim();
            vectorSteps = envSteps / numEnvs;
        }
        return new OffPolicySnapshot<>(OffPolicySnapshot.FORMAT_VERSION, agent.read(c, template.agent(), updates),
                replay, c.entry("rng/explore"), c.entry("rng/sample"), c.entry("envs"), obs, envSteps, vectorSteps,
                episodes);
    }

    /** The one replay layout: capacity, obsDim, actionDim, position, size, then the arrays. */
    public static byte[] replayBytes(ReplayState r) {
        return new StateCodec.Out().intValue(r.capacity()).intValue(r.obsDim()).intValue(r.actionDim())
                .intValue(r.position()).intValue(r.size()).floats(r.observations()).floats(r.nextObservations())
                .floats(r.actions()).floats(r.rewards()).booleans(r.terminated()).bytes();
    }

    private static ReplayState replay(Checkpoint c) {
        return replay(c, "replay");
    }

    /** Reads entry {@code name} written by {@link #replayBytes}. */
    public static ReplayState replay(Checkpoint c, String name) {
        StateCodec.In r = new StateCodec.In(c, name);
        ReplayState replay = new ReplayState(r.intValue(), r.intValue(), r.intValue(), r.intValue(), r.intValue(),
                r.floats(), r.floats(), r.floats(), r.floats(), r.booleans());
        r.end();
        return replay;
    }

    /** DQN's format-1 replay: no actionDim, actions as ints. */
    private static ReplayState dqnReplayV1(Checkpoint c) {
        StateCodec.In r = new StateCodec.In(c, "replay");
        int capacity = r.intValue();
        int obsDim = r.intValue();
        int position = r.intValue();
        int size = r.intValue();
        float[] observations = r.floats();
        float[] next = r.floats();
        int[] indices = r.ints();
        float[] actions = new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            actions[i] = indices[i];
        }
        ReplayState replay = new ReplayState(capacity, obsDim, 1, position, size, observations, next, actions,
                r.floats(), r.booleans());
        r.end();
        return replay;
    }
}
