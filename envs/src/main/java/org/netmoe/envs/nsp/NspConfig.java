package org.netmoe.envs.nsp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.netmoe.core.Require;

/**
 * Parameters of the {@code nsp-power} env (bound from {@code env.params}); defaults are the
 * paper's Fig. 6 values (Sec. III-C: M = 10, θ = 6, D = 10, α = 2, σ = 1, β1 = 1, β2 = 0.003,
 * B = 10^6 Hz, γth = 10 dB, powers {10, 15, 20, 25, 30} W).
 *
 * @param powers           the action set {@code P_1 < … < P_L} in watts, each {@code > 0}
 * @param antennas         default number of base-station antennas M, in [1, 256]
 * @param theta            default mean channel power gain θ (scale of each |h_j|^2), {@code > 0}
 * @param distance         default BS-user distance D in metres, in (0, 100000]
 * @param pathLossExponent default path-loss exponent α, in [1, 6]
 * @param noiseSigma       noise standard deviation σ in √W (noise power σ^2 W), {@code > 0}
 * @param beta1            β1, payment per unit of normalized QoS F(Q), {@code > 0}
 * @param beta2            β2, cost per watt of transmit power, {@code >= 0}
 * @param bandwidthHz      bandwidth B in Hz, {@code > 0}
 * @param snrThresholdDb   outage threshold γth in dB, in [-50, 60]
 * @param powerLimit       the constraint {@code P <= Pth} in watts; at least {@code powers[0]}
 * @param qosTypes         ids of the QoS types episodes draw from uniformly ({@code op, dr, tp, bep});
 *                         non-empty, no duplicates; {@code bep} requires {@code includeBep}
 * @param randomizeUsers   whether each user's D, θ, M, α are drawn from {@code userRanges}; when
 *                         false every user has the default D, θ, M, α
 * @param userRanges       the ranges users are drawn from; they also normalize the observation
 * @param qosBounds        per QoS type, the score bounds Qmin (lowest acceptable) and Qmax (full
 *                         satisfaction) of Eq. 5; see {@link QosType}
 * @param penaltyUtility   the utility of a power that violates a constraint ({@code Q < Qmin} or
 *                         {@code P > Pth}); must be below every feasible utility, i.e.
 *                         {@code < -beta2·max(powers)}
 * @param episodeSteps     users served per episode (a new user each step); 1 = contextual bandit;
 *                         in [1, 100000]
 * @param includeBep       whether the BPSK bit error probability is computed (info {@code bep},
 *                         the curves' {@code bep} column, and the {@code bep} QoS type)
 * @param actionSpace      {@code discrete} (default: {@code Discrete(L)}, index i = {@code powers[i]})
 *                         or {@code continuous} (a one-entry {@code Box} of transmit powers in watts,
 *                         {@code [min(powers), max(powers)]}, scored against the continuous oracle
 *                         {@link NspOracle#bestContinuous}); see {@link NspPowerEnv}
 */
