package org.netmoe.agents.diffusion;

import org.netmoe.core.ArrayRecords;
import org.netmoe.moe.nn.AdamState;

/**
 * Everything a {@link DiffusionPolicy} changes while it learns: the denoiser's flat parameter vector (the
 * {@link org.netmoe.moe.nn.Network#parameters()} layout) and its Adam state, whose step count is the policy's
 * update count.
 * Holds its arrays without copying, and is a value by content ({@link ArrayRecords}).
 */
public record DiffusionPolicyState(float[] denoiser, AdamState optimizer) {
    public DiffusionPolicyState {
        if (denoiser == null || optimizer == null) {
            throw new IllegalArgumentException("denoiser and optimizer are required");
        }
        if (optimizer.m().length != denoiser.length) {
            throw new IllegalArgumentException("optimizer state for " + optimizer.m().length + " parameters, denoiser has "
                    + denoiser.length);
        }
    }

    @Override public boolean equals(Object o) { return ArrayRecords.equals(this, o); }

    @Override public int hashCode() { return ArrayRecords.hashCode(this); }

    @Override
    public String toString() {
        return "DiffusionPolicyState[" + denoiser.length + " parameters, " + optimizer.step() + " updates]";
    }
}
