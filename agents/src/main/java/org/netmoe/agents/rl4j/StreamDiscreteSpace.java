package org.netmoe.agents.rl4j;

import org.deeplearning4j.rl4j.space.DiscreteSpace;
import org.netmoe.core.rng.RngStream;

/**
 * RL4J's {@link DiscreteSpace} drawing its random actions from a NetMoE {@link RngStream} instead
 * of ND4J's global RNG, so RL4J code that explores through {@code getActionSpace().randomAction()}
 * is seeded by the adapter's seed and nothing else.
 */
final class StreamDiscreteSpace extends DiscreteSpace {
    private final RngStream rng;

    StreamDiscreteSpace(int size, RngStream rng) {
        super(size, null); // the ND4J RNG is never used: randomAction() is overridden
        this.rng = rng;
    }

    @Override
    public Integer randomAction() {
        return rng.nextInt(size);
    }
}
