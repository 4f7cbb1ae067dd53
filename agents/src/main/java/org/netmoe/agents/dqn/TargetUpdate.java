package org.netmoe.agents.dqn;

import org.netmoe.core.Require;

/** How the target network θ⁻ follows the online network θ. */
public sealed interface TargetUpdate permits TargetUpdate.Hard, TargetUpdate.Polyak {

    /** θ⁻ ← θ every {@code period} gradient steps (Mnih et al. 2015, "every C updates"). */
    record Hard(int period) implements TargetUpdate {
        public Hard {
            Require.positive("targetUpdate.period", period);
        }
    }

    /** θ⁻ ← τθ + (1 − τ)θ⁻ after every gradient step (Lillicrap et al. 2016); τ in (0, 1]. */
    record Polyak(double tau) implements TargetUpdate {
        public Polyak {
            Require.positive("targetUpdate.tau", tau);
            Require.inRange("targetUpdate.tau", tau, 0.0, 1.0);
        }
    }
}
