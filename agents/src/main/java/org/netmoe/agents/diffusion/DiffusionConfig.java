package org.netmoe.agents.diffusion;

import java.util.List;
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
 * @param training         how the policy learns: {@code bc} (the diffusion loss against expert actions,
 *                         {@link DiffusionPolicy#behaviourCloningUpdate}), {@code actor} (−Q of a
 *                         {@link DoubleCritic} through the reverse chain) or {@code bc+actor} (both: Diffusion-QL,
 *                         Wang et al. 2023, Eq. 3; {@link DiffusionPolicy#actorUpdate})
 * @param eta              weight η of the normalized Q term {@code −Q / mean|Q|} in {@code bc+actor}, {@code > 0}
 *                         (ignored otherwise)
 */
public record DiffusionConfig(int steps, String schedule, int timeEmbeddingDim, double learningRate,
                              double maxGradNorm, double clip, String training, double eta) {
    /** The allowed values of {@code training}. */
    public static final List<String> TRAININGS = List.of("bc", "actor", "bc+actor");

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
        Require.oneOf("training", training, TRAININGS);
        Require.positive("eta", eta);
    }

    /**
     * 5 steps, VP schedule, 8-wide time embedding, learning rate 1e-3, clipping at norm 1, actions in [−1, 1],
     * behaviour cloning (η = 1 if switched to {@code bc+actor}).
     */
    public static DiffusionConfig defaults() {
        return new DiffusionConfig(5, "vp", 8, 1e-3, 1.0, 1.0, "bc", 1.0);
    }

    /** Whether the policy learns from a critic ({@code actor} or {@code bc+actor}). */
    public boolean usesCritic() {
        return !training.equals("bc");
    }
}
