package org.netmoe.envs.edge;

import java.util.List;
import org.netmoe.core.ConfigId;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The paper's reference methods (Sec. IV-D, Fig. 4–5) and NetMoE's greedy heuristic, each scored on an
 * {@link EdgeTask} with the {@link EdgeModel}'s reward. Configs and results spell them {@code random},
 * {@code benchmark}, {@code greedy} and {@code upper-bound} ({@link ConfigId#id()}).
 */
public enum EdgeBaseline implements ConfigId {
    /** A device drawn uniformly at random. */
    RANDOM {
        @Override
        public double reward(EdgeModel model, EdgeTask task, UniformRandomProvider rng) {
            return model.reward(task, rng.nextInt(model.config().numDevices()));
        }
    },
    /** The user device drops the subtask and completes the rest locally. */
    BENCHMARK {
        @Override
        public double reward(EdgeModel model, EdgeTask task, UniformRandomProvider rng) {
            return model.benchmarkReward(task);
        }
    },
    /**
     * The greedy heuristic, no learning: the device with the best expected reward among the
     * topic-matched devices, computed from the observation ({@link EdgeModel#greedyDevice}).
     */
    GREEDY {
        @Override
        public double reward(EdgeModel model, EdgeTask task, UniformRandomProvider rng) {
            return model.reward(task, model.greedyDevice(model.observation(task)));
        }
    },
    /** The user device has the resources for every subtask and does them all itself. */
    UPPER_BOUND {
        @Override
        public double reward(EdgeModel model, EdgeTask task, UniformRandomProvider rng) {
            return model.upperBoundReward(task);
        }
    };

    /** The method's reward on {@code task}; only {@link #RANDOM} draws from {@code rng}. */
    public abstract double reward(EdgeModel model, EdgeTask task, UniformRandomProvider rng);

    /** Every id in declaration order. */
    public static List<String> ids() {
        return ConfigId.ids(values());
    }
}
