package org.netmoe.agents.diffusion;

import java.util.List;
import org.netmoe.moe.nn.AdamState;
import org.netmoe.moe.nn.NetworkState;

/**
 * Everything a {@link DoubleCritic} changes while it learns, indexed by critic (0 for Q_1, 1 for Q_2): the
 * online networks, their Polyak targets and their Adam states (whose step count is the update count).
 */
public record DoubleCriticState(List<NetworkState> q, List<NetworkState> target, List<AdamState> optimizer) {
    public DoubleCriticState {
        if (q == null || q.size() != 2 || target == null || target.size() != 2 || optimizer == null
                || optimizer.size() != 2) {
            throw new IllegalArgumentException("a double critic state holds two Q networks, two targets and two"
                    + " optimizer states");
        }
        q = List.copyOf(q);
        target = List.copyOf(target);
        optimizer = List.copyOf(optimizer);
    }
}
