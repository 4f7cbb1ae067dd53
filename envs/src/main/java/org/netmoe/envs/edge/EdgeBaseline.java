package org.netmoe.envs.edge;

import java.util.List;
import org.netmoe.core.ConfigId;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The paper's reference methods (Sec. IV-D, Fig. 4–5), each scored on an {@link EdgeTask} with the
 * {@link EdgeModel}'s reward.
 */
public enum EdgeBaseline implements ConfigId {
    /** A device drawn uniformly at random. */
    RANDOM("random") {
        @Override
        public double reward(EdgeModel model, EdgeTask task, UniformRandomProvider rng) {
            return model.reward(task, rng.nextInt(model.config().numDevices()));
        }
    },
    /** The user device drops the subtask and completes the rest locally. */
    BENCHMARK("benchmark") {
        @Override
        public double reward(EdgeModel model, EdgeTask task, UniformRandomProvider rng) {
            return model.benchmarkReward(task);
        }
    },
    /** The user device has the resources for every subtask and does them all itself. */
    UPPER_BOUND("upper-bound") {
        @Override
        public double reward(EdgeModel model, EdgeTask task, UniformRandomProvider rng) {
            return model.upperBoundReward(task);
        }
    };

    private final String id;

    EdgeBaseline(String id) {
        this.id = id;
    }

    /** The id used in configs and results ({@code random}, {@code benchmark}, {@code upper-bound}). */
    @Override
    public String id() {
        return id;
    }

    /** The method's reward on {@code task}; only {@link #RANDOM} draws from {@code rng}. */
    public abstract double reward(EdgeModel model, EdgeTask task, UniformRandomProvider rng);

    /** Every id in declaration order. */
    public static List<String> ids() {
        return ConfigId.ids(values());
    }
}
