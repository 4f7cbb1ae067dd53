package org.netmoe.moe.mix;

import java.util.function.Predicate;

/**
 * A named boolean function of the observation that a stage-wise plan keys on, e.g.
 * {@code prize_collected} (the maze observation's prize flag).
 */
public record StatePredicate(String id, String description, Predicate<float[]> test) {
    public StatePredicate {
        if (!validId(id)) {
            throw new IllegalArgumentException("predicate id must be a non-blank name other than 'always' and not"
                    + " start with 'not:', was " + id);
        }
    }

    /** Whether {@code id} can name a predicate: not blank, not {@code always}, not starting with {@code not:}. */
    static boolean validId(String id) {
        return id != null && !id.isBlank() && !id.startsWith("not:") && !id.equals("always");
    }

    public boolean test(float[] observation) {
        return test.test(observation);
    }
}
