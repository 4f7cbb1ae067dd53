package org.netmoe.training.experiment.multibs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netmoe.agents.diffusion.CriticConfig;
import org.netmoe.agents.diffusion.DenoiserSpec;
import org.netmoe.agents.diffusion.DiffusionConfig;
import org.netmoe.agents.dqn.DqnConfig;
import org.netmoe.checkpoints.CheckpointConfig;
import org.netmoe.core.Require;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.multibs.MultiBsConfig;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.config.ConfigLoader;
import org.netmoe.training.experiment.ExperimentConfigs;
import org.netmoe.training.experiment.ExperimentContext;

/**
 * The whole of {@code configs/multibs-fig12.yaml}, bound and checked before any work by {@link #bind}.
 * Fields the file leaves out come from {@code multibs-fig12.defaults.yaml} (a resource beside
 * {@link ExperimentConfigs}); {@code env}, {@code diffusion}, {@code critic} and {@code checkpoint} are merged over
 * {@link MultiBsConfig#defaults()}, {@link DiffusionConfig#defaults()}, {@link CriticConfig#defaults()} and
 * {@link #CHECKPOINT_DEFAULTS}.
 *
 * @param experiment    {@code multibs-fig12}
 * @param seed          the root seed; run n of every architecture derives its own ({@link #runSeed})
 * @param env           multi-bs's parameters ({@code episodeSteps} must be 1: one UE per episode); its channel must
 *                      be the built-in geometric scene, which the user grid must fit in
 * @param users         the UE grid
 * @param training      the training of every (architecture, seed) run
 * @param diffusion     the diffusion policy that generates the precoder
 * @param critic        the double critic of the {@code actor} and {@code bc+actor} trainings (unused by {@code bc})
 * @param checkpoint    when each (architecture, seed) run checkpoints and how many it keeps
 * @param architectures the denoiser architectures of Table VII, at least one, with distinct ids
 */
public record MultibsFig12Config(String experiment, long seed, MultiBsConfig env, UsersSpec users,
                                 TrainingSpec training, DiffusionConfig diffusion, CriticConfig critic,
                                 CheckpointConfig checkpoint, List<ArchitectureSpec> architectures) {
    /**
     * The default {@code checkpoint} section: every 100 env steps (the smoke config's 400 steps write four per
     * run), keeping the 2 newest per run.
     */
    public static final CheckpointConfig CHECKPOINT_DEFAULTS = new CheckpointConfig(100, 2);

    /** The sections merged over a record's defaults, by field (a section left out is those defaults). */
    private static final Map<String, Record> SECTION_DEFAULTS = Map.of("env", MultiBsConfig.defaults(),
            "diffusion", DiffusionConfig.defaults(), "critic", CriticConfig.defaults(), "checkpoint",
            CHECKPOINT_DEFAULTS);

    /** What an architecture id may hold: it names the run's checkpoint directory. */
    private static final String ID_PATTERN = "[A-Za-z0-9_-][A-Za-z0-9._-]*";

    /**
     * The config of {@code ctx} bound, with everything that can be checked before training checked.
     *
     * @throws ConfigException naming the field
     */
    public static MultibsFig12Config bind(ExperimentContext ctx) {
        return bind(ctx.config());
    }

    /**
     * {@code config} (a multibs-fig12 config file's tree) merged over the defaults, bound and checked: one UE per
     * episode, the user grid on the env's scene, at least one architecture, each id a directory name used once.
     *
     * @throws ConfigException naming the field
     */
    public static MultibsFig12Config bind(ObjectNode config) {
        ObjectNode tree = ExperimentConfigs.overDefaults("multibs-fig12", config);
        SECTION_DEFAULTS.forEach((field, defaults) -> ExperimentConfigs.underRecord(tree, field, defaults));
        MultibsFig12Config c = ExperimentConfigs.bind(tree, MultibsFig12Config.class, "training", "users");
        if (c.env().episodeSteps() != 1) {
            throw new ConfigException("env.episodeSteps: multibs-fig12 serves one UE per episode, was "
                    + c.env().episodeSteps());
        }
        if (c.architectures() == null) {
            throw new ConfigException("architectures: missing");
        }
        if (c.architectures().isEmpty()) {
            throw new ConfigException("architectures: must list at least one architecture");
        }
        c.denoisers(); // checks every architecture's id and denoiser
        UserGrid.requireGridOnScene(c.env(), c.users());
        return c;
    }

    /**
     * The denoiser of each architecture by id, in config order.
     *
     * @throws ConfigException naming {@code architectures[i]} when an id is not a directory name or is used twice,
     *                         or its denoiser is invalid
     */
    public Map<String, DenoiserSpec> denoisers() {
        Map<String, DenoiserSpec> denoisers = new LinkedHashMap<>();
        for (int i = 0; i < architectures.size(); i++) {
            ArchitectureSpec a = architectures.get(i);
            try {
                if (!a.id().matches(ID_PATTERN)) {
                    throw new IllegalArgumentException("id must be letters, digits, '.', '_' and '-' (it names the"
                            + " checkpoint directory), was " + a.id());
                }
                if (denoisers.put(a.id(), a.denoiser()) != null) {
                    throw new IllegalArgumentException("id " + a.id() + " is used twice");
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException("architectures[" + i + "]: " + e.getMessage(), e);
            }
        }
        return denoisers;
    }

    /** The seed of run {@code run} (1-based) of every architecture: a named split of {@link #seed}. */
    public long runSeed(int run) {
        return RngStream.deriveSeed(seed, "run-" + run);
    }

    /**
     * The resolved config of one (architecture, seed) run: what its checkpoints must have been written with
     * (the {@code checkpoint} section may change between a run and its resume; nothing else may). Its text is
     * part of every checkpoint, so it must not change for old checkpoints to resume.
     */
    public String runConfig(int run, String architecture, DenoiserSpec denoiser) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.put("experimentSeed", seed);
        tree.put("run", run);
        tree.put("architecture", architecture);
        tree.set("denoiser", ConfigLoader.toTree(denoiser));
        tree.set("env", ConfigLoader.toTree(env));
        tree.set("training", ConfigLoader.toTree(training));
        tree.set("users", ConfigLoader.toTree(users));
        tree.set("diffusion", ConfigLoader.toTree(diffusion));
        if (diffusion.usesCritic()) {
            tree.set("critic", ConfigLoader.toTree(critic));
        }
        return ConfigLoader.toYaml(tree);
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
