package org.netmoe.envs.edge;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.netmoe.envs.EnvSpec;
import org.netmoe.envs.ArrivalEnv;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.Discrete;

/**
 * {@code edge-select} (paper <i>moe-generative-ai-mobile-edge</i>, Sec. IV-C/D, Fig. 4–5; SPEC
 * §2.4): the user device must hand one subtask of its task to one of N edge devices, each hosting an
 * expert of one topic; the action is the device index, the reward the task's score minus the costs
 * ({@link EdgeModel}; formulas in the package javadoc).
 *
 * <ul>
 *   <li><b>Observation</b>: {@link EdgeModel#observation} ({@code 2 + T + 3N} floats in [0, 1]).</li>
 *   <li><b>Action</b>: {@code Discrete(N)}, the edge device.</li>
 *   <li><b>Episodes</b>: {@link EdgeConfig#episodeSteps()} tasks, a new one after each step; the last
 *       step terminates (a task's reward never depends on earlier choices). Default 1: a contextual
 *       bandit.</li>
 *   <li><b>Info</b> after a step: {@code quality} (score the subtask added), {@code completed_fraction},
 *       {@code match} (1 if the device's topic is the subtask's), {@code comm_energy_j},
 *       {@code comm_cost}, {@code compute_cost}, {@code benchmark_reward}, {@code upper_bound_reward},
 *       {@code optimal_action} (the best device in hindsight), {@code optimal_utility} (its reward; the
 *       key {@code netmoe train} reads for the oracle fraction), {@code regret} ({@code >= 0}),
 *       {@code topic}. After a reset: {@code optimal_action}, {@code optimal_utility}, {@code topic}.</li>
 * </ul>
 */
public final class EdgeSelectEnv extends ArrivalEnv<Discrete, EdgeTask> {
    /** The registry entry. */
    public static final EnvSpec<EdgeConfig> SPEC = new EnvSpec<>("edge-select",
            "edge expert selection for an offloaded GAI subtask (quality minus comm/compute cost, contextual bandit)",
            EdgeConfig.class, EdgeConfig.defaults(), EdgeSelectEnv::new);

    private final EdgeModel model;

    /** An env with parameters {@code config} and the built-in quality model. */
    public EdgeSelectEnv(EdgeConfig config) {
        this(new EdgeModel(config));
    }

    /** An env over {@code model} (e.g. with another {@link QualityModel}). */
    public EdgeSelectEnv(EdgeModel model) {
        super(model.config().episodeSteps(), Box.uniform(0f, 1f, model.obsDim()),
                new Discrete(model.config().numDevices()));
        this.model = model;
    }

    @Override
    protected EdgeTask arrive(RngStream rng) {
        return model.draw(rng);
    }

    @Override
    protected float[] observation(EdgeTask task) {
        return model.observation(task);
    }

    @Override
    protected Map<String, Double> arrivalInfo(EdgeTask task) {
        Map<String, Double> info = new HashMap<>();
        int best = model.bestDevice(task);
        info.put("optimal_action", (double) best);
        info.put("optimal_utility", model.reward(task, best));
        info.put("topic", (double) task.topic());
        return info;
    }

    @Override
    protected double serve(EdgeTask task, Action action, Map<String, Double> info) {
        int device = actionSpace().index(action);
        double reward = model.reward(task, device);
        int best = model.bestDevice(task);
        double optimal = model.reward(task, best);
        info.put("quality", model.quality(task, device));
        info.put("completed_fraction", model.completedFraction(task, device));
        info.put("match", model.config().specialty(device) == task.topic() ? 1.0 : 0.0);
        info.put("comm_energy_j", model.commEnergyJ(task, device));
        info.put("comm_cost", model.commCost(task, device));
        info.put("compute_cost", model.computeCost(task, device));
        info.put("benchmark_reward", model.benchmarkReward(task));
        info.put("upper_bound_reward", model.upperBoundReward(task));
        info.put("optimal_action", (double) best);
        info.put("optimal_utility", optimal);
        info.put("regret", optimal - reward);
        info.put("topic", (double) task.topic());
        return reward;
    }

    /** The task's topic, sizes and per-device and per-subtask draws. */
    @Override
    protected void saveArrival(EdgeTask task, DataOutput out) throws IOException {
        out.writeInt(task.topic());
        out.writeDouble(task.promptKbit());
        out.writeDouble(task.outputKbit());
        writeArray(out, task.snrDb());
        writeArray(out, task.capacityKbit());
        writeArray(out, task.expertScore());
        writeArray(out, task.localScores());
    }

    @Override
    protected EdgeTask restoreArrival(DataInput in) throws IOException {
        int topic = in.readInt();
        if (topic < 0 || topic >= model.config().numTopics()) {
            throw new IllegalArgumentException("edge-select state: topic " + topic + " is not in [0, "
                    + model.config().numTopics() + ")");
        }
        double prompt = in.readDouble();
        double output = in.readDouble();
        int n = model.config().numDevices();
        return new EdgeTask(topic, prompt, output, readArray(in, n, "snrDb"), readArray(in, n, "capacityKbit"),
                readArray(in, n, "expertScore"), readArray(in, model.config().numSubtasks(), "localScores"));
    }

    private static void writeArray(DataOutput out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    private static double[] readArray(DataInput in, int expected, String field) throws IOException {
        int length = in.readInt();
        if (length != expected) {
            throw new IllegalArgumentException("edge-select state: " + field + " has " + length + " entries, expected "
                    + expected);
        }
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }

    /**
     * The current task.
     *
     * @throws IllegalStateException before the first reset
     */
    public EdgeTask task() {
        return require("task");
    }

    /** The quality/cost model (also scores the baselines). */
    public EdgeModel model() {
        return model;
    }
}
