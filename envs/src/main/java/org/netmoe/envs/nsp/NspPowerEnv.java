package org.netmoe.envs.nsp;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.netmoe.envs.EnvSpec;
import org.netmoe.envs.ArrivalEnv;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.Discrete;
import org.netmoe.envs.space.Space;

/**
 * {@code nsp-power} (paper Sec. III, Fig. 4 and 6; SPEC §2.3): a user arrives with wireless
 * conditions (D, θ, M, α) and a QoS type; the NSP picks a transmit power from
 * {@link NspConfig#powers()} and earns the utility {@code β1·F(Q) − β2·P} of {@link NspOracle}.
 *
 * <ul>
 *   <li><b>Users</b>: each drawn from the RNG; D, θ, α uniform and M uniform over the integers in
 *       {@link NspConfig#userRanges()} if {@link NspConfig#randomizeUsers()}, else the config's
 *       defaults; the QoS type uniform over {@link NspConfig#qosTypes()}.</li>
 *   <li><b>Actions</b>: with {@code actionSpace: discrete}, {@code Discrete(L)}, index i = power
 *       {@code powers[i]} watts; with {@code actionSpace: continuous}, a one-entry
 *       {@code Box[min(powers), max(powers)]} holding the transmit power in watts (not normalized:
 *       an agent with a tanh-squashed policy rescales its [−1, 1] output to the box).</li>
 *   <li><b>Observation</b> ({@value #OBS_DIM} floats in [0, 1]): D, θ, M, α each normalized
 *       by its range in {@code userRanges} (clamped), then a one-hot of the QoS type over every
 *       {@link QosType} in declaration order (op, dr, tp, bep), so envs with different
 *       {@code qosTypes} share one layout and an expert trained on one type reads the others.</li>
 *   <li><b>Reward</b>: the utility of the chosen power for the current user (any power in the
 *       box when continuous).</li>
 *   <li><b>Episodes</b>: {@code episodeSteps} users, a new one after each step; the last step
 *       terminates (nothing to bootstrap: a user's reward never depends on earlier actions).
 *       With {@code episodeSteps = 1} it is a contextual bandit.</li>
 *   <li><b>Info</b> after a step: {@code utility}, {@code optimal_utility}, {@code regret}
 *       (= optimal − obtained, {@code >= 0}), {@code optimal_action}, {@code power} (W),
 *       {@code feasible} (1 if no constraint was violated), {@code qos} (the type's ordinal),
 *       {@code op}, {@code dr} (bit/s), {@code tp} (bit/s) and, with {@code includeBep},
 *       {@code bep}. After a reset: {@code optimal_action}, {@code optimal_utility}, {@code qos}.
 *       With continuous actions, {@code optimal_utility} and {@code regret} refer to the continuous
 *       oracle {@link NspOracle#bestContinuous} and {@code optimal_power} (W) replaces
 *       {@code optimal_action}.</li>
 * </ul>
 */
public final class NspPowerEnv extends ArrivalEnv<Space, NspPowerEnv.Arrival> {
    /** Observation entries: 4 user features and a one-hot over the 4 QoS types. */
    public static final int OBS_DIM = 4 + 4;

    /** The registry entry. */
    public static final EnvSpec<NspConfig> SPEC = new EnvSpec<>("nsp-power",
            "NSP transmit-power selection per user and QoS type (OP/DR/TP/BEP utility, contextual bandit)",
            NspConfig.class, NspConfig.defaults(), NspPowerEnv::new);

    private final NspConfig config;
    private final NspOracle oracle;
    private final List<QosType> qosTypes;

    /** An env with parameters {@code config}. */
    public NspPowerEnv(NspConfig config) {
        super(config.episodeSteps(), Box.uniform(0f, 1f, OBS_DIM), config.continuousActions()
                ? Box.uniform((float) config.minPower(), (float) config.maxPower(), 1)
                : new Discrete(config.powerLevels()));
        this.config = config;
        this.oracle = new NspOracle(config);
        this.qosTypes = config.qosTypeList();
    }

    /** Whether episodes depend on the RNG: user conditions are randomized or several QoS types are drawn. */
    @Override
    public boolean stochastic() {
        return config.randomizeUsers() || qosTypes.size() > 1;
    }

    @Override
    protected Map<String, Double> arrivalInfo(Arrival a) {
        Map<String, Double> info = new HashMap<>();
        if (a.optimalContinuous != null) {
            info.put("optimal_power", a.optimalContinuous.powerW());
            info.put("optimal_utility", a.optimalContinuous.utility());
        } else {
            info.put("optimal_action", (double) a.optimal.powerIndex());
            info.put("optimal_utility", a.optimal.utility());
        }
        info.put("qos", (double) a.user.qos().ordinal());
        return info;
    }

    @Override
    protected float[] observation(Arrival a) {
        return observation(a.user);
    }

