package org.netmoe.llm;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The levels a request may be answered with directly, instead of expert weights (the paper's
 * Step 3 answered as the action, e.g. NSP's transmit power): the LLM answers {@code field} with one
 * of {@code values}; any other value is a validation problem, repaired once and then falling back
 * like every invalid answer.
 *
 * @param field       the answer's JSON field, e.g. {@code power_w}; lower case letters, digits and {@code _}
 * @param description what the value means, for the prompt, e.g. {@code transmit power in W}
 * @param values      the offered levels, in action order (the answer's index is the action), finite and distinct
 */
public record ActionLevels(String field, String description, List<Double> values) {
    public ActionLevels {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(description, "description");
        values = List.copyOf(values);
        if (!field.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("action levels field must be lower case letters, digits and _, was '"
                    + field + "'");
        }
        if (values.isEmpty() || values.stream().anyMatch(v -> !Double.isFinite(v))
                || new HashSet<>(values).size() != values.size()) {
            throw new IllegalArgumentException("action levels " + field + " must be distinct finite numbers, were "
                    + values);
        }
    }

    /** The index of {@code value} among the levels (exact, or within 1e-9 relative), or -1. */
    public int indexOf(double value) {
        for (int i = 0; i < values.size(); i++) {
            double v = values.get(i);
            if (Math.abs(v - value) <= 1e-9 * Math.max(1, Math.abs(v))) {
                return i;
            }
        }
        return -1;
    }

    /** The levels as written in prompts and problems, e.g. {@code [1, 5, 10]} (whole numbers without ".0"). */
    public String shown() {
        return values.stream().map(v -> v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf(v.longValue())
                : String.valueOf(v)).toList().toString();
    }
}
