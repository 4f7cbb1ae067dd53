package org.example.beamtrack;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.EnvSpec;
import org.netmoe.envs.EpisodicEnv;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.Discrete;
import org.netmoe.envs.space.Space;

/**
 * Beam tracking: a user's angle θ ∈ [−π/2, π/2] drifts as a random walk; each step the agent picks
 * one of {@code beams} beams pointing at evenly spaced angles, and earns the beam's normalized gain
 * cos²((θ − φ_b)·beams/2), 1 when the beam points at the user. It observes (sin θ, cos θ) of the
 * previous step's angle, so it must learn which beam covers which angle and that the user moves.
 */
public final class BeamTrackEnv extends EpisodicEnv {
    /** The registration NetMoE finds through {@link BeamTrackProvider}. */
    public static final EnvSpec<BeamTrackConfig> SPEC = new EnvSpec<>("example-beam-track",
            "example third-party env: pick the beam that covers a drifting user (examples/beam-track)",
            BeamTrackConfig.class, BeamTrackConfig.defaults(), BeamTrackEnv::new);
    private static final double HALF_PI = Math.PI / 2;

    private final BeamTrackConfig config;
    private final Box observationSpace = Box.uniform(-1f, 1f, 2);
    private final Discrete actionSpace;
    private double theta;

    /** An env with {@code config}. */
    public BeamTrackEnv(BeamTrackConfig config) {
        super(config.horizon());
        this.config = config;
        this.actionSpace = new Discrete(config.beams());
    }

    @Override
    public Box observationSpace() {
        return observationSpace;
    }

    @Override
    public Space actionSpace() {
        return actionSpace;
    }

    @Override
    public boolean stochastic() {
        return true;
    }

    @Override
    protected Reset onReset(RngStream rng, Map<String, ?> options) {
        theta = (rng.nextDouble() * 2 - 1) * HALF_PI;
        return new Reset(observation(), Map.of());
    }

    @Override
    protected Step onStep(Action action, RngStream rng) {
        int beam = actionSpace.index(action);
        double gain = gain(beam, theta);
        float[] obs = observation();
        theta = Math.max(-HALF_PI, Math.min(HALF_PI, theta + config.drift() * gaussian(rng)));
        return new Step(obs, gain, false, false, Map.of("best_gain", 1.0));
    }

    /** The normalized gain of {@code beam} for a user at angle {@code angle}. */
    double gain(int beam, double angle) {
        double phi = -HALF_PI + (beam + 0.5) * Math.PI / config.beams();
        double c = Math.cos(Math.max(-HALF_PI, Math.min(HALF_PI, (angle - phi) * config.beams() / 2)));
        return c * c;
    }

    private float[] observation() {
        return new float[] {(float) Math.sin(theta), (float) Math.cos(theta)};
    }

    private static double gaussian(RngStream rng) { // Box–Muller
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    @Override
    protected void saveDynamics(DataOutput out) throws IOException {
        out.writeDouble(theta);
    }

    @Override
    protected void restoreDynamics(DataInput in) throws IOException {
        double t = in.readDouble();
        if (!(t >= -HALF_PI && t <= HALF_PI)) {
            throw new IllegalArgumentException("beam-track state: angle " + t + " outside [-pi/2, pi/2]");
        }
        theta = t;
    }
}
