package org.netmoe.envs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.netmoe.core.Require;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;

/**
 * Base of the built-in envs: it owns the RNG, the episode lifecycle and the time limit, so an env
 * only writes its dynamics ({@link #onReset}, {@link #onStep}). The time limit turns a step that
 * did not terminate into a truncation when the episode reaches {@code maxEpisodeSteps}.
 *
 * <p><b>Snapshots.</b> {@link #saveState()} captures the RNG (seed and generator state), the
 * lifecycle flags, the episode step and, through {@link #saveDynamics}, the env's own dynamics
 * state; {@link #restoreState(byte[])} puts all of it back, so the restored env continues
 * bit-identically, also in the middle of an episode.
 */
public abstract class EpisodicEnv implements Env {
    /** The snapshot layout this build writes and reads. */
    public static final int STATE_FORMAT = 1;
    private final int maxEpisodeSteps;
    private RngStream rng = RngStream.of(0);
    private boolean started;
    private boolean needsReset = true;
    private boolean closed;
    private int episodeStep;
    private boolean stepPending;
    private Action pendingAction;

    /** @param maxEpisodeSteps the time limit, {@code > 0} */
    protected EpisodicEnv(int maxEpisodeSteps) {
        this.maxEpisodeSteps = Require.positive("maxEpisodeSteps", maxEpisodeSteps);
    }

    @Override
    public final Reset reset(Long seed, Map<String, ?> options) {
        if (closed) {
            throw new IllegalStateException("reset() on a closed env");
        }
        requireNoPendingStep("reset()");
        if (seed != null) {
            rng = RngStream.of(seed);
        }
        started = true;
        needsReset = false;
        episodeStep = 0;
        return onReset(rng, options == null ? Map.of() : options);
    }

    @Override
    public final Step step(Action action) {
        beginStep(action);
        return finishStep();
    }

    /**
     * The first half of {@link #step}: checks the lifecycle and hands {@code action} to the env
     * ({@link #onStepBegin}); {@link #finishStep()} must follow before anything else is asked of this
     * env. An env that works elsewhere (a Python worker) starts the step here, so a {@link VectorEnv}
     * can begin every env's step before it finishes the first; for the others the split changes nothing.
     *
     * @throws IllegalStateException if the env is closed, not reset, finished, or a step is pending
     */
    public final void beginStep(Action action) {
        if (closed) {
            throw new IllegalStateException("step() on a closed env");
        }
        if (!started) {
            throw new IllegalStateException("step() before the first reset()");
        }
        if (needsReset) {
            throw new IllegalStateException("step() after the episode ended; call reset() first");
        }
        requireNoPendingStep("beginStep()");
        onStepBegin(action, rng);
        stepPending = true;
    }

    /**
     * The second half of {@link #step}: the pending step's result, with the time limit applied.
     *
     * @throws IllegalStateException if no step is pending
     */
    public final Step finishStep() {
        if (!stepPending) {
            throw new IllegalStateException("finishStep() without beginStep()");
        }
        stepPending = false;
        Step s = onStepFinish(rng);
        episodeStep++;
        boolean truncated = s.truncated() || (!s.terminated() && episodeStep >= maxEpisodeSteps);
        needsReset = s.terminated() || truncated;
        return truncated == s.truncated() ? s
                : new Step(s.observation(), s.reward(), s.terminated(), truncated, s.info());
    }

    private void requireNoPendingStep(String what) {
        if (stepPending) {
            throw new IllegalStateException(what + " while a step is pending; call finishStep() first");
        }
    }

    /** Steps taken in the current episode. */
    public final int episodeStep() {
        return episodeStep;
    }

    /** The time limit. */
    public final int maxEpisodeSteps() {
        return maxEpisodeSteps;
    }

    /** The env's RNG stream (for checkpoints: save and restore its state). */
    public final RngStream rng() {
        return rng;
    }

    @Override
    public void close() {
        closed = true;
    }

