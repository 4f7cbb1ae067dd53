package org.netmoe.envs.edge;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.netmoe.core.Require;

/**
 * The {@code edge-select} quality/cost model (formulas in the package javadoc): draws tasks,
 * scores every choice (an edge device, dropping the subtask, the resource-unlimited user device)
 * and turns a task into the env's observation.
 */
public final class EdgeModel {
    private static final double KBIT = 1000;
    private final EdgeConfig config;
    private final QualityModel quality;
    private final double maxEnergyJ;

    /** The model of {@code config} with the built-in {@link SpecialtyQuality} scorer. */
    public EdgeModel(EdgeConfig config) {
        this(config, SpecialtyQuality.of(config));
    }

    /** The model of {@code config} scoring expert content with {@code quality}. */
    public EdgeModel(EdgeConfig config, QualityModel quality) {
        this.config = Require.nonNull("config", config);
        this.quality = Require.nonNull("quality", quality);
        this.maxEnergyJ = config.powerW() * (config.promptKbit().max() + config.outputKbit().max()) * KBIT
                / rate(config.snrDb().min());
    }

    /** Observation entries: required resources, prompt size, topic one-hot; per device capacity, topic, energy. */
    public int obsDim() {
        return 2 + config.numTopics() + 3 * config.numDevices();
    }

