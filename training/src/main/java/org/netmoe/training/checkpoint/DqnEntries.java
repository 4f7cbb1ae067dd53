package org.netmoe.training.checkpoint;

import org.netmoe.agents.dqn.DqnState;
import org.netmoe.checkpoints.Checkpoint;

/** DQN's own entries: {@code dqn/online.params}, {@code dqn/target.params}, {@code dqn/adam}. */
final class DqnEntries implements OffPolicyEntries.AgentEntries<DqnState> {
    @Override
    public void write(Checkpoint.Builder b, DqnState s) {
        b.entry("dqn/online.params", StateCodec.params(s.online().parameters()));
        b.entry("dqn/target.params", StateCodec.params(s.target().parameters()));
        b.entry("dqn/adam", StateCodec.adam(s.optimizer()));
    }

    @Override
    public DqnState read(Checkpoint c, DqnState template, long updates) {
        return new DqnState(StateCodec.network(c, "dqn/online.params", template.online()),
                StateCodec.network(c, "dqn/target.params", template.target()), StateCodec.adam(c, "dqn/adam"), updates);
    }

    @Override
    public long updates(DqnState s) {
        return s.updates();
    }
}
