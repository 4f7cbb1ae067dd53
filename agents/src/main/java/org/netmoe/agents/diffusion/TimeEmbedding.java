package org.netmoe.agents.diffusion;

import org.netmoe.core.Require;

/**
 * The sinusoidal timestep embedding of the Transformer and DDPM: for {@code i < d/2},
 * {@code e[i] = sin(t·ω_i)}, {@code e[d/2 + i] = cos(t·ω_i)}, {@code ω_i = 10000^(−i/(d/2 − 1))}
 * ({@code ω_0 = 1} when {@code d = 2}).
 */
public final class TimeEmbedding {
    private TimeEmbedding() {
    }

    /** The embedding {@code [dim]} of step {@code t}; {@code dim} even and {@code >= 2}. */
    public static float[] of(int t, int dim) {
        if (dim < 2 || dim % 2 != 0) {
            throw new IllegalArgumentException("timeEmbeddingDim must be even and >= 2, was " + dim);
        }
        Require.nonNegative("t", t);
        int half = dim / 2;
        float[] e = new float[dim];
        for (int i = 0; i < half; i++) {
            double w = half == 1 ? 1 : Math.pow(10000, -(double) i / (half - 1));
            e[i] = (float) Math.sin(t * w);
            e[half + i] = (float) Math.cos(t * w);
        }
        return e;
    }
}
