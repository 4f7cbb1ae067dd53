package org.netmoe.envs;

import org.netmoe.core.Require;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.Space;

/**
 * N copies of an env stepped in lock-step into one contiguous observation buffer
 * {@code [numEnvs, obsDim]} (row-major), the layout a batched network reads.
 *
 * <p><b>Auto-reset.</b> When env {@code i} finishes (terminated or truncated) during
 * {@link #step}, it is reset at once: row {@code i} of {@link VecStep#observations()} holds the
 * first observation of the next episode, while {@link VecStep#finalObservations()}{@code [i]}
 * keeps the last observation of the finished one (needed to bootstrap a truncated episode), and
 * {@link VecStep#episodeReturns()} / {@link VecStep#episodeLengths()} give its totals.
 *
 * <p><b>Seeding.</b> {@link #reset(long)} seeds env {@code i} with
 * {@code RngStream.deriveSeed(seed, "env/" + i)}; later auto-resets continue each env's stream.
 *
 * <p><b>Buffers.</b> The arrays of a {@link VecStep} are reused: they are valid until the next
 * {@code step} or {@code reset}. Copy what must outlive that.
 *
 * <p><b>Snapshots.</b> {@link #saveState()} captures every env ({@link EpisodicEnv#saveState()}),
 * the observation buffer and the running episode returns and lengths; a vector env restored
 * from it steps on bit-identically.
 *
 * <p>The class is longer than NetMoE's ~300 lines on purpose: stepping (with its begun/finished halves,
 * which let worker-backed envs step concurrently), auto-reset and snapshots all read and write the same
 * reused buffers and episode totals, and keeping them in one class keeps those buffers private.
 */
public final class VectorEnv implements AutoCloseable {
    private final List<Env> envs;
    private final int obsDim;
    private final Box observationSpace;
    private final Space actionSpace;
    private final float[] observations;
    private final double[] rewards;
    private final boolean[] terminated;
    private final boolean[] truncated;
    private final float[][] finalObservations;
    private final double[] runningReturns;
    private final int[] runningLengths;
    private final double[] episodeReturns;
    private final int[] episodeLengths;
    private final List<Map<String, Double>> infos;
    private final Action[] scratch;
    private boolean started;

    /** Wraps {@code envs}, which must share their spaces; the vector env owns and closes them. */
    public VectorEnv(List<? extends Env> envs) {
        if (envs.isEmpty()) {
            throw new IllegalArgumentException("numEnvs must be > 0, was 0");
        }
        this.envs = List.copyOf(envs);
        this.observationSpace = envs.get(0).observationSpace();
        this.actionSpace = envs.get(0).actionSpace();
        for (Env e : envs) {
            if (!e.observationSpace().equals(observationSpace) || !e.actionSpace().equals(actionSpace)) {
                throw new IllegalArgumentException("all envs of a VectorEnv must share their spaces");
            }
        }
        int n = envs.size();
        this.obsDim = observationSpace.flatDim();
        this.observations = new float[n * obsDim];
        this.rewards = new double[n];
        this.terminated = new boolean[n];
        this.truncated = new boolean[n];
        this.finalObservations = new float[n][];
        this.runningReturns = new double[n];
        this.runningLengths = new int[n];
        this.episodeReturns = new double[n];
        this.episodeLengths = new int[n];
        this.infos = new ArrayList<>(Collections.nCopies(n, Map.of()));
        this.scratch = new Action[n];
    }

    /** {@code numEnvs} envs made by {@code factory.apply(i)}. */
    public static VectorEnv of(int numEnvs, IntFunction<? extends Env> factory) {
        Require.positive("numEnvs", numEnvs);
        List<Env> list = new ArrayList<>(numEnvs);
        for (int i = 0; i < numEnvs; i++) {
            list.add(factory.apply(i));
        }
        return new VectorEnv(list);
    }

    public int numEnvs() {
        return envs.size();
    }

    /** Length of one observation row. */
    public int obsDim() {
        return obsDim;
    }

