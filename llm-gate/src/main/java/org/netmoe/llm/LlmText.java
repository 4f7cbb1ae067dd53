package org.netmoe.llm;

/**
 * Makes text that came from an LLM (or from a server's error body) safe to put where NetMoE
 * writes it: one line, without control characters, capped in size, and for {@code summary.md}
 * with Markdown and table syntax escaped. An answer is untrusted input: a 5 MB rationale once
 * made a 15.7 MB summary.
 */
public final class LlmText {
    /** The longest answer the gate accepts (and the transcript keeps); longer ones are a validation problem. */
    public static final int MAX_ANSWER_CHARS = 64 * 1024;
    /** Longest rationale kept in a decision. */
    public static final int MAX_RATIONALE_CHARS = 1000;
    /** Longest objective kept in a decision. */
    public static final int MAX_OBJECTIVE_CHARS = 200;
    /** Longest piece of LLM text quoted in a log line or an error message. */
    public static final int MAX_QUOTE_CHARS = 120;

    private LlmText() {
    }

    /**
     * {@code s} on one line: control characters (line breaks and tabs included) become spaces,
     * runs of spaces collapse, and text beyond {@code max} characters is cut with a note of how
     * much was cut.
     */
    public static String oneLine(String s, int max) {
        if (s == null) {
            return "";
        }
        // Look at no more than needed: a huge answer is cut before it is cleaned.
        String head = s.length() > max + 1 ? s.substring(0, max + 1) : s;
        StringBuilder b = new StringBuilder(head.length());
        boolean space = false;
        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                    || Character.getType(c) == Character.FORMAT;
            if (control || Character.isWhitespace(c)) {
                if (!space && b.length() > 0) {
                    b.append(' ');
                }
                space = true;
            } else {
                b.append(c);
                space = false;
            }
        }
        String out = b.toString().strip();
        if (s.length() > max || out.length() > max) {
            int cut = Math.min(max, out.length());
            if (cut > 0 && Character.isHighSurrogate(out.charAt(cut - 1))) {
                cut--;
            }
            out = out.substring(0, cut) + "… [" + (s.length() - cut) + " more characters cut]";
        }
        return out;
    }

    /** {@link #oneLine} with Markdown syntax escaped, safe inside a paragraph, a list item or a table cell. */
    public static String markdown(String s, int max) {
        String line = oneLine(s, max);
        StringBuilder b = new StringBuilder(line.length() + 16);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '#', '|', '~', '>' ->
                        b.append('\\').append(c);
                case '<' -> b.append("&lt;");
                case '&' -> b.append("&amp;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * The raw {@code answer} capped at {@link #MAX_ANSWER_CHARS} for the transcript (its line
     * breaks and characters kept, as JSON escapes them).
     */
    static String capRaw(String answer) {
        if (answer == null || answer.length() <= MAX_ANSWER_CHARS) {
            return answer;
        }
        return answer.substring(0, MAX_ANSWER_CHARS) + "… [" + (answer.length() - MAX_ANSWER_CHARS)
                + " more characters cut]";
    }

    /**
     * Replaces every occurrence of {@code secret} in {@code s} with {@code [redacted]}; secrets
     * shorter than 6 characters are not searched for (they would match ordinary words).
     */
    static String redact(String s, String secret) {
        if (s == null || secret == null || secret.length() < 6) {
            return s;
        }
        return s.replace(secret, "[redacted]");
    }
}
