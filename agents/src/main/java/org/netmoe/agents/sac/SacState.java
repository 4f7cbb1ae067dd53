package org.netmoe.agents.sac;

import org.netmoe.core.ArrayRecords;
import org.netmoe.core.Require;
import org.netmoe.moe.nn.AdamState;
import org.netmoe.moe.nn.NetworkState;

/**
 * Everything a {@link SacAgent} needs to continue exactly: the actor (its flat parameter vector, an MLP's or
 * an MoE layer's), both critics and their
 * targets, the four Adam states (actor, critic 1, critic 2, log α), log α itself, the state of the
 * agent's policy-noise stream and the number of gradient steps taken.
 * Holds its arrays without copying, and is a value by content ({@link ArrayRecords}).
 */
public record SacState(float[] actor, NetworkState qf1, NetworkState qf2, NetworkState qf1Target,
                       NetworkState qf2Target, AdamState actorOptimizer, AdamState qf1Optimizer,
                       AdamState qf2Optimizer, AdamState alphaOptimizer, float logAlpha, byte[] noiseRng,
                       long updates) {
    public SacState {
        ArrayRecords.requireNonNull(SacState.class, actor, qf1, qf2, qf1Target, qf2Target, actorOptimizer, qf1Optimizer,
                qf2Optimizer, alphaOptimizer, logAlpha, noiseRng, updates);
        Require.finite("logAlpha", logAlpha);
        if (updates < 0) {
            throw new IllegalArgumentException("updates must be >= 0, was " + updates);
        }
    }

    @Override public boolean equals(Object o) { return ArrayRecords.equals(this, o); }

    @Override public int hashCode() { return ArrayRecords.hashCode(this); }

    @Override
    public String toString() {
        return "SacState[actor=" + actor.length + " floats, logAlpha=" + logAlpha + ", updates=" + updates + "]";
    }
}