    public Box observationSpace() {
        return observationSpace;
    }

    public Space actionSpace() {
        return actionSpace;
    }

    /** Env {@code i}, e.g. to read its state for an oracle. */
    public Env env(int i) {
        return envs.get(i);
    }

    /** Resets every env (env {@code i} with seed {@code deriveSeed(seed, "env/" + i)}); returns the buffer {@code [numEnvs * obsDim]}. */
    public float[] reset(long seed) {
        for (int i = 0; i < envs.size(); i++) {
            Env.Reset r = envs.get(i).reset(RngStream.deriveSeed(seed, "env/" + i), Map.of());
            System.arraycopy(r.observation(), 0, observations, i * obsDim, obsDim);
            runningReturns[i] = 0;
            runningLengths[i] = 0;
        }
        started = true;
        return observations;
    }

    /** Steps env {@code i} with discrete action {@code actions[i]}. */
    public VecStep step(int[] actions) {
        checkCount(actions.length);
        for (int i = 0; i < actions.length; i++) {
            scratch[i] = Action.of(actions[i]);
        }
        return step(scratch);
    }

    /** Steps env {@code i} with {@code actions[i]}, auto-resetting finished envs. */
    public VecStep step(Action[] actions) {
        checkCount(actions.length);
        if (!started) {
            throw new IllegalStateException("step() before reset()");
        }
        // Every step begins before the first finishes: workers in other processes step concurrently.
        beginSteps(actions);
        for (int i = 0; i < actions.length; i++) {
            Env env = envs.get(i);
            Env.Step s;
            try {
                s = finishStep(i, actions[i]);
            } catch (RuntimeException e) {
                drain(i + 1, actions.length, e);
                throw e;
            }
            rewards[i] = s.reward();
            terminated[i] = s.terminated();
            truncated[i] = s.truncated();
            infos.set(i, s.info());
            runningReturns[i] += s.reward();
            runningLengths[i]++;
            float[] obs = s.observation();
            if (s.done()) {
                // Easy to miss: keep the final observation; the buffer row gets the next episode's first one.
                finalObservations[i] = obs;
                episodeReturns[i] = runningReturns[i];
                episodeLengths[i] = runningLengths[i];
                runningReturns[i] = 0;
                runningLengths[i] = 0;
                obs = env.reset(null, Map.of()).observation();
            } else {
                finalObservations[i] = null;
                episodeReturns[i] = Double.NaN;
                episodeLengths[i] = 0;
            }
            System.arraycopy(obs, 0, observations, i * obsDim, obsDim);
        }
        return new VecStep(observations, rewards, terminated, truncated, finalObservations,
                episodeReturns, episodeLengths, infos);
    }

    /**
     * Begins the step of every {@link EpisodicEnv} in order (a worker-backed env sends its request, so
     * the workers run concurrently). If env {@code i} refuses, the steps of envs
     * {@code 0..i-1} are finished (results dropped) and its error is thrown.
     */
    private void beginSteps(Action[] actions) {
        int i = 0;
        try {
            for (; i < actions.length; i++) {
                if (envs.get(i) instanceof EpisodicEnv e) {
                    e.beginStep(actions[i]);
                }
            }
        } catch (RuntimeException e) {
            drain(0, i, e);
            throw e;
        }
    }

    /** Env {@code i}'s step: the begun one finished, or taken whole for an env that is not an {@link EpisodicEnv}. */
    private Env.Step finishStep(int i, Action action) {
        Env env = envs.get(i);
        return env instanceof EpisodicEnv e ? e.finishStep() : env.step(action);
    }

    /** Finishes the begun steps of envs {@code from..to-1} after {@code cause}, adding their errors to it. */
    private void drain(int from, int to, RuntimeException cause) {
        for (int j = from; j < to; j++) {
            if (envs.get(j) instanceof EpisodicEnv e) {
                try {
                    e.finishStep();
                } catch (RuntimeException other) {
                    cause.addSuppressed(other);
                }
            }
        }
    }

