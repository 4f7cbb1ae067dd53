package org.netmoe.agents.diffusion;

import org.netmoe.envs.Require;

/**
 * Hyperparameters of a {@link DiffusionPolicy}.
 *
 * @param steps            denoising steps T, in [1, 100]; the survey's setting uses few (default 5)
 * @param schedule         {@code linear}, {@code cosine} or {@code vp} ({@link BetaSchedule})
 * @param timeEmbeddingDim width of the sinusoidal embedding of t, even, in [2, 128]
 * @param learningRate     Adam learning rate, {@code > 0}
 * @param maxGradNorm      gradient clipping norm, {@code > 0}
 * @param clip             the action box {@code [−clip, clip]} that predicted x_0 is clipped to in sampling, {@code > 0}
 */
public record DiffusionConfig(int steps, String schedule, int timeEmbeddingDim, double learningRate,
                              double maxGradNorm, double clip) {
    public DiffusionConfig {
        Require.inRange("steps", steps, 1, 100);
        BetaSchedule.named(schedule);
        Require.inRange("timeEmbeddingDim", timeEmbeddingDim, 2, 128);
        if (timeEmbeddingDim % 2 != 0) {
            throw new IllegalArgumentException("timeEmbeddingDim must be even, was " + timeEmbeddingDim);
        }
        Require.positive("learningRate", learningRate);
        Require.positive("maxGradNorm", maxGradNorm);
        Require.positive("clip", clip);
    }

    /** 5 steps, VP schedule, 8-wide time embedding, learning rate 1e-3, clipping at norm 1, actions in [−1, 1]. */
    public static DiffusionConfig defaults() {
        return new DiffusionConfig(5, "vp", 8, 1e-3, 1.0, 1.0);
    }
}
