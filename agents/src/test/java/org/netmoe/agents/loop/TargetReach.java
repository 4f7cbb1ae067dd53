package org.netmoe.agents.loop;

import java.util.Map;
import org.netmoe.envs.EpisodicEnv;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Box;

/**
 * Test env with a continuous action: a point at x ∈ [−1, 1] must reach a target g ∈ [−1, 1], both
 * drawn uniformly at reset. Observation {@code [x, g]}; action {@code a ∈ [−1, 1]} moves
 * {@code x ← clip(x + STEP·a)}; reward {@code −|x − g|} after the move. Never terminates; truncated
 * after {@link #HORIZON} steps, so learning it also exercises bootstrapping on truncation. The
 * optimal greedy policy ends every episode on the target (distance 0); a policy that stays put
 * ends at a mean distance of 2/3.
 */
final class TargetReach extends EpisodicEnv {
    static final int HORIZON = 16;
    static final double STEP = 0.25;
    private static final Box OBS = Box.uniform(-1f, 1f, 2);
    private static final Box ACT = Box.uniform(-1f, 1f, 1);
    private double x;
    private double g;

    TargetReach() {
        super(HORIZON);
    }

    @Override
    public Box observationSpace() {
        return OBS;
    }

    @Override
    public Box actionSpace() {
        return ACT;
    }

    @Override
    public boolean stochastic() {
        return true;
    }

    @Override
    protected Reset onReset(RngStream rng, Map<String, ?> options) {
        x = 2 * rng.nextDouble() - 1;
        g = 2 * rng.nextDouble() - 1;
        return new Reset(obs(), Map.of());
    }

    @Override
    protected Step onStep(Action action, RngStream rng) {
        float a = ACT.values(action)[0];
        x = Math.max(-1, Math.min(1, x + STEP * a));
        double distance = Math.abs(x - g);
        return new Step(obs(), -distance, false, false, Map.of("distance", distance));
    }

    private float[] obs() {
        return new float[] {(float) x, (float) g};
    }
}