    /**
     * The state of every env and of the running episode totals (format {@link EpisodicEnv#STATE_FORMAT}).
     *
     * @throws UnsupportedOperationException if an env is not an {@link EpisodicEnv} that saves its dynamics
     */
    public byte[] saveState() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(EpisodicEnv.STATE_FORMAT);
            out.writeInt(envs.size());
            out.writeInt(obsDim);
            out.writeBoolean(started);
            for (int i = 0; i < envs.size(); i++) {
                if (!(envs.get(i) instanceof EpisodicEnv e)) {
                    throw new UnsupportedOperationException(envs.get(i).getClass().getSimpleName()
                            + " cannot save its state");
                }
                byte[] state = e.saveState();
                out.writeInt(state.length);
                out.write(state);
                out.writeDouble(runningReturns[i]);
                out.writeInt(runningLengths[i]);
            }
            for (float o : observations) {
                out.writeFloat(o);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("saving the vector env state", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Restores a state from {@link #saveState()} of a vector env of the same size and env kind.
     *
     * @throws IllegalArgumentException if the format, number of envs, observation size or an env's
     *                                  state does not fit, or the state is truncated
     */
    public void restoreState(byte[] state) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            int format = in.readInt();
            if (format < 1 || format > EpisodicEnv.STATE_FORMAT) {
                throw new IllegalArgumentException("vector env state format " + format + ", this build reads up to "
                        + EpisodicEnv.STATE_FORMAT);
            }
            int n = in.readInt();
            int dim = in.readInt();
            if (n != envs.size() || dim != obsDim) {
                throw new IllegalArgumentException("vector env state of " + n + " envs with obsDim " + dim
                        + ", this one has " + envs.size() + " envs with obsDim " + obsDim);
            }
            boolean s = in.readBoolean();
            for (int i = 0; i < n; i++) {
                int length = in.readInt();
                if (length < 0 || length > in.available()) {
                    throw new EOFException();
                }
                byte[] envState = in.readNBytes(length);
                if (!(envs.get(i) instanceof EpisodicEnv e)) {
                    throw new IllegalArgumentException(envs.get(i).getClass().getSimpleName()
                            + " cannot restore a state");
                }
                e.restoreState(envState);
                runningReturns[i] = in.readDouble();
                runningLengths[i] = in.readInt();
            }
            for (int i = 0; i < observations.length; i++) {
                observations[i] = in.readFloat();
            }
            if (in.available() != 0) {
                throw new IllegalArgumentException("vector env state has " + in.available() + " trailing bytes");
            }
            started = s;
        } catch (EOFException e) {
            throw new IllegalArgumentException("vector env state is truncated", e);
        } catch (IOException e) {
            throw new UncheckedIOException("restoring the vector env state", e);
        }
    }

    private void checkCount(int n) {
        if (n != envs.size()) {
            throw new IllegalArgumentException("expected " + envs.size() + " actions, got " + n);
        }
    }

    @Override
    public void close() {
        envs.forEach(Env::close);
    }

    /**
     * One lock-step transition of all envs. Arrays are indexed by env; for a finished env
     * {@code finalObservations[i]} is its last observation and {@code episodeReturns[i]},
     * {@code episodeLengths[i]} its episode totals ({@code null}, {@code NaN}, {@code 0} otherwise);
     * {@code infos.get(i)} is the info of env {@code i}'s step (the final step's when it finished).
     */
    public record VecStep(float[] observations, double[] rewards, boolean[] terminated, boolean[] truncated,
                          float[][] finalObservations, double[] episodeReturns, int[] episodeLengths,
                          List<Map<String, Double>> infos) {
        /** Whether env {@code i} finished its episode in this step. */
        public boolean done(int i) {
            return terminated[i] || truncated[i];
        }

        @Override
        public String toString() {
            return "VecStep[rewards=" + Arrays.toString(rewards) + ", terminated=" + Arrays.toString(terminated)
                    + ", truncated=" + Arrays.toString(truncated) + "]";
        }
    }
}
