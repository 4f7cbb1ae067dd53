package org.netmoe.moe.mix;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * A frozen expert whose scores are memoized per observation: frozen experts are pure functions of
 * the observation, and small envs (the maze has 42 observations) revisit the same ones millions of
 * times during gate search and evaluation. Not thread-safe.
 */
public final class CachedExpert implements Expert {
    private final Expert expert;
    private final Map<ByteBuffer, double[]> cache = new HashMap<>();
    private final int maxEntries;

    /** Memoizes {@code expert} for up to {@code maxEntries} distinct observations (then computes directly). */
    public CachedExpert(Expert expert, int maxEntries) {
        this.expert = expert;
        this.maxEntries = maxEntries;
    }

    @Override
    public ExpertInfo info() {
        return expert.info();
    }

    @Override
    public ScoreKind kind() {
        return expert.kind();
    }

    @Override
    public int numActions() {
        return expert.numActions();
    }

    @Override
    public double[] scores(float[] observation) {
        ByteBuffer key = ByteBuffer.allocate(observation.length * Float.BYTES);
        key.asFloatBuffer().put(observation);
        double[] s = cache.get(key);
        if (s == null) {
            s = expert.scores(observation);
            if (cache.size() < maxEntries) {
                cache.put(key, s.clone());
            }
            return s;
        }
        return s.clone();
    }
}