    @Override
    protected double serve(Arrival a, Action action, Map<String, Double> info) {
        NspUser user = a.user;
        QosMetrics m;
        double power;
        if (actionSpace() instanceof Box box) {
            power = box.values(action)[0];
            m = NspLink.metrics(user, power, config);
        } else {
            int index = ((Discrete) actionSpace()).index(action);
            m = a.metrics.get(index);
            power = config.power(index);
        }
        double utility = oracle.utility(m, power, user.qos());
        info.put("utility", utility);
        if (a.optimalContinuous != null) {
            info.put("optimal_utility", a.optimalContinuous.utility());
            // The float action cannot hit the oracle's double power exactly: clamp the rounding residue.
            info.put("regret", Math.max(0, a.optimalContinuous.utility() - utility));
            info.put("optimal_power", a.optimalContinuous.powerW());
        } else {
            info.put("optimal_utility", a.optimal.utility());
            info.put("regret", a.optimal.utility() - utility);
            info.put("optimal_action", (double) a.optimal.powerIndex());
        }
        info.put("power", power);
        info.put("feasible", utility == config.penaltyUtility() ? 0.0 : 1.0);
        info.put("qos", (double) user.qos().ordinal());
        info.put("op", m.outageProbability());
        info.put("dr", m.dataRate());
        info.put("tp", m.throughput());
        if (config.includeBep()) {
            info.put("bep", m.bitErrorProbability());
        }
        return utility;
    }

    /** Draws the next user. */
    @Override
    protected Arrival arrive(RngStream rng) {
        NspUser next = config.randomizeUsers() ? drawConditions(rng) : config.defaultUser(qosTypes.get(0));
        if (qosTypes.size() > 1) {
            next = next.withQos(qosTypes.get(rng.nextInt(qosTypes.size())));
        }
        return arrival(next);
    }

    /** {@code user} with its metrics at every power and the oracle's decisions: pure functions of it. */
    private Arrival arrival(NspUser user) {
        List<QosMetrics> metrics = oracle.metricsAtAllPowers(user);
        return new Arrival(user, metrics, oracle.best(metrics, user.qos()),
                config.continuousActions() ? oracle.bestContinuous(user, user.qos()) : null);
    }

    /** The user's conditions and QoS type; the caches derived from it are recomputed on restore. */
    @Override
    protected void saveArrival(Arrival a, DataOutput out) throws IOException {
        NspUser user = a.user;
        out.writeDouble(user.distance());
        out.writeDouble(user.theta());
        out.writeInt(user.antennas());
        out.writeDouble(user.pathLossExponent());
        out.writeInt(user.qos().ordinal());
    }

    @Override
    protected Arrival restoreArrival(DataInput in) throws IOException {
        double distance = in.readDouble();
        double theta = in.readDouble();
        int antennas = in.readInt();
        double alpha = in.readDouble();
        int qos = in.readInt();
        if (qos < 0 || qos >= QosType.values().length) {
            throw new IllegalArgumentException("nsp-power state: QoS ordinal " + qos + " is not in [0, "
                    + QosType.values().length + ")");
        }
        return arrival(new NspUser(distance, theta, antennas, alpha, QosType.values()[qos]));
    }

    private NspUser drawConditions(RngStream rng) {
        NspConfig.UserRanges r = config.userRanges();
        double distance = uniform(rng, r.distance());
        double theta = uniform(rng, r.theta());
        double alpha = uniform(rng, r.pathLossExponent());
        int antennas = r.antennasMin() + rng.nextInt(r.antennasMax() - r.antennasMin() + 1);
        return new NspUser(distance, theta, antennas, alpha, qosTypes.get(0));
    }

    private static double uniform(RngStream rng, NspConfig.Range range) {
        return range.min() + rng.nextDouble() * (range.max() - range.min());
    }

    /**
     * The observation of {@code user} (layout in the class javadoc); gates use it to show an expert
     * the same user under the expert's own QoS type.
     */
    public float[] observation(NspUser user) {
        NspConfig.UserRanges r = config.userRanges();
        float[] obs = new float[OBS_DIM];
        obs[0] = (float) r.distance().normalize(user.distance());
        obs[1] = (float) r.theta().normalize(user.theta());
        obs[2] = r.antennasMax() == r.antennasMin() ? 0f
                : (float) Math.min(1, Math.max(0, (user.antennas() - r.antennasMin())
                        / (double) (r.antennasMax() - r.antennasMin())));
        obs[3] = (float) r.pathLossExponent().normalize(user.pathLossExponent());
        obs[4 + user.qos().ordinal()] = 1f;
        return obs;
    }

    /**
     * The current user.
     *
     * @throws IllegalStateException before the first reset
     */
    public NspUser user() {
        return require("user").user;
    }

    /** The oracle's best power level for the current user under its own QoS type. */
    public NspOracle.Decision optimal() {
        return require("user").optimal;
    }

    /**
     * The continuous oracle's best power for the current user under its own QoS type (what
     * {@code regret} is measured against with continuous actions).
     *
     * @throws IllegalStateException before the first reset
     */
    public NspOracle.ContinuousDecision optimalContinuous() {
        Arrival a = require("user");
        return a.optimalContinuous != null ? a.optimalContinuous : oracle.bestContinuous(a.user, a.user.qos());
    }

    /** The utility of serving {@code user} at power level {@code powerIndex}, scored as {@code qos}. */
    public double utility(NspUser user, int powerIndex, QosType qos) {
        return oracle.utility(user, powerIndex, qos);
    }

    /** The exact utility maximizer for any user and QoS type under this env's config. */
    public NspOracle oracle() {
        return oracle;
    }

    /** The env's parameters. */
    public NspConfig config() {
        return config;
    }

    /**
     * One user with what the env derives from it: its metrics at every power level and the oracle's
     * discrete and (with continuous actions, else {@code null}) continuous decisions.
     */
    record Arrival(NspUser user, List<QosMetrics> metrics, NspOracle.Decision optimal,
                   NspOracle.ContinuousDecision optimalContinuous) {
    }
}
