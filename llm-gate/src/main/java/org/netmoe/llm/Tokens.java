package org.netmoe.llm;

/**
 * Tokens a model spent: {@code prompt} tokens read and {@code completion} tokens generated. Over
 * HTTP they are the {@code usage} the server reports; in process, the model's tokenizer applied to
 * the templated prompt and to the answer. {@link #NONE} (both 0) when nothing was spent or
 * nothing was reported: a cache hit, a failed attempt, a server without {@code usage}, a replay of
 * a transcript written before token counts were recorded.
 *
 * @param prompt     prompt (input) tokens, {@code >= 0}
 * @param completion completion (output) tokens, {@code >= 0}
 */
public record Tokens(long prompt, long completion) {
    /** No tokens known. */
    public static final Tokens NONE = new Tokens(0, 0);

    public Tokens {
        if (prompt < 0 || completion < 0) {
            throw new IllegalArgumentException("token counts must be >= 0, were prompt " + prompt + ", completion "
                    + completion);
        }
    }

    /** The sum of this and {@code other}. */
    public Tokens plus(Tokens other) {
        return new Tokens(prompt + other.prompt, completion + other.completion);
    }

    /** Whether any count is known (either is positive). */
    public boolean known() {
        return prompt > 0 || completion > 0;
    }
}
