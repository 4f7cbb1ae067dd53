package org.netmoe.training.checkpoint;

import org.netmoe.agents.sac.SacState;
import org.netmoe.checkpoints.Checkpoint;

/**
 * SAC's own entries: {@code sac/actor.params}, {@code sac/qf1.params}, {@code sac/qf2.params},
 * {@code sac/qf1_target.params}, {@code sac/qf2_target.params}, {@code sac/log_alpha.params} (the
 * entropy temperature, one float), {@code sac/adam/actor}, {@code sac/adam/qf1},
 * {@code sac/adam/qf2}, {@code sac/adam/alpha} and {@code rng/policy}.
 */
final class SacEntries implements OffPolicyEntries.AgentEntries<SacState> {
    @Override
    public void write(Checkpoint.Builder b, SacState a) {
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
    }

    @Override
    public SacState read(Checkpoint c, SacState t, long updates) {
        return new SacState(StateCodec.params(c, "sac/actor.params", t.actor().length),
                StateCodec.network(c, "sac/qf1.params", t.qf1()), StateCodec.network(c, "sac/qf2.params", t.qf2()),
                StateCodec.network(c, "sac/qf1_target.params", t.qf1Target()),
                StateCodec.network(c, "sac/qf2_target.params", t.qf2Target()),
                StateCodec.adam(c, "sac/adam/actor"), StateCodec.adam(c, "sac/adam/qf1"),
                StateCodec.adam(c, "sac/adam/qf2"), StateCodec.adam(c, "sac/adam/alpha"),
                StateCodec.params(c, "sac/log_alpha.params", 1)[0], c.entry("rng/policy"), updates);
    }

    @Override
    public long updates(SacState s) {
        return s.updates();
    }
}
