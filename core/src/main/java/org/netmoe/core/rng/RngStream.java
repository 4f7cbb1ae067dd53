package org.netmoe.core.rng;

import java.nio.charset.StandardCharsets;
import org.apache.commons.rng.RandomProviderState;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.simple.RandomSource;

/**
 * A named, restorable random stream (xoroshiro128++). One root seed per run is split into
 * named streams ({@code env/0}, {@code explore}, {@code sample}, {@code init}, …) with
 * {@link #split(String)}; every stream's state can be saved and restored exactly, so a resumed run
 * draws the same numbers as an uninterrupted one.
 */
public final class RngStream implements UniformRandomProvider {
    private final long seed;
    private final RestorableUniformRandomProvider provider;

    private RngStream(long seed) {
        this.seed = seed;
        this.provider = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    /** A stream seeded with {@code seed}. */
    public static RngStream of(long seed) {
        return new RngStream(seed);
    }

    /**
     * An independent stream whose seed derives from this stream's seed and {@code name} only
     * (not from how many numbers were drawn), so the same root seed always yields the same splits.
     */
    public RngStream split(String name) {
        return new RngStream(deriveSeed(seed, name));
    }

    /** The seed of the stream called {@code name} under root seed {@code seed}. */
    public static long deriveSeed(long seed, String name) {
        long h = 0xcbf29ce484222325L; // FNV-1a over the name's UTF-8 bytes
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return mix64(seed + 0x9E3779B97F4A7C15L * (h | 1));
    }

    private static long mix64(long z) { // SplitMix64 finalizer
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The seed this stream was created with. */
    public long seed() {
        return seed;
    }

    @Override
    public long nextLong() {
        return provider.nextLong();
    }

    @Override
    public int nextInt() {
        return provider.nextInt();
    }

    @Override
    public int nextInt(int n) {
        return provider.nextInt(n);
    }

    @Override
    public double nextDouble() {
        return provider.nextDouble();
    }

    @Override
    public float nextFloat() {
        return provider.nextFloat();
    }

    @Override
    public boolean nextBoolean() {
        return provider.nextBoolean();
    }

    /** The generator's full state, to be given back to {@link #restoreState(byte[])}. */
    public byte[] saveState() {
        return ((RandomProviderDefaultState) provider.saveState()).getState();
    }

    /**
     * Restores a state saved by {@link #saveState()}.
     *
     * @throws IllegalArgumentException if {@code state} is not a state of this generator type
     */
    public void restoreState(byte[] state) {
        RandomProviderState s = new RandomProviderDefaultState(state);
        try {
            provider.restoreState(s);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an RNG state of this stream's generator: " + e.getMessage(), e);
        }
    }
}
