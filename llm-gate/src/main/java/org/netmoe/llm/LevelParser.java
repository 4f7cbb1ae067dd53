package org.netmoe.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates a level answer (a request with {@link GateRequest#levels()}, the paper's Step 3
 * answered as the action): {@code objectives} (non-empty strings), the levels' field (a number
 * equal to one of the offered levels; a number given as a string is read too) and
 * {@code rationale}. Every problem is collected for the repair prompt, as {@link DecisionParser} does.
 */
final class LevelParser {
    private LevelParser() {
    }

    static DecisionParser.Result parse(JsonNode root, ActionLevels levels) {
        List<String> errors = new ArrayList<>();
        List<String> objectives = DecisionParser.strings(root, "objectives", errors);
        if (objectives.isEmpty() && errors.isEmpty()) {
            errors.add("objectives: must list at least one objective");
        }
        JsonNode v = root.get(levels.field());
        double x = v == null ? Double.NaN : v.isNumber() ? v.asDouble() : v.isTextual() ? number(v.asText()) : Double.NaN;
        int level = Double.isFinite(x) ? levels.indexOf(x) : -1;
        if (level < 0) {
            errors.add(levels.field() + ": must be one of the offered levels " + levels.shown() + ", was "
                    + DecisionParser.kind(v));
        }
        if (!errors.isEmpty()) {
            return new DecisionParser.Result(null, List.copyOf(errors));
        }
        JsonNode rationale = root.get("rationale");
        return new DecisionParser.Result(GateDecision.ofLevel(objectives.stream()
                .map(o -> LlmText.oneLine(o, LlmText.MAX_OBJECTIVE_CHARS)).toList(), level,
                rationale == null || rationale.isNull() ? ""
                        : LlmText.oneLine(rationale.asText(), LlmText.MAX_RATIONALE_CHARS)), List.of());
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