public record NspConfig(List<Double> powers, int antennas, double theta, double distance,
                        double pathLossExponent, double noiseSigma, double beta1, double beta2,
                        double bandwidthHz, double snrThresholdDb, double powerLimit,
                        List<String> qosTypes, boolean randomizeUsers, UserRanges userRanges,
                        QosBounds qosBounds, double penaltyUtility, int episodeSteps,
                        boolean includeBep, String actionSpace) {

    /** The allowed values of {@code actionSpace}. */
    public static final List<String> ACTION_SPACES = List.of("discrete", "continuous");

    /** The largest antenna count accepted (keeps the closed forms in their accurate regime). */
    public static final int MAX_ANTENNAS = 256;
    /** The largest distance accepted, in metres. */
    public static final double MAX_DISTANCE = 100_000;

    public NspConfig {
        Require.nonEmpty("powers", powers);
        for (int i = 0; i < powers.size(); i++) {
            Double p = Require.nonNull("powers[" + i + "]", powers.get(i));
            Require.positive("powers[" + i + "]", p);
            if (i > 0 && !(p > powers.get(i - 1))) {
                throw new IllegalArgumentException("powers must be strictly increasing, was " + powers);
            }
        }
        powers = List.copyOf(powers);
        Require.inRange("antennas", antennas, 1, MAX_ANTENNAS);
        Require.positive("theta", theta);
        Require.positive("distance", distance);
        Require.inRange("distance", distance, 0, MAX_DISTANCE);
        Require.inRange("pathLossExponent", pathLossExponent, 1.0, 6.0);
        Require.positive("noiseSigma", noiseSigma);
        Require.positive("beta1", beta1);
        Require.nonNegative("beta2", beta2);
        Require.positive("bandwidthHz", bandwidthHz);
        Require.inRange("snrThresholdDb", snrThresholdDb, -50.0, 60.0);
        Require.finite("powerLimit", powerLimit);
        if (powerLimit < powers.get(0)) {
            throw new IllegalArgumentException("powerLimit must be >= the lowest power " + powers.get(0)
                    + " W, was " + powerLimit);
        }
        Require.nonEmpty("qosTypes", qosTypes);
        List<String> ids = QosType.ids();
        for (int i = 0; i < qosTypes.size(); i++) {
            Require.oneOf("qosTypes[" + i + "]", qosTypes.get(i), ids);
        }
        if (new HashSet<>(qosTypes).size() != qosTypes.size()) {
            throw new IllegalArgumentException("qosTypes must not repeat an id, was " + qosTypes);
        }
        if (qosTypes.contains(QosType.BEP.id()) && !includeBep) {
            throw new IllegalArgumentException("qosTypes contains bep, which needs includeBep = true");
        }
        qosTypes = List.copyOf(qosTypes);
        Require.nonNull("userRanges", userRanges);
        Require.nonNull("qosBounds", qosBounds);
        Require.finite("penaltyUtility", penaltyUtility);
        double lowestFeasible = -beta2 * powers.get(powers.size() - 1);
        if (!(penaltyUtility < lowestFeasible)) {
            throw new IllegalArgumentException("penaltyUtility must be < -beta2*max(powers) = " + lowestFeasible
                    + " (below every feasible utility), was " + penaltyUtility);
        }
        Require.inRange("episodeSteps", episodeSteps, 1, 100_000);
        Require.oneOf("actionSpace", actionSpace, ACTION_SPACES);
    }

    /** The paper's Fig. 6 parameters, users randomized around them, QoS types OP, DR and TP. */
    public static NspConfig defaults() {
        return new NspConfig(List.of(10.0, 15.0, 20.0, 25.0, 30.0), 10, 6.0, 10.0, 2.0, 1.0, 1.0, 0.003,
                1e6, 10.0, 30.0, List.of("op", "dr", "tp"), true, UserRanges.defaults(), QosBounds.defaults(),
                -1.0, 1, false, "discrete");
    }

    /** A copy with other QoS types (ids), switching {@code includeBep} on if they include {@code bep}. */
    public NspConfig withQosTypes(List<String> ids) {
        return new NspConfig(powers, antennas, theta, distance, pathLossExponent, noiseSigma, beta1, beta2,
                bandwidthHz, snrThresholdDb, powerLimit, ids, randomizeUsers, userRanges, qosBounds,
                penaltyUtility, episodeSteps, includeBep || ids.contains(QosType.BEP.id()), actionSpace);
    }

    /** A copy with user randomization switched on or off. */
    public NspConfig withRandomizeUsers(boolean randomize) {
        return new NspConfig(powers, antennas, theta, distance, pathLossExponent, noiseSigma, beta1, beta2,
                bandwidthHz, snrThresholdDb, powerLimit, qosTypes, randomize, userRanges, qosBounds,
                penaltyUtility, episodeSteps, includeBep, actionSpace);
    }

    /** A copy with another action space id ({@code discrete} or {@code continuous}). */
    public NspConfig withActionSpace(String id) {
        return new NspConfig(powers, antennas, theta, distance, pathLossExponent, noiseSigma, beta1, beta2,
                bandwidthHz, snrThresholdDb, powerLimit, qosTypes, randomizeUsers, userRanges, qosBounds,
                penaltyUtility, episodeSteps, includeBep, id);
    }

    /** Whether the action is a continuous power in watts rather than a power-level index. */
    public boolean continuousActions() {
        return actionSpace.equals("continuous");
    }

    /** The lowest power level {@code min(powers)} in watts: the continuous action's lower bound. */
    public double minPower() {
        return powers.get(0);
    }

    /** The highest power level {@code max(powers)} in watts: the continuous action's upper bound. */
    public double maxPower() {
        return powers.get(powers.size() - 1);
    }

    /** The number of power levels L. */
    public int powerLevels() {
        return powers.size();
    }

    /** Power level {@code index} in watts. */
    public double power(int index) {
        return powers.get(index);
    }

    /** The outage threshold γth as a linear SNR ratio. */
    public double snrThreshold() {
        return Math.pow(10, snrThresholdDb / 10);
    }

    /** The noise power σ^2 in watts. */
    public double noisePower() {
        return noiseSigma * noiseSigma;
    }

    /** The QoS types episodes draw from, in the configured order. */
    public List<QosType> qosTypeList() {
        List<QosType> list = new ArrayList<>(qosTypes.size());
        for (String id : qosTypes) {
            list.add(QosType.fromId(id));
        }
        return List.copyOf(list);
    }

    /** The user with the default conditions and QoS type {@code qos}. */
    public NspUser defaultUser(QosType qos) {
        return new NspUser(distance, theta, antennas, pathLossExponent, qos);
    }

    /** A closed interval {@code [min, max]} of finite numbers. */
    public record Range(double min, double max) {
        public Range {
            Require.interval(min, max);
        }

        /** The position of {@code x} in the range, clamped to [0, 1]; 0 for a one-point range. */
        public double normalize(double x) {
            return max == min ? 0 : Math.min(1, Math.max(0, (x - min) / (max - min)));
        }
    }

    /**
     * The ranges users are drawn from, uniformly (antennas uniformly over the integers). The
     * defaults bracket the paper's user (D = 10 m, θ = 6, M = 10, α = 2) widely enough that every
     * power level is optimal for some users under each QoS type (from a far user who needs the
     * highest power to a near one for whom the lowest suffices).
     *
     * @param distance         D in metres, default [4, 12], inside (0, 100000]
     * @param theta            θ, default [4, 8], {@code min > 0}
     * @param pathLossExponent α, default [1.9, 2.1], inside [1, 6]
     * @param antennasMin      smallest M, default 6, {@code >= 1}
     * @param antennasMax      largest M, default 14, in [antennasMin, 256]
     */
    public record UserRanges(Range distance, Range theta, Range pathLossExponent, int antennasMin,
                             int antennasMax) {
        public UserRanges {
            Require.nonNull("distance", distance);
            Require.nonNull("theta", theta);
            Require.nonNull("pathLossExponent", pathLossExponent);
            Require.positive("distance.min", distance.min());
            Require.inRange("distance.max", distance.max(), 0, MAX_DISTANCE);
            Require.positive("theta.min", theta.min());
            Require.inRange("pathLossExponent.min", pathLossExponent.min(), 1.0, 6.0);
            Require.inRange("pathLossExponent.max", pathLossExponent.max(), 1.0, 6.0);
            Require.inRange("antennasMin", antennasMin, 1, MAX_ANTENNAS);
            Require.inRange("antennasMax", antennasMax, antennasMin, MAX_ANTENNAS);
        }

        /** D in [4, 12] m, θ in [4, 8], α in [1.9, 2.1], M in {6, …, 14}. */
        public static UserRanges defaults() {
            return new UserRanges(new Range(4, 12), new Range(4, 8), new Range(1.9, 2.1), 6, 14);
        }
    }

    /**
     * Per QoS type, the score range {@code [Qmin, Qmax]} of Eq. 5, in the units of
     * {@link QosType#score}: reliability 1 − OP for {@code op}, bit/s for {@code dr} and {@code tp},
     * decades −log10(BEP) for {@code bep}. Qmin is the lowest score the user accepts (Eq. 4's
     * constraint), Qmax the score at which the user is fully satisfied (F = 1, no more is paid).
     *
     * @param op  default [0.5, 0.99]: an outage probability of at most 50 %, full pay at 1 %
     * @param dr  default [1e6, 4e6] bit/s
     * @param tp  default [0.5e6, 4e6] bit/s
     * @param bep default [3, 6] decades: BEP at most 1e-3, full pay at 1e-6
     */
    public record QosBounds(Range op, Range dr, Range tp, Range bep) {
        public QosBounds {
            requireProper("op", op);
            requireProper("dr", dr);
            requireProper("tp", tp);
            requireProper("bep", bep);
            Require.inRange("op.min", op.min(), 0.0, 1.0);
            Require.inRange("op.max", op.max(), 0.0, 1.0);
            Require.nonNegative("dr.min", dr.min());
            Require.nonNegative("tp.min", tp.min());
            Require.nonNegative("bep.min", bep.min());
        }

        private static void requireProper(String field, Range r) {
            Require.nonNull(field, r);
            if (!(r.max() > r.min())) {
                throw new IllegalArgumentException(field + ".max must be > " + field + ".min " + r.min()
                        + ", was " + r.max());
            }
        }

        /** The paper-scale defaults documented on each component. */
        public static QosBounds defaults() {
            return new QosBounds(new Range(0.5, 0.99), new Range(1e6, 4e6), new Range(0.5e6, 4e6), new Range(3, 6));
        }

        /** The bounds of {@code qos}. */
        public Range of(QosType qos) {
            return switch (qos) {
                case OP -> op;
                case DR -> dr;
                case TP -> tp;
                case BEP -> bep;
            };
        }
    }
}
