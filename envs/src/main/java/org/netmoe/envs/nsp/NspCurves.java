package org.netmoe.envs.nsp;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.netmoe.core.Require;

/**
 * OP, DR, TP (and optionally BEP) against transmit power for one user: the data behind the
 * paper's Fig. 6 curves and the SPEC §2.3 reference table, printed as CSV by {@code netmoe nsp-curves}.
 */
public final class NspCurves {
    private NspCurves() {
    }

    /**
     * The curves for the config's default user (its D, θ, M, α) at each of {@code powersW}, with a
     * {@code bep} column iff {@link NspConfig#includeBep()}.
     *
     * @throws IllegalArgumentException if a power is not positive and finite
     */
    public static Table compute(NspConfig config, List<Double> powersW) {
        return compute(config, config.defaultUser(QosType.DR), powersW);
    }

    /** The curves for {@code user} at each of {@code powersW} under {@code config}'s σ, γth and B. */
    public static Table compute(NspConfig config, NspUser user, List<Double> powersW) {
        Require.nonNull("powersW", powersW);
        List<Row> rows = new ArrayList<>(powersW.size());
        for (int i = 0; i < powersW.size(); i++) {
            double p = Require.positive("powersW[" + i + "]", Require.nonNull("powersW[" + i + "]", powersW.get(i)));
            QosMetrics m = NspLink.metrics(user, p, config);
            rows.add(new Row(p, m.outageProbability(), m.dataRate(), m.throughput(),
                    config.includeBep() ? OptionalDouble.of(m.bitErrorProbability()) : OptionalDouble.empty()));
        }
        List<String> header = config.includeBep() ? List.of("power", "op", "dr", "tp", "bep")
                : List.of("power", "op", "dr", "tp");
        return new Table(header, rows);
    }

    /**
     * A table: column names and one row per power.
     *
     * @param header {@code power,op,dr,tp} plus {@code bep} when computed
     * @param rows   in the order the powers were given
     */
    public record Table(List<String> header, List<Row> rows) {
        public Table {
            header = List.copyOf(header);
            rows = List.copyOf(rows);
        }
    }

    /**
     * One power's metrics.
     *
     * @param power transmit power in watts
     * @param op    outage probability
     * @param dr    data rate in bit/s
     * @param tp    throughput in bit/s
     * @param bep   BPSK bit error probability, present iff the table has a {@code bep} column
     */
    public record Row(double power, double op, double dr, double tp, OptionalDouble bep) {
        /** The values in header order. */
        public double[] values() {
            return bep.isPresent() ? new double[] {power, op, dr, tp, bep.getAsDouble()}
                    : new double[] {power, op, dr, tp};
        }
    }
}
