package org.netmoe.training.experiment.maze;

import org.netmoe.core.rng.RngStream;

/**
 * The seeds the maze experiments derive from their run seed, each a named split
 * ({@link RngStream#deriveSeed}) so that none depends on another or on arithmetic with the run seed.
 * maze-fig5 and maze-llm-eval take them from here, so maze-llm-eval scores its plans on exactly
 * maze-fig5's evaluation episodes, searches its oracle on maze-fig5's search episodes, and its network
 * gate's training seed 0 is maze-fig5's network gate.
 */
final class MazeSeeds {
    private MazeSeeds() {
    }

    /** The first reset of every gate's and single expert's evaluation episodes (all gates see the same starts). */
    static long evaluation(long runSeed) {
        return RngStream.deriveSeed(runSeed, "maze/evaluation");
    }

    /** The oracle's search episodes, apart from the evaluation episodes. */
    static long oracleSearch(long runSeed) {
        return RngStream.deriveSeed(runSeed, "maze/oracle-search");
    }

    /** The episodes the network gate is scored on along its training, apart from the evaluation episodes. */
    static long networkCurve(long runSeed) {
        return RngStream.deriveSeed(runSeed, "maze/network-gate/curve");
    }

    /** The network gate's training seed number {@code i}; maze-fig5 trains number 0. */
    static long networkTraining(long runSeed, int i) {
        return RngStream.deriveSeed(runSeed, "maze/network-gate/" + i);
    }
}
