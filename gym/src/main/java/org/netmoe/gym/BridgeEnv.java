package org.netmoe.gym;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.netmoe.envs.Env;
import org.netmoe.envs.space.Action;

/**
 * One NetMoE env as the Python side steps it: a step is one call returning one flat array (the layout
 * of {@link StepPacker} with one env). Not thread-safe; the Python env that owns it uses it from one thread.
 */
public final class BridgeEnv implements AutoCloseable {
    private final Env env;
    private final StepPacker packer;
    private Map<String, Double> resetInfo = Map.of();

    BridgeEnv(Env env) {
        this.env = env;
        this.packer = new StepPacker(1, env.observationSpace().flatDim());
    }

    /** The spaces, as {@link SpaceJson} writes them. */
    public String spacesJson() {
        return SpaceJson.of(env.observationSpace(), env.actionSpace());
    }

    /**
     * Starts an episode: re-seeded with {@code seed} when {@code seeded}, else continuing the env's
     * RNG stream (an env never seeded behaves as if seeded with 0). Returns the first observation;
     * its info is {@link #resetInfoKeys()} and {@link #resetInfoValues()}.
     */
    public float[] reset(boolean seeded, long seed) {
        Env.Reset r = env.reset(seeded ? Long.valueOf(seed) : null, Map.of());
        resetInfo = new TreeMap<>(r.info());
        return r.observation();
    }

    /** The info keys of the last reset, sorted. */
    public String[] resetInfoKeys() {
        return resetInfo.keySet().toArray(String[]::new);
    }

    /** The info values of the last reset, in the order of {@link #resetInfoKeys()}. */
    public double[] resetInfoValues() {
        return resetInfo.values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Steps with discrete action {@code action}; returns the {@link StepPacker} layout. */
    public double[] step(int action) {
        return pack(env.step(Action.of(action)));
    }

    /** Steps with a Box or MultiDiscrete action; returns the {@link StepPacker} layout. */
    public double[] step(float[] action) {
        return pack(env.step(Action.of(action)));
    }

    /** The info keys of the steps since the last time {@code keysChanged} was 1. */
    public String[] infoKeys() {
        return packer.infoKeys();
    }

    private double[] pack(Env.Step s) {
        return packer.pack(new double[] {s.reward()}, new boolean[] {s.terminated()}, new boolean[] {s.truncated()},
                List.of(s.info()), s.observation());
    }

    @Override
    public void close() {
        env.close();
    }
}
