package org.netmoe.training.experiment;

import java.util.List;

/** The {@code summary.md} lines about the {@code llm} gate, shared by the experiments that run it. */
public final class LlmNote {
    private LlmNote() {
    }

    /** Why the gate is absent and how to add it. */
    public static String absent(LlmGates llm) {
        return "The `llm` gate is absent: " + llm.skipReason() + "; " + LlmGates.HOW_TO + ".\n";
    }

    /** The head of the note on the gate's {@code plans} ("plans" or "plan"): who answered, where the transcript is. */
    public static String head(LlmGates llm, String plans) {
        return "The `llm` gate's " + plans + " (" + llm.source() + "; every exchange in `llm-transcript.jsonl`):";
    }

    /** The note on gates that failed (their rows are empty), or "" when none did. */
    public static String failed(List<String> failed) {
        return failed.isEmpty() ? "" : "\n**Failed gates** (their rows above are empty):\n\n* "
                + String.join("\n* ", failed) + "\n";
    }
}
