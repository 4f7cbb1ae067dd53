package org.netmoe.envs;

import java.util.Map;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.Space;

/**
 * A Gymnasium-style environment.
 *
 * <p>Contract (checked for every registered env by {@link EnvChecker}):
 * <ul>
 *   <li>{@link #reset(Long, Map)} starts an episode; an explicit seed re-seeds the env's RNG,
 *       {@code null} keeps its stream going (an env never seeded behaves as if seeded with 0).</li>
 *   <li>{@link #step(Action)} returns a {@link Step} whose {@code terminated} means the MDP ended
 *       (do not bootstrap) and {@code truncated} means a time limit cut it (bootstrap from the
 *       observation). Stepping before the first reset or after the end is an
 *       {@link IllegalStateException}; an action outside {@link #actionSpace()} an
 *       {@link IllegalArgumentException}.</li>
 *   <li>Observations are fresh arrays inside {@link #observationSpace()}; rewards are finite.</li>
 *   <li>{@link #close()} may be called any number of times.</li>
 * </ul>
 */
public interface Env extends AutoCloseable {

    /** The space every observation lies in; observations are flat float vectors of its {@code flatDim()}. */
    Box observationSpace();

    /** The legal actions. */
    Space actionSpace();

    /**
     * Starts a new episode.
     *
     * @param seed    re-seeds the env's RNG when not null
     * @param options env-specific options (documented by each env); never null
     */
    Reset reset(Long seed, Map<String, ?> options);

    /** Starts a new episode, re-seeding the RNG with {@code seed}. */
    default Reset reset(long seed) {
        return reset(seed, Map.of());
    }

    /** Starts a new episode, continuing the RNG stream. */
    default Reset reset() {
        return reset(null, Map.of());
    }

    /** Advances the episode by one action. */
    Step step(Action action);

    /**
     * Whether episodes depend on the RNG (random starts, noise, random user conditions). A
     * deterministic env gives the same trajectory under every seed; the env checker then skips
     * its "different seeds differ" check.
     */
    boolean stochastic();

    /** Releases resources; safe to call repeatedly. */
    @Override
    void close();

    /** What {@link #reset} returns. */
    record Reset(float[] observation, Map<String, Double> info) {
    }

    /** What {@link #step} returns; {@code info} holds numeric diagnostics such as {@code success}. */
    record Step(float[] observation, double reward, boolean terminated, boolean truncated,
                Map<String, Double> info) {
        /** Whether the episode is over for either reason. */
        public boolean done() {
            return terminated || truncated;
        }
    }
}
