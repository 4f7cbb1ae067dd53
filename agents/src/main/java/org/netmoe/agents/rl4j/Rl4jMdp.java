package org.netmoe.agents.rl4j;

import java.util.Map;
import java.util.function.Supplier;
import org.deeplearning4j.gym.StepReply;
import org.deeplearning4j.rl4j.mdp.MDP;
import org.deeplearning4j.rl4j.space.ArrayObservationSpace;
import org.deeplearning4j.rl4j.space.DiscreteSpace;
import org.deeplearning4j.rl4j.space.ObservationSpace;
import org.netmoe.envs.Env;
import org.netmoe.core.Require;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Discrete;

/**
 * Any NetMoE {@link Env} with a {@link Discrete} action space as an RL4J 1.0.0-M1.1
 * {@link MDP}: observations are {@link Rl4jObservation}s of the env's {@code observationSpace().flatDim()}
 * (declared as an {@link ArrayObservationSpace} of shape {@code [obsDim]}), actions are the
 * {@code Integer} indices {@code 0 … n-1} of a {@link DiscreteSpace} of size {@code n}.
 *
 * <p><b>Seeding.</b> Built with a seed, the first {@link #reset()} re-seeds the env with it; every
 * later reset passes {@code null}, so the env's RNG stream continues (Gymnasium semantics). Built
 * without one, every reset continues the env's own stream. The action space's
 * {@link DiscreteSpace#randomAction()} draws from the stream {@code rl4j/random-action} split off
 * the seed (seed 0 when none), never from ND4J's global RNG.
 *
 * <p><b>Terminated vs truncated.</b> RL4J only knows "done". {@link StepReply#isDone()} and
 * {@link #isDone()} are {@code terminated || truncated}: a time-limit truncation by the env ends
 * the RL4J episode too (the env must be reset before stepping again), and RL4J's DQN then stores
 * that last transition as terminal, i.e. does <em>not</em> bootstrap from it. To keep
 * bootstrapping past a time limit, cap RL4J's own episode length ({@code maxEpochStep}) below the
 * env's limit: RL4J then ends the episode while {@code isDone()} is still false and bootstraps from
 * the final observation. The {@link StepReply#getInfo() info} of every reply is the env's
 * {@link Env.Step}, so callers can still tell {@code terminated} from {@code truncated}.
 *
 * <p>Not thread-safe: one RL4J learner thread per instance ({@link #newInstance()} makes another).
 */
public final class Rl4jMdp implements MDP<Rl4jObservation, Integer, DiscreteSpace> {
    private final Supplier<? extends Env> factory;
    private final Long seed;
    private final Env env;
    private final ArrayObservationSpace<Rl4jObservation> observationSpace;
    private final DiscreteSpace actionSpace;
    private Long nextResetSeed;
    private boolean done = true;
    private boolean closed;
    private int instancesMade;

    private Rl4jMdp(Supplier<? extends Env> factory, Long seed) {
        this.factory = Require.nonNull("factory", factory);
        this.seed = seed;
        this.env = Require.nonNull("factory.get()", factory.get());
        if (!(env.actionSpace() instanceof Discrete discrete)) {
            env.close();
            throw new IllegalArgumentException("an RL4J MDP needs a Discrete action space, the env's is "
                    + env.actionSpace());
        }
        this.observationSpace = new ArrayObservationSpace<>(new int[] {env.observationSpace().flatDim()});
        this.actionSpace = new StreamDiscreteSpace(discrete.n(),
                RngStream.of(seed == null ? 0 : seed).split("rl4j/random-action"));
        this.nextResetSeed = seed;
    }

    /**
     * An MDP over a new env from {@code factory} whose first reset re-seeds it with {@code seed}.
     *
     * @throws IllegalArgumentException if the env's action space is not {@link Discrete} (the
     *                                  message names the space); the env is then closed
     */
    public static Rl4jMdp of(Supplier<? extends Env> factory, long seed) {
        return new Rl4jMdp(factory, seed);
    }

    /**
     * An MDP over a new env from {@code factory} that never re-seeds it: every reset continues
     * the env's stream (an env never seeded behaves as if seeded with 0).
     *
     * @throws IllegalArgumentException if the env's action space is not {@link Discrete}
     */
    public static Rl4jMdp unseeded(Supplier<? extends Env> factory) {
        return new Rl4jMdp(factory, null);
    }

    /** The wrapped env, for diagnostics (e.g. its RNG state); stepping it directly desynchronizes {@link #isDone()}. */
    public Env env() {
        return env;
    }

    @Override
    public ObservationSpace<Rl4jObservation> getObservationSpace() {
        return observationSpace;
    }

    @Override
    public DiscreteSpace getActionSpace() {
        return actionSpace;
    }

    /**
     * Starts an episode (also in the middle of one, as RL4J does when it caps an episode's
     * length); the first call re-seeds the env if this MDP was built with a seed.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public Rl4jObservation reset() {
        if (closed) {
            throw new IllegalStateException("reset() on a closed Rl4jMdp");
        }
        Env.Reset r = env.reset(nextResetSeed, Map.of());
        nextResetSeed = null;
        done = false;
        return new Rl4jObservation(r.observation());
    }

    /**
     * One env step; the reply's reward is the env's, {@code done} is
     * {@code terminated || truncated}, and its info is the env's {@link Env.Step}.
     *
     * @throws IllegalArgumentException if {@code action} is null or not in {@code [0, n)}
     * @throws IllegalStateException    before the first reset, after the episode ended or after close
     */
    @Override
    public StepReply<Rl4jObservation> step(Integer action) {
        if (action == null) {
            throw new IllegalArgumentException("action must be an index in [0, " + actionSpace.getSize()
                    + "), was null");
        }
        Env.Step s = env.step(Action.of(action));
        done = s.done();
        return new StepReply<>(new Rl4jObservation(s.observation()), s.reward(), done, s);
    }

    /** Whether no episode is running: before the first reset, after the env terminated or truncated, after close. */
    @Override
    public boolean isDone() {
        return done;
    }

    /** Closes the env; safe to call repeatedly. */
    @Override
    public void close() {
        closed = true;
        done = true;
        env.close();
    }

    /**
     * An independent MDP over a new env from the same factory. When this MDP is seeded, the k-th
     * instance is seeded with {@code RngStream.deriveSeed(seed, "instance/k")}, so the instances
     * made from one seeded MDP are reproducible and differ from each other; otherwise it is unseeded.
     */
    @Override
    public Rl4jMdp newInstance() {
        instancesMade++;
        return new Rl4jMdp(factory, seed == null ? null : RngStream.deriveSeed(seed, "instance/" + instancesMade));
    }
}