    /** Draws a task: topic, sizes, per-device SNR, capacity and expert score, and the local scores. */
    public EdgeTask draw(UniformRandomProvider rng) {
        int n = config.numDevices();
        int topic = rng.nextInt(config.numTopics());
        double prompt = config.promptKbit().at(rng.nextDouble());
        double output = config.outputKbit().at(rng.nextDouble());
        double[] snr = new double[n];
        double[] capacity = new double[n];
        double[] score = new double[n];
        for (int i = 0; i < n; i++) {
            snr[i] = config.snrDb().at(rng.nextDouble());
            capacity[i] = config.capacityKbit().at(rng.nextDouble());
            score[i] = quality.score(topic, config.specialty(i), rng);
        }
        double[] local = new double[config.numSubtasks()];
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int j = 0; j < local.length; j++) {
            local[j] = Math.max(0, config.localQuality() + config.qualityNoise() * gauss.sample());
        }
        return new EdgeTask(topic, prompt, output, snr, capacity, score, local);
    }

    /** Shannon rate {@code B·log2(1 + 10^(snrDb/10))} in bit/s. */
    public double rate(double snrDb) {
        return config.bandwidthHz() * Math.log1p(Math.pow(10, snrDb / 10)) / Math.log(2);
    }

    /** The share of the subtask's content device {@code device} can generate: {@code min(1, capacity/output)}. */
    public double completedFraction(EdgeTask task, int device) {
        return Math.min(1, task.capacity(device) / task.outputKbit());
    }

    /**
     * Communication energy in joules of offloading to {@code device}: sending the prompt and receiving
     * the generated share, {@code P·(prompt + f·output)/rate}.
     */
    public double commEnergyJ(EdgeTask task, int device) {
        double bits = (task.promptKbit() + completedFraction(task, device) * task.outputKbit()) * KBIT;
        return config.powerW() * bits / rate(task.snr(device));
    }

    /** The score the offloaded subtask adds with {@code device}: {@code f·expertScore}. */
    public double quality(EdgeTask task, int device) {
        return completedFraction(task, device) * task.score(device);
    }

    /** {@code λ_E·E}: the reward lost to communication. */
    public double commCost(EdgeTask task, int device) {
        return config.energyCostPerJoule() * commEnergyJ(task, device);
    }

    /** {@code λ_G·f·output}: the reward lost to computing on the edge device (∝ the content generated). */
    public double computeCost(EdgeTask task, int device) {
        return config.computeCostPerKbit() * completedFraction(task, device) * task.outputKbit();
    }

    /** The score of the subtasks the user device does itself: {@code Σ_{j<n−1} localScores[j]}. */
    public double localBase(EdgeTask task) {
        double s = 0;
        for (int j = 0; j < config.numSubtasks() - 1; j++) {
            s += task.local(j);
        }
        return s;
    }

    /** The reward of offloading to {@code device}: local base + quality − comm cost − compute cost. */
    public double reward(EdgeTask task, int device) {
        Require.inRange("device", device, 0, config.numDevices() - 1);
        return localBase(task) + quality(task, device) - commCost(task, device) - computeCost(task, device);
    }

    /** The benchmark's reward: the subtask is dropped, only the local base counts. */
    public double benchmarkReward(EdgeTask task) {
        return localBase(task);
    }

    /** The upper bound's reward: the user device has the resources and does the subtask too. */
    public double upperBoundReward(EdgeTask task) {
        return localBase(task) + task.local(config.numSubtasks() - 1);
    }

    /** The device with the highest {@link #reward} (the first on ties): the oracle in hindsight. */
    public int bestDevice(EdgeTask task) {
        int best = 0;
        double bestReward = reward(task, 0);
        for (int i = 1; i < config.numDevices(); i++) {
            double r = reward(task, i);
            if (r > bestReward) {
                best = i;
                bestReward = r;
            }
        }
        return best;
    }

    /**
     * The observation of {@code task}, {@link #obsDim()} floats in [0, 1]: {@code output/output.max}
     * (required resources), {@code prompt/prompt.max} (what sending costs), the topic one-hot over T;
     * then per device i: {@code capacity_i/capacity.max} (available resources),
     * {@code specialty_i/(T−1)} (expert type; 0 when T = 1) and {@code E_i/E_max}, the energy of sending
     * the prompt and receiving the whole content at device i's rate, over the largest possible such energy.
     */
    public float[] observation(EdgeTask task) {
        float[] obs = new float[obsDim()];
        int t = config.numTopics();
        obs[0] = (float) (task.outputKbit() / config.outputKbit().max());
        obs[1] = config.promptKbit().max() == 0 ? 0f : (float) (task.promptKbit() / config.promptKbit().max());
        obs[2 + task.topic()] = 1f;
        int off = 2 + t;
        for (int i = 0; i < config.numDevices(); i++) {
            double fullEnergy = config.powerW() * (task.promptKbit() + task.outputKbit()) * KBIT / rate(task.snr(i));
            obs[off + 3 * i] = clamp(task.capacity(i) / config.capacityKbit().max());
            obs[off + 3 * i + 1] = t == 1 ? 0f : (float) config.specialty(i) / (t - 1);
            obs[off + 3 * i + 2] = clamp(fullEnergy / maxEnergyJ);
        }
        return obs;
    }

    /**
     * The greedy heuristic's device, computed from {@code observation} (an {@link #observation}) alone:
     * among the devices whose expert matches the task's topic (all devices when none does), the one with
     * the highest expected reward {@code f·matchQuality − λ_E·E − λ_G·f·output}, where the completed share
     * {@code f = min(1, capacity/output)} and the energy {@code E = E_full·(prompt + f·output)/(prompt +
     * output)} are decoded from the observation's normalized sizes, capacities and full-transfer energies,
     * and the expert's score is its mean (no noise known; {@code mismatchQuality} when no device matches).
     * The first device wins ties.
     */
    public int greedyDevice(float[] observation) {
        Require.inRange("observation length", observation.length, obsDim(), obsDim());
        int t = config.numTopics();
        int topic = 0;
        for (int k = 1; k < t; k++) {
            if (observation[2 + k] > observation[2 + topic]) {
                topic = k;
            }
        }
        double output = observation[0] * config.outputKbit().max();
        double prompt = observation[1] * config.promptKbit().max();
        boolean anyMatch = false;
        for (int i = 0; i < config.numDevices(); i++) {
            anyMatch |= observedTopic(observation, i) == topic;
        }
        int best = -1;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < config.numDevices(); i++) {
            boolean match = observedTopic(observation, i) == topic;
            if (anyMatch && !match) {
                continue;
            }
            int off = 2 + t + 3 * i;
            double f = Math.min(1, observation[off] * config.capacityKbit().max() / output);
            double energy = observation[off + 2] * maxEnergyJ * (prompt + f * output) / (prompt + output);
            double value = f * (match ? config.matchQuality() : config.mismatchQuality())
                    - config.energyCostPerJoule() * energy - config.computeCostPerKbit() * f * output;
            if (value > bestValue) {
                best = i;
                bestValue = value;
            }
        }
        return best;
    }

    private int observedTopic(float[] observation, int device) {
        int t = config.numTopics();
        return t == 1 ? 0 : Math.round(observation[2 + t + 3 * device + 1] * (t - 1));
    }

    private static float clamp(double x) {
        return (float) Math.min(1, Math.max(0, x));
    }

    /** The parameters. */
    public EdgeConfig config() {
        return config;
    }
}
