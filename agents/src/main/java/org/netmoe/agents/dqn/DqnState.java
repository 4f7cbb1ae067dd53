package org.netmoe.agents.dqn;

import org.netmoe.moe.nn.AdamState;
import org.netmoe.moe.nn.NetworkState;

/** Everything a {@link Dqn} needs to continue exactly: both networks, the optimizer and the update count. */
public record DqnState(NetworkState online, NetworkState target, AdamState optimizer, long updates) {
    public DqnState {
        if (online == null || target == null || optimizer == null) {
            throw new IllegalArgumentException("online, target and optimizer states are required");
        }
        if (updates < 0) {
            throw new IllegalArgumentException("updates must be >= 0, was " + updates);
        }
    }
}
