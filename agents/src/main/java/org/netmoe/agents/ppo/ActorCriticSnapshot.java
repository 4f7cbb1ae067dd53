package org.netmoe.agents.ppo;

import java.util.Arrays;
import org.netmoe.core.ArrayRecords;

/**
 * Every parameter of an {@link ActorCritic}: the actor's and critic's flat parameter vectors (in
 * their {@link org.netmoe.moe.nn.Network#parameters()} layout) and the Gaussian log-std (empty
 * for discrete actions).
 * Holds its arrays without copying, and is a value by content ({@link ArrayRecords}).
 */
public record ActorCriticSnapshot(float[] actor, float[] critic, float[] logStd) {
    public ActorCriticSnapshot {
        if (actor == null || critic == null || logStd == null) {
            throw new IllegalArgumentException("actor, critic and logStd parameters are required");
        }
    }

    @Override public boolean equals(Object o) { return ArrayRecords.equals(this, o); }

    @Override public int hashCode() { return ArrayRecords.hashCode(this); }

    @Override
    public String toString() {
        return "ActorCriticSnapshot[actor=" + actor.length + ", critic=" + critic.length + ", logStd="
                + Arrays.toString(logStd) + "]";
    }
}
