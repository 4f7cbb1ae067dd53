package org.netmoe.envs.nsp;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.netmoe.core.ConfigId;

/**
 * What a user asks of the link (paper Sec. III-B, Cases 1–2, and the throughput task of Fig. 6).
 * Each type has a raw {@linkplain #metric metric} and a higher-is-better {@linkplain #score score}
 * Q that enters Eq. 4–5: lower-is-better metrics are mirrored (OP → reliability 1 − OP, as in the
 * paper's Case 1; BEP → decades −log10 BEP), so one constraint form {@code Q ≥ Qmin} serves all.
 * Configs spell a type by its {@linkplain ConfigId#id() id}: {@code op}, {@code dr}, {@code tp}, {@code bep}.
 *
 * <p><b>Qmin and Qmax</b> are fixed per QoS type by {@link NspConfig.QosBounds}: Qmin is the lowest
 * score the user accepts (Eq. 4's constraint), Qmax the score at which the user is fully satisfied.
 * F(Q) = (Q − Qmin)/(Qmax − Qmin) (Eq. 5) is capped at 1 above Qmax (the user pays no more for QoS
 * beyond its need). So F lies in [0, 1] wherever the constraint holds, and the best power depends
 * on the user: a far user needs the highest power to reach Qmin, a near one reaches Qmax already at
 * a low power and any more power is pure cost β2·P. (Normalizing by the metric's own range over
 * the power set would not do this: with β2 = 0.003 the highest power would always win for DR.)
 */
public enum QosType implements ConfigId {
    /** Outage probability (voice calls); score = reliability 1 − OP. */
    OP(false, QosMetrics::outageProbability, m -> 1 - m.outageProbability()),
    /** Ergodic data rate in bit/s (video streaming); score = DR. */
    DR(true, QosMetrics::dataRate, QosMetrics::dataRate),
    /** Throughput (1 − OP)·DR in bit/s (online gaming, the task no expert is trained for); score = TP. */
    TP(true, QosMetrics::throughput, QosMetrics::throughput),
    /** BPSK bit error probability (image download); score = −log10 BEP, in decades (+∞ where BEP underflows: F is then capped at 1). */
    BEP(false, QosMetrics::bitErrorProbability, m -> -Math.log10(m.bitErrorProbability()));

    private final boolean higherIsBetter;
    private final ToDoubleFunction<QosMetrics> metric;
    private final ToDoubleFunction<QosMetrics> score;

    QosType(boolean higherIsBetter, ToDoubleFunction<QosMetrics> metric, ToDoubleFunction<QosMetrics> score) {
        this.higherIsBetter = higherIsBetter;
        this.metric = metric;
        this.score = score;
    }

    /** Whether a larger raw {@link #metric} is better (false for OP and BEP). */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The raw metric: OP or BEP as a probability, DR or TP in bit/s. */
    public double metric(QosMetrics m) {
        return metric.applyAsDouble(m);
    }

    /** The higher-is-better score Q of Eq. 4–5, in the units of {@link NspConfig.QosBounds}. */
    public double score(QosMetrics m) {
        return score.applyAsDouble(m);
    }

    /**
     * F(Q) = min(1, (Q − Qmin)/(Qmax − Qmin)) (Eq. 5, capped at full satisfaction); negative exactly
     * when the constraint Q ≥ Qmin is violated.
     */
    public double satisfaction(QosMetrics m, NspConfig.Range bounds) {
        return Math.min(1, (score(m) - bounds.min()) / (bounds.max() - bounds.min()));
    }

    /**
     * The type with id {@code id}.
     *
     * @throws IllegalArgumentException naming the known ids if there is none
     */
    public static QosType fromId(String id) {
        return ConfigId.find(values(), id)
                .orElseThrow(() -> new IllegalArgumentException("unknown QoS type '" + id + "'; known: " + ids()));
    }

    /** Every id, in declaration order (the order of the observation's one-hot block). */
    public static List<String> ids() {
        return ConfigId.ids(values());
    }
}
