package org.netmoe.training.experiment.edge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.OptionalDouble;
import org.netmoe.agents.sac.SacConfig;
import org.netmoe.core.Require;
import org.netmoe.envs.edge.EdgeConfig;
import org.netmoe.moe.layer.NetworkConfig;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.experiment.ExperimentConfigs;
import org.netmoe.training.experiment.ExperimentContext;

/**
 * The whole of {@code configs/edge-fig4.yaml}, bound and checked before any work by {@link #bind}.
 * A missing {@code seed} is 1 ({@code edge-fig4.defaults.yaml}, a resource beside
 * {@link ExperimentConfigs}); {@code edge}, {@code sac} and {@code schedule} are merged over
 * {@link EdgeConfig#defaults()}, {@link #defaultSac()} and {@link EdgeFig4Schedule#defaults()}.
 *
 * @param experiment {@code edge-fig4}
 * @param seed       the root seed: SAC's streams and each epoch's evaluation tasks and random picks are named
 *                   splits of it
 * @param edge       the {@code edge-select} env SAC trains on and every method is scored on
 * @param sac        discrete SAC; {@code learningStarts} below the training steps, {@code numEnvs} dividing
 *                   {@code schedule.stepsPerEpoch}
 * @param schedule   the epochs of training and scoring
 */
public record EdgeFig4Config(String experiment, long seed, EdgeConfig edge, SacConfig sac,
                             EdgeFig4Schedule schedule) {
    public EdgeFig4Config {
        Require.nonNull("edge", edge);
        requireTrainingFits(Require.nonNull("sac", sac), Require.nonNull("schedule", schedule));
    }

    /** The checks across {@code sac} and {@code schedule}. */
    private static void requireTrainingFits(SacConfig sac, EdgeFig4Schedule schedule) {
        if (schedule.stepsPerEpoch() % sac.numEnvs() != 0) {
            // Otherwise every epoch overshoots and env_steps no longer counts epochs × stepsPerEpoch.
            throw new IllegalArgumentException("schedule.stepsPerEpoch must be a multiple of sac.numEnvs ("
                    + sac.numEnvs() + "), was " + schedule.stepsPerEpoch());
        }
        if (sac.learningStarts() >= schedule.totalSteps()) {
            throw new IllegalArgumentException("sac.learningStarts must be < the training steps,"
                    + " schedule.epochs × schedule.stepsPerEpoch = " + schedule.totalSteps() + " (else SAC never"
                    + " updates), was " + sac.learningStarts());
        }
    }

    /**
     * The config of {@code ctx} bound and checked.
     *
     * @throws ConfigException naming the field
     */
    public static EdgeFig4Config bind(ExperimentContext ctx) {
        return bind(ctx.config());
    }

    /**
     * {@code config} (an edge-fig4 config file's tree) merged over the defaults, bound and checked.
     *
     * @throws ConfigException naming the field
     */
    public static EdgeFig4Config bind(ObjectNode config) {
        ObjectNode tree = ExperimentConfigs.overDefaults("edge-fig4", config);
        ExperimentConfigs.underRecord(tree, "edge", EdgeConfig.defaults());
        ExperimentConfigs.underRecord(tree, "sac", defaultSac());
        ExperimentConfigs.underRecord(tree, "schedule", EdgeFig4Schedule.defaults());
        return ExperimentConfigs.bind(tree, EdgeFig4Config.class);
    }

    /** The SAC of {@code configs/edge-sac.yaml}: 2×128, lr 1e-3, γ = 0, τ = 0.01, α from 0.05 toward 0.5 nats. */
    public static SacConfig defaultSac() {
        return new SacConfig(List.of(128, 128), 1e-3, 1e-3, 0.0, 0.01, 64, 20_000, 500, 1, 1, 1, true, 0.05,
                OptionalDouble.of(0.5), 1, NetworkConfig.mlp());
    }
}
