package org.netmoe.moe.mix;

/**
 * When a plan's stage applies: {@link #ALWAYS}, while a named {@link StatePredicate} holds, or while it
 * does not. Its text form, {@code always}, {@code <id>} or {@code not:<id>}, is what configs, LLM answers
 * and transcripts carry; {@link #parse} reads it and {@link #toString} writes it back unchanged.
 *
 * @param predicate the predicate's id, {@code null} for {@link #ALWAYS}
 * @param negated   whether the stage applies while the predicate does <em>not</em> hold
 */
public record Condition(String predicate, boolean negated) {
    /** The condition that always holds. */
    public static final Condition ALWAYS = new Condition(null, false);

    private static final String ALWAYS_TEXT = "always";
    private static final String NOT = "not:";

    public Condition {
        if (predicate == null ? negated : !StatePredicate.validId(predicate)) {
            throw new IllegalArgumentException("a condition is 'always', a predicate id or 'not:<id>', was "
                    + (negated ? NOT : "") + predicate);
        }
    }

    /** While predicate {@code id} holds. */
    public static Condition when(String id) {
        return new Condition(id, false);
    }

    /** While predicate {@code id} does not hold. */
    public static Condition unless(String id) {
        return new Condition(id, true);
    }

    /**
     * Reads the text form.
     *
     * @throws IllegalArgumentException on a blank text or a bad predicate id
     */
    public static Condition parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a stage's condition must be 'always', a predicate id or 'not:<id>'");
        }
        if (text.equals(ALWAYS_TEXT)) {
            return ALWAYS;
        }
        return text.startsWith(NOT) ? unless(text.substring(NOT.length())) : when(text);
    }

    public boolean isAlways() {
        return predicate == null;
    }

    @Override
    public String toString() {
        return isAlways() ? ALWAYS_TEXT : (negated ? NOT : "") + predicate;
    }
}
