package org.netmoe.training.experiment.nsp;

import java.util.Set;
import net.objecthunter.exp4j.Expression;
import net.objecthunter.exp4j.ExpressionBuilder;
import net.objecthunter.exp4j.ValidationResult;
import org.netmoe.envs.nsp.QosMetrics;
import org.netmoe.training.config.ConfigException;

/**
 * A QoS type defined in config: a higher-is-better score Q computed by an expression over the
 * link metrics, with the bounds of Eq. 5 ({@code F = min(1, (Q - qmin)/(qmax - qmin))}, the
 * constraint {@code Q >= qmin}). Variables: {@code op} (outage probability), {@code dr} (ergodic
 * data rate, bit/s), {@code tp} (throughput (1-op)·dr, bit/s), {@code bep} (BPSK bit error
 * probability; needs {@code includeBep}), {@code p} (transmit power, W); functions as in exp4j
 * ({@code log10}, {@code exp}, {@code min}, {@code max}, …). The built-in types are
 * {@code op: 1 - op}, {@code dr: dr}, {@code tp: tp}, {@code bep: -log10(bep)} with the env's
 * {@code qosBounds}.
 *
 * @param id          the type's id, referenced by requirements
 * @param description what it measures
 * @param score       the expression of Q
 * @param qmin        lowest acceptable Q
 * @param qmax        Q of full satisfaction, {@code > qmin}
 */
public record QosDefinition(String id, String description, String score, double qmin, double qmax) {
    static final Set<String> VARIABLES = Set.of("op", "dr", "tp", "bep", "p");

    public QosDefinition {
        if (id == null || id.isBlank()) {
            throw new ConfigException("qosTypes[].id: missing");
        }
        if (score == null || score.isBlank()) {
            throw new ConfigException("qosTypes." + id + ".score: missing (an expression over op, dr, tp, bep, p)");
        }
        if (!Double.isFinite(qmin) || !Double.isFinite(qmax) || !(qmax > qmin)) {
            throw new ConfigException("qosTypes." + id + ": qmax must be > qmin, both finite, was qmin=" + qmin
                    + ", qmax=" + qmax);
        }
        description = description == null ? "" : description;
        compile(id, score); // fail at load time, naming the field
    }

    private static Expression compile(String id, String score) {
        Expression e;
        try {
            e = new ExpressionBuilder(score).variables(VARIABLES).build();
        } catch (IllegalArgumentException ex) {
            throw new ConfigException("qosTypes." + id + ".score: cannot parse '" + score + "': " + ex.getMessage()
                    + " (variables: " + VARIABLES + ")", ex);
        }
        for (String v : VARIABLES) {
            e.setVariable(v, 0.5);
        }
        ValidationResult r = e.validate(true);
        if (!r.isValid()) {
            throw new ConfigException("qosTypes." + id + ".score: invalid '" + score + "': " + r.getErrors());
        }
        return e;
    }

    /** A compiled scorer (not thread-safe: it holds the expression's variables). */
    public Scorer scorer() {
        return new Scorer(compile(id, score));
    }

    /** Whether the score reads {@code bep} (then the env must compute it). */
    public boolean needsBep() {
        return score.contains("bep");
    }

    /** Evaluates Q and F for given link metrics. */
    public final class Scorer {
        private final Expression expression;

        private Scorer(Expression expression) {
            this.expression = expression;
        }

        /** Q for metrics {@code m} at power {@code powerW}. */
        public double score(QosMetrics m, double powerW) {
            expression.setVariable("op", m.outageProbability());
            expression.setVariable("dr", m.dataRate());
            expression.setVariable("tp", m.throughput());
            expression.setVariable("bep", m.bitErrorProbability());
            expression.setVariable("p", powerW);
            return expression.evaluate();
        }

        /** F(Q) = min(1, (Q - qmin)/(qmax - qmin)), negative exactly when Q < qmin; NaN scores count as violated. */
        public double satisfaction(QosMetrics m, double powerW) {
            double q = score(m, powerW);
            if (Double.isNaN(q)) {
                return -1;
            }
            return Math.min(1, (q - qmin) / (qmax - qmin));
        }
    }
}
