package org.netmoe.agents.ppo;

import org.netmoe.core.ArrayRecords;
import java.util.Arrays;

/**
 * Every parameter of an {@link ActorCritic}: the actor's and critic's flat parameter vectors (in
 * their {@link org.netmoe.moe.nn.Network#parameters()} layout) and the Gaussian log-std (empty
 * for discrete actions). Arrays are copied in and out.
 */
public record ActorCriticSnapshot(float[] actor, float[] critic, float[] logStd) {
    public ActorCriticSnapshot {
        if (actor == null || critic == null || logStd == null) {
            throw new IllegalArgumentException("actor, critic and logStd parameters are required");
        }
        actor = actor.clone();
        critic = critic.clone();
        logStd = logStd.clone();
    }

    @Override
    public float[] actor() {
        return actor.clone();
    }

    @Override
    public float[] critic() {
        return critic.clone();
    }

    @Override
    public float[] logStd() {
        return logStd.clone();
    }

    @Override
    public boolean equals(Object o) {
        return ArrayRecords.equals(this, o);
    }

    @Override
    public int hashCode() {
        return ArrayRecords.hashCode(this);
    }

    @Override
    public String toString() {
        return "ActorCriticSnapshot[actor=" + actor.length + ", critic=" + critic.length + ", logStd="
                + Arrays.toString(logStd) + "]";
    }
}
