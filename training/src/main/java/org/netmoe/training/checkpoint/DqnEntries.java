package org.netmoe.training.checkpoint;

import org.netmoe.agents.dqn.DqnState;
import org.netmoe.agents.dqn.ReplayState;
import org.netmoe.agents.loop.DqnLoopState;
import org.netmoe.checkpoints.Checkpoint;

/**
 * A {@link DqnLoopState} as checkpoint entries: {@code dqn/online.params}, {@code dqn/target.params},
 * {@code dqn/adam}, {@code replay}, {@code rng/explore}, {@code rng/sample}, {@code envs} and
 * {@code loop} (format, env steps, iterations, episodes, updates, current observations).
 */
public final class DqnEntries {
    private static final int LOOP_FORMAT = 1;

    private DqnEntries() {
    }

    /** Adds the entries of {@code s} to {@code b}. */
    public static void write(Checkpoint.Builder b, DqnLoopState s) {
        b.entry("dqn/online.params", StateCodec.params(s.dqn().online().parameters()));
        b.entry("dqn/target.params", StateCodec.params(s.dqn().target().parameters()));
        b.entry("dqn/adam", StateCodec.adam(s.dqn().optimizer()));
        ReplayState r = s.replay();
        b.entry("replay", new StateCodec.Out().intValue(r.capacity()).intValue(r.obsDim()).intValue(r.position())
                .intValue(r.size()).floats(r.observations()).floats(r.nextObservations()).ints(r.actions())
                .floats(r.rewards()).booleans(r.terminated()).bytes());
        b.entry("rng/explore", s.exploreRng());
        b.entry("rng/sample", s.sampleRng());
        b.entry("envs", s.envs());
        b.entry("loop", new StateCodec.Out().intValue(LOOP_FORMAT).longValue(s.envSteps()).longValue(s.iterations())
                .longValue(s.episodes()).longValue(s.dqn().updates()).floats(s.observations()).bytes());
    }

    /**
     * The loop state stored in {@code c}, with the architecture of {@code template} (the fresh
     * loop's own snapshot).
     *
     * @throws IllegalArgumentException naming the entry that is missing, malformed or does not fit
     */
    public static DqnLoopState read(Checkpoint c, DqnLoopState template) {
        StateCodec.In loop = new StateCodec.In(c, "loop");
        loop.format(LOOP_FORMAT);
        long envSteps = loop.longValue();
        long iterations = loop.longValue();
        long episodes = loop.longValue();
        long updates = loop.longValue();
        float[] obs = loop.floats();
        loop.end();
        DqnState dqn = new DqnState(StateCodec.network(c, "dqn/online.params", template.dqn().online()),
                StateCodec.network(c, "dqn/target.params", template.dqn().target()),
                StateCodec.adam(c, "dqn/adam"), updates);
        StateCodec.In r = new StateCodec.In(c, "replay");
        ReplayState replay = new ReplayState(r.intValue(), r.intValue(), r.intValue(), r.intValue(), r.floats(),
                r.floats(), r.ints(), r.floats(), r.booleans());
        r.end();
        return new DqnLoopState(DqnLoopState.FORMAT_VERSION, dqn, replay, c.entry("rng/explore"),
                c.entry("rng/sample"), c.entry("envs"), obs, envSteps, iterations, episodes);
    }
}
