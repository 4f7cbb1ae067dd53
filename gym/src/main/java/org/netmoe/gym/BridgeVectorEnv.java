package org.netmoe.gym;

import java.util.Arrays;
import org.netmoe.envs.VectorEnv;
import org.netmoe.envs.space.Action;

/**
 * N copies of a NetMoE env stepped in one call, with {@link VectorEnv}'s auto-reset: a finished env's
 * row of the returned observations already holds the next episode's first observation and
 * {@link #finalObservation(int)} its last one (Gymnasium's same-step auto-reset). A step is one call
 * returning the {@link StepPacker} layout. Not thread-safe.
 */
public final class BridgeVectorEnv implements AutoCloseable {
    private final VectorEnv envs;
    private final int n;
    private final StepPacker packer;
    private VectorEnv.VecStep last;
    private boolean started;

    BridgeVectorEnv(VectorEnv envs) {
        this.envs = envs;
        this.n = envs.numEnvs();
        this.packer = new StepPacker(n, envs.obsDim());
    }

    /** The spaces of one copy, as {@link SpaceJson} writes them. */
    public String spacesJson() {
        return SpaceJson.of(envs.observationSpace(), envs.actionSpace());
    }

    /**
     * Resets every copy and returns the observations {@code [numEnvs * obsDim]}. Seeded (and on the
     * first reset, with seed 0 when not seeded) copy {@code i} gets {@code deriveSeed(seed, "env/" + i)},
     * {@link VectorEnv}'s contract; an unseeded later reset continues each copy's RNG stream.
     */
    public float[] reset(boolean seeded, long seed) {
        last = null;
        if (seeded || !started) {
            started = true;
            return envs.reset(seeded ? seed : 0L);
        }
        int dim = envs.obsDim();
        float[] obs = new float[n * dim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(envs.env(i).reset().observation(), 0, obs, i * dim, dim);
        }
        return obs;
    }

    /** Steps copy {@code i} with discrete action {@code actions[i]}; returns the {@link StepPacker} layout. */
    public double[] step(int[] actions) {
        return pack(envs.step(actions));
    }

    /**
     * Steps with Box or MultiDiscrete actions, row {@code i} of {@code actions [numEnvs * actionDim]} for
     * copy {@code i}; returns the {@link StepPacker} layout.
     */
    public double[] step(float[] actions, int actionDim) {
        if (actions.length != n * actionDim) {
            throw new IllegalArgumentException("expected " + n + " x " + actionDim + " action values, got " + actions.length);
        }
        Action[] a = new Action[n];
        for (int i = 0; i < n; i++) {
            a[i] = Action.of(Arrays.copyOfRange(actions, i * actionDim, (i + 1) * actionDim));
        }
        return pack(envs.step(a));
    }

    /** The last observation of copy {@code i}'s episode if it finished in the last step, else null. */
    public float[] finalObservation(int i) {
        return last.finalObservations()[i];
    }

    /** The info keys of the steps since the last time {@code keysChanged} was 1. */
    public String[] infoKeys() {
        return packer.infoKeys();
    }

    private double[] pack(VectorEnv.VecStep step) {
        last = step;
        return packer.pack(step.rewards(), step.terminated(), step.truncated(), step.infos(), step.observations());
    }

    /** Number of copies. */
    public int numEnvs() {
        return n;
    }

    @Override
    public void close() {
        envs.close();
    }
}
