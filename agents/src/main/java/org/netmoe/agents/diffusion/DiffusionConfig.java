package org.netmoe.agents.diffusion;

import java.util.List;
import org.netmoe.core.ConfigId;
import org.netmoe.core.Require;

/**
 * Hyperparameters of a {@link DiffusionPolicy}.
 *
 * @param steps            denoising steps T, in [1, 100]; the survey's setting uses few (default 5)
 * @param schedule         the noise schedule: {@code vp}, {@code linear} or {@code cosine} ({@link BetaSchedule})
 * @param timeEmbeddingDim width of the sinusoidal embedding of t, even, in [2, 128]
 * @param learningRate     Adam learning rate, {@code > 0}
 * @param maxGradNorm      gradient clipping norm, {@code > 0}
 * @param clip             the action box {@code [−clip, clip]} that predicted x_0 is clipped to in sampling, {@code > 0}
 * @param training         how the policy learns ({@link Training}: {@code bc}, {@code actor} or {@code bc+actor})
 * @param eta              weight η of the normalized Q term {@code −Q / mean|Q|} in {@code bc+actor}, {@code > 0}
 *                         (ignored otherwise)
 */
public record DiffusionConfig(int steps, BetaSchedule schedule, int timeEmbeddingDim, double learningRate,
                              double maxGradNorm, double clip, Training training, double eta) {
    /** How a {@link DiffusionPolicy} learns; configs spell each by its {@link #id()}. */
    public enum Training implements ConfigId {
        /** {@code bc}: the diffusion loss against expert actions ({@link DiffusionPolicy#behaviourCloningUpdate}). */
        BC("bc"),
        /** {@code actor}: −Q of a {@link DoubleCritic} through the reverse chain ({@link DiffusionPolicy#actorUpdate}). */
        ACTOR("actor"),
        /** {@code bc+actor}: both, Diffusion-QL (Wang et al. 2023, Eq. 3; {@link DiffusionPolicy#actorUpdate}). */
        BC_ACTOR("bc+actor");

        private final String id;

        Training(String id) {
            this.id = id;
        }

        /** The spelling in configs: {@code bc}, {@code actor} or {@code bc+actor}. */
        @Override
        public String id() {
            return id;
        }

        /** Every id, in declaration order. */
        public static List<String> ids() {
            return ConfigId.ids(values());
        }

        /**
         * The mode spelled {@code id}.
         *
         * @throws IllegalArgumentException "training must be one of [bc, actor, bc+actor], was …"
         */
        public static Training named(String id) {
            return ConfigId.find(values(), id)
                    .orElseThrow(() -> new IllegalArgumentException("training must be one of " + ids() + ", was " + id));
        }
    }

    public DiffusionConfig {
        Require.inRange("steps", steps, 1, 100);
        Require.nonNull("schedule", schedule);
        Require.inRange("timeEmbeddingDim", timeEmbeddingDim, 2, 128);
        if (timeEmbeddingDim % 2 != 0) {
            throw new IllegalArgumentException("timeEmbeddingDim must be even, was " + timeEmbeddingDim);
        }
        Require.positive("learningRate", learningRate);
        Require.positive("maxGradNorm", maxGradNorm);
        Require.positive("clip", clip);
        Require.nonNull("training", training);
        Require.positive("eta", eta);
    }

    /**
     * 5 steps, VP schedule, 8-wide time embedding, learning rate 1e-3, clipping at norm 1, actions in [−1, 1],
     * behaviour cloning (η = 1 if switched to {@code bc+actor}).
     */
    public static DiffusionConfig defaults() {
        return new DiffusionConfig(5, BetaSchedule.VP, 8, 1e-3, 1.0, 1.0, Training.BC, 1.0);
    }

    /** Whether the policy learns from a critic ({@code actor} or {@code bc+actor}). */
    public boolean usesCritic() {
        return training != Training.BC;
    }
}
