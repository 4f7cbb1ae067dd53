package org.netmoe.training.checkpoint;

import org.netmoe.agents.loop.SacLoopState;
import org.netmoe.agents.sac.ReplayState;
import org.netmoe.agents.sac.SacState;
import org.netmoe.checkpoints.Checkpoint;

/**
 * A {@link SacLoopState} as checkpoint entries: {@code sac/actor.params}, {@code sac/qf1.params},
 * {@code sac/qf2.params}, {@code sac/qf1_target.params}, {@code sac/qf2_target.params},
 * {@code sac/log_alpha.params} (the entropy temperature, one float), {@code sac/adam/actor},
 * {@code sac/adam/qf1}, {@code sac/adam/qf2}, {@code sac/adam/alpha}, {@code rng/policy},
 * {@code rng/explore}, {@code rng/sample}, {@code replay}, {@code envs} and {@code loop} (format,
 * env steps, updates, current observations).
 */
public final class SacEntries {
    private static final int LOOP_FORMAT = 1;

    private SacEntries() {
    }

    /** Adds the entries of {@code s} to {@code b}. */
    public static void write(Checkpoint.Builder b, SacLoopState s) {
        SacState a = s.agent();
        b.entry("sac/actor.params", StateCodec.params(a.actor()));
        b.entry("sac/qf1.params", StateCodec.params(a.qf1().parameters()));
        b.entry("sac/qf2.params", StateCodec.params(a.qf2().parameters()));
        b.entry("sac/qf1_target.params", StateCodec.params(a.qf1Target().parameters()));
        b.entry("sac/qf2_target.params", StateCodec.params(a.qf2Target().parameters()));
        b.entry("sac/log_alpha.params", StateCodec.params(new float[] {a.logAlpha()}));
        b.entry("sac/adam/actor", StateCodec.adam(a.actorOptimizer()));
        b.entry("sac/adam/qf1", StateCodec.adam(a.qf1Optimizer()));
        b.entry("sac/adam/qf2", StateCodec.adam(a.qf2Optimizer()));
        b.entry("sac/adam/alpha", StateCodec.adam(a.alphaOptimizer()));
        b.entry("rng/policy", a.noiseRng());
        b.entry("rng/explore", s.exploreRng());
        b.entry("rng/sample", s.sampleRng());
        ReplayState r = s.replay();
        b.entry("replay", new StateCodec.Out().intValue(r.capacity()).intValue(r.obsDim()).intValue(r.actionDim())
                .intValue(r.position()).intValue(r.size()).floats(r.observations()).floats(r.nextObservations())
                .floats(r.actions()).floats(r.rewards()).booleans(r.terminated()).bytes());
        b.entry("envs", s.envs());
        b.entry("loop", new StateCodec.Out().intValue(LOOP_FORMAT).longValue(s.envSteps()).longValue(a.updates())
                .floats(s.observations()).bytes());
    }

    /**
     * The loop state stored in {@code c}, with the architecture of {@code template} (the fresh
     * loop's own snapshot).
     *
     * @throws IllegalArgumentException naming the entry that is missing, malformed or does not fit
     */
    public static SacLoopState read(Checkpoint c, SacLoopState template) {
        StateCodec.In loop = new StateCodec.In(c, "loop");
        loop.format(LOOP_FORMAT);
        long envSteps = loop.longValue();
        long updates = loop.longValue();
        float[] obs = loop.floats();
        loop.end();
        SacState t = template.agent();
        SacState agent = new SacState(StateCodec.params(c, "sac/actor.params", t.actor().length),
                StateCodec.network(c, "sac/qf1.params", t.qf1()), StateCodec.network(c, "sac/qf2.params", t.qf2()),
                StateCodec.network(c, "sac/qf1_target.params", t.qf1Target()),
                StateCodec.network(c, "sac/qf2_target.params", t.qf2Target()),
                StateCodec.adam(c, "sac/adam/actor"), StateCodec.adam(c, "sac/adam/qf1"),
                StateCodec.adam(c, "sac/adam/qf2"), StateCodec.adam(c, "sac/adam/alpha"),
                StateCodec.params(c, "sac/log_alpha.params", 1)[0], c.entry("rng/policy"), updates);
        StateCodec.In r = new StateCodec.In(c, "replay");
        ReplayState replay = new ReplayState(r.intValue(), r.intValue(), r.intValue(), r.intValue(), r.intValue(),
                r.floats(), r.floats(), r.floats(), r.floats(), r.booleans());
        r.end();
        return new SacLoopState(SacLoopState.FORMAT_VERSION, agent, replay, c.entry("rng/explore"),
                c.entry("rng/sample"), c.entry("envs"), envSteps, obs);
    }
}
