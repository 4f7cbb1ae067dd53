package org.netmoe.envs;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.Space;

/**
 * Base of the envs whose episode is a sequence of independent arrivals (a user, a token, a task, a
 * UE): every step serves the current arrival with the action, then the next one arrives; the step
 * that serves the last of {@code episodeSteps} arrivals terminates (nothing to bootstrap, as no
 * reward depends on earlier actions). With {@code episodeSteps = 1} the env is a contextual bandit.
 * The RNG draws of an episode are, in order: the first arrival at reset, then after each served
 * arrival but the last, the next one.
 *
 * <p><b>Snapshots.</b> The dynamics state is a flag "an arrival is present" (false before the first
 * reset) followed, when it is, by the arrival as {@link #saveArrival} writes it.
 *
 * @param <A> the type of the action space
 * @param <U> the type of an arrival
 */
public abstract class ArrivalEnv<A extends Space, U> extends EpisodicEnv {
    private final Box observationSpace;
    private final A actionSpace;
    private U current;

    /**
     * @param episodeSteps     arrivals per episode, {@code > 0}
     * @param observationSpace the space of {@link #observation}
     * @param actionSpace      the legal actions
     */
    protected ArrivalEnv(int episodeSteps, Box observationSpace, A actionSpace) {
        super(episodeSteps);
        this.observationSpace = observationSpace;
        this.actionSpace = actionSpace;
    }

    @Override
    public final Box observationSpace() {
        return observationSpace;
    }

    @Override
    public final A actionSpace() {
        return actionSpace;
    }

    /** True: arrivals are drawn from the RNG. An env whose arrivals can all be the same overrides it. */
    @Override
    public boolean stochastic() {
        return true;
    }

    @Override
    protected final Reset onReset(RngStream rng, Map<String, ?> options) {
        current = arrive(rng);
        return new Reset(observation(current), arrivalInfo(current));
    }

    @Override
    protected final Step onStep(Action action, RngStream rng) {
        Map<String, Double> info = new HashMap<>();
        double reward = serve(current, action, info);
        boolean last = episodeStep() + 1 >= maxEpisodeSteps();
        if (!last) {
            current = arrive(rng);
        }
        // Easy to miss: the observation is the next arrival's (the last one's when the episode ends).
        return new Step(observation(current), reward, last, false, info);
    }

    /** The current arrival, {@code null} before the first reset. */
    protected final U current() {
        return current;
    }

    /**
     * The current arrival, for an accessor of the env's public API.
     *
     * @param noun what an arrival is, for the message ({@code user}, {@code task}, …)
     * @throws IllegalStateException "no {@code noun} before the first reset()"
     */
    protected final U require(String noun) {
        if (current == null) {
            throw new IllegalStateException("no " + noun + " before the first reset()");
        }
        return current;
    }

    @Override
    protected final void saveDynamics(DataOutput out) throws IOException {
        out.writeBoolean(current != null);
        if (current != null) {
            saveArrival(current, out);
        }
    }

    @Override
    protected final void restoreDynamics(DataInput in) throws IOException {
        current = in.readBoolean() ? restoreArrival(in) : null;
    }

    /** Draws the next arrival from {@code rng}. */
    protected abstract U arrive(RngStream rng);

    /** The observation of {@code arrival}, a fresh array inside {@link #observationSpace()}. */
    protected abstract float[] observation(U arrival);

    /** The reset info of {@code arrival} (e.g. the oracle's answer); a fresh map. */
    protected abstract Map<String, Double> arrivalInfo(U arrival);

    /**
     * Serves {@code arrival} with {@code action} (validated by the action space) and puts the step's
     * diagnostics into {@code info}.
     *
     * @return the reward
     */
    protected abstract double serve(U arrival, Action action, Map<String, Double> info);

    /** Writes {@code arrival} for a snapshot. */
    protected abstract void saveArrival(U arrival, DataOutput out) throws IOException;

    /**
     * Reads an arrival {@link #saveArrival} wrote (it becomes the current one).
     *
     * @throws IllegalArgumentException for an arrival this env's config does not allow
     */
    protected abstract U restoreArrival(DataInput in) throws IOException;
}
