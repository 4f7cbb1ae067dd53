package org.netmoe.training.experiment.multibs;

import java.util.List;
import org.netmoe.agents.diffusion.DenoiserSpec;
import org.netmoe.agents.dqn.DqnConfig;
import org.netmoe.checkpoints.CheckpointConfig;
import org.netmoe.core.Require;

/** The sections of {@code configs/multibs-fig12.yaml} bound to records. */
public final class MultibsFig12Config {
    /**
     * The default {@code checkpoint} section: every 100 env steps (the smoke config's 400 steps write four per
     * run), keeping the 2 newest per run.
     */
    public static final CheckpointConfig CHECKPOINT_DEFAULTS = new CheckpointConfig(100, 2);

    private MultibsFig12Config() {
    }

    /**
     * The training of every (architecture, seed) run.
     *
     * @param seeds              runs per architecture, in [1, 100]; run n (1-based) draws every stream from
     *                           {@code RngStream.of(RngStream.deriveSeed(seed, "run-" + n))}
     * @param steps              env steps (UEs served) per run, {@code > 0}
     * @param learningStarts     steps before the first update (the replay fills), {@code >= 0}
     * @param batchSize          minibatch of the diffusion policy (and critic), {@code > 0}
     * @param bufferSize         replay capacity, {@code >= batchSize}
     * @param evalEvery          steps between evaluations on the test users, {@code > 0}
     * @param thresholdFraction  "steps to threshold" counts steps until the test users' sum rate first closes this
     *                           fraction of the gap from a random precoder to the best one (both on the shared
     *                           BS sets), in (0, 1]
     * @param bcUpdatesPerStep   diffusion-policy updates per env step, in [1, 64]
     */
    public record TrainingSpec(int seeds, long steps, long learningStarts, int batchSize, int bufferSize,
                               long evalEvery, double thresholdFraction, int bcUpdatesPerStep) {
        public TrainingSpec {
            Require.inRange("seeds", seeds, 1, 100);
            Require.positive("steps", steps);
            if (learningStarts < 0) {
                throw new IllegalArgumentException("learningStarts must be >= 0, was " + learningStarts);
            }
            Require.positive("batchSize", batchSize);
            Require.positive("bufferSize", bufferSize);
            if (bufferSize < batchSize) {
                throw new IllegalArgumentException("bufferSize must be >= batchSize (" + batchSize + "), was "
                        + bufferSize);
            }
            Require.inRange("bufferSize", bufferSize, 1, DqnConfig.MAX_BUFFER_SIZE);
            Require.positive("evalEvery", evalEvery);
            Require.positive("thresholdFraction", thresholdFraction);
            Require.inRange("thresholdFraction", thresholdFraction, 0, 1);
            Require.inRange("bcUpdatesPerStep", bcUpdatesPerStep, 1, 64);
        }
    }

    /**
     * The UE population: a fixed grid of locations on the geometric scene (as DeepMIMO's ray-traced user rows),
     * split in a checkerboard: grid point (i, j) is a test user when {@code i + j} is odd and a training user
     * otherwise, so every test user's four grid neighbours, {@code spacing} away, are training users. Points inside
     * a building are left out.
     *
     * @param x0      left edge of the grid in metres, {@code >= 0}
     * @param y0      lower edge in metres, {@code >= 0}
     * @param width   extent along x in metres, {@code > 0}; {@code x0 + width} within the env's area
     * @param height  extent along y in metres, {@code > 0}; {@code y0 + height} within the env's area
     * @param spacing distance between neighbouring grid points in metres, {@code > 0}; point (i, j) lies at
     *                {@code (x0 + (i + ½)·spacing, y0 + (j + ½)·spacing)}
     */
    public record UsersSpec(double x0, double y0, double width, double height, double spacing) {
        /** At most this many grid points (each costs an exhaustive search over every BS set and precoder). */
        public static final int MAX_POINTS = 100_000;

        public UsersSpec {
            Require.nonNegative("x0", x0);
            Require.nonNegative("y0", y0);
            Require.positive("width", width);
            Require.positive("height", height);
            Require.positive("spacing", spacing);
            if (columns(width, spacing) < 2 || columns(height, spacing) < 2) {
                throw new IllegalArgumentException("spacing must leave at least 2 grid points along x and y (width "
                        + width + ", height " + height + "), was " + spacing);
            }
            if ((long) columns(width, spacing) * columns(height, spacing) > MAX_POINTS) {
                throw new IllegalArgumentException("width x height / spacing^2 must be at most " + MAX_POINTS
                        + " grid points, was " + (long) columns(width, spacing) * columns(height, spacing));
            }
        }

        private static int columns(double extent, double spacing) {
            return (int) Math.min(Integer.MAX_VALUE, Math.floor(extent / spacing));
        }

        /** Grid points along x. */
        public int columns() {
            return columns(width, spacing);
        }

        /** Grid points along y. */
        public int rows() {
            return columns(height, spacing);
        }
    }

    /**
     * One denoiser architecture of Table VII.
     *
     * @param id          the row name ({@code moe-top1}, {@code mlp}, …)
     * @param type        {@code mlp} or {@code moe}
     * @param hiddenSizes hidden widths of the MLP or of each expert
     * @param experts     experts of {@code moe} (default 4)
     * @param topK        routed experts of {@code moe} (default 1)
     */
    public record ArchitectureSpec(String id, String type, List<Integer> hiddenSizes, Integer experts, Integer topK) {
        public ArchitectureSpec {
            Require.nonNull("id", id);
            Require.nonNull("type", type);
            Require.nonNull("hiddenSizes", hiddenSizes);
        }

        /** The denoiser spec (ReLU; MoE with a single-layer softmax gate, load balancing 0.01). */
        public DenoiserSpec denoiser() {
            return type.equals("moe")
                    ? DenoiserSpec.moe(hiddenSizes, experts == null ? 4 : experts, topK == null ? 1 : topK)
                    : new DenoiserSpec(type, hiddenSizes, "relu", 1, 1, 0);
        }
    }
}