    /**
     * The env's complete state (format {@link #STATE_FORMAT}): its class, RNG, lifecycle, episode
     * step and dynamics state.
     *
     * @throws UnsupportedOperationException if the subclass does not implement {@link #saveDynamics}
     */
    public final byte[] saveState() {
        requireNoPendingStep("saveState()");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(STATE_FORMAT);
            out.writeUTF(getClass().getName());
            out.writeLong(rng.seed());
            byte[] rngState = rng.saveState();
            out.writeInt(rngState.length);
            out.write(rngState);
            out.writeBoolean(started);
            out.writeBoolean(needsReset);
            out.writeBoolean(closed);
            out.writeInt(episodeStep);
            saveDynamics(out);
        } catch (IOException e) {
            throw new UncheckedIOException("saving the state of " + getClass().getSimpleName(), e);
        }
        return bytes.toByteArray();
    }

    /**
     * Restores a state saved by {@link #saveState()} of an env of the same class and config.
     *
     * @throws IllegalArgumentException if {@code state} is of another format or env class, truncated
     *                                  or has trailing bytes (the env must then be restored again
     *                                  or discarded)
     */
    public final void restoreState(byte[] state) {
        requireNoPendingStep("restoreState()");
        String self = getClass().getSimpleName();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            int format = in.readInt();
            if (format < 1 || format > STATE_FORMAT) {
                throw new IllegalArgumentException("env state format " + format + ", this build reads up to "
                        + STATE_FORMAT);
            }
            String type = in.readUTF();
            if (!type.equals(getClass().getName())) {
                throw new IllegalArgumentException("env state of " + type + " cannot be restored into " + self);
            }
            long seed = in.readLong();
            int rngLength = in.readInt();
            if (rngLength < 0 || rngLength > in.available()) {
                throw new IllegalArgumentException("env state of " + self + " is truncated (RNG state)");
            }
            byte[] rngState = in.readNBytes(rngLength);
            boolean s = in.readBoolean();
            boolean n = in.readBoolean();
            boolean c = in.readBoolean();
            int e = in.readInt();
            restoreDynamics(in);
            if (in.available() != 0) {
                throw new IllegalArgumentException("env state of " + self + " has " + in.available()
                        + " trailing bytes");
            }
            RngStream restored = RngStream.of(seed);
            restored.restoreState(rngState);
            rng = restored;
            started = s;
            needsReset = n;
            closed = c;
            episodeStep = e;
        } catch (EOFException e) {
            throw new IllegalArgumentException("env state of " + self + " is truncated", e);
        } catch (IOException e) {
            throw new UncheckedIOException("restoring the state of " + self, e);
        }
    }

    /**
     * Writes the dynamics state that {@link #onReset}/{@link #onStep} change (positions, flags,
     * the current user, …); the base class already saves the RNG and lifecycle.
     *
     * @throws UnsupportedOperationException unless overridden: this env cannot be checkpointed
     */
    protected void saveDynamics(DataOutput out) throws IOException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot save its state");
    }

    /**
     * Reads what {@link #saveDynamics} wrote and applies it.
     *
     * @throws IllegalArgumentException for values this env's config does not allow
     */
    protected void restoreDynamics(DataInput in) throws IOException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot restore its state");
    }

    /**
     * Starts a step ({@link #beginStep}); by default it only keeps {@code action} for {@link #onStepFinish},
     * which calls {@link #onStep}. An env whose step runs elsewhere sends the action here.
     */
    protected void onStepBegin(Action action, RngStream rng) {
        pendingAction = action;
    }

    /** Ends the step {@link #onStepBegin} started; by default {@link #onStep} with the kept action. */
    protected Step onStepFinish(RngStream rng) {
        Action action = pendingAction;
        pendingAction = null;
        return onStep(action, rng);
    }

    /** Starts an episode: draw the initial state from {@code rng}, return the first observation. */
    protected abstract Reset onReset(RngStream rng, Map<String, ?> options);

    /**
     * Applies a validated-by-the-env action. Return {@code truncated = false} unless the env has
     * its own reason to truncate; the time limit is applied by this class.
     */
    protected abstract Step onStep(Action action, RngStream rng);
}
