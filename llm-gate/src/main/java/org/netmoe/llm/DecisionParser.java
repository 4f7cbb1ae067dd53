package org.netmoe.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.netmoe.moe.mix.Stage;

/**
 * Parses and validates an LLM answer against the gate-decision schema (see the system prompt):
 * {@code objectives} (non-empty strings), {@code selected_experts} (ids from the catalogue),
 * {@code stages} (each {@code when} valid for the request, {@code weights} finite and
 * {@code >= 0} and at most {@link #MAX_WEIGHT}, summing to {@code > 0}; an expert with a
 * positive weight counts as selected even if {@code selected_experts} left it out), {@code rationale}
 * (a request with {@link GateRequest#levels()} is answered with a level instead: {@link LevelParser}).
 * Every problem is collected so the repair prompt can list them
 * all; the answer's own text is quoted in them only in short, one-line excerpts. Objectives and
 * rationale are kept on one line and capped ({@link LlmText}); an answer longer than
 * {@link LlmText#MAX_ANSWER_CHARS} is a problem itself, so a live run and its replay (whose
 * transcript keeps answers up to that size) decide alike.
 */
final class DecisionParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The largest weight accepted. Weights are relative, so nothing is lost by the bound, and
     * it keeps every stage's sum finite: weights of 1e308 once summed to infinity, which made
     * every normalized weight 0.
     */
    static final double MAX_WEIGHT = 1e6;

    private DecisionParser() {
    }

    /** The outcome: a decision, or the list of problems. */
    record Result(GateDecision decision, List<String> errors) {
        boolean valid() {
            return decision != null;
        }
    }

    static Result parse(String answer, GateRequest request) {
        List<String> errors = new ArrayList<>();
        if (answer != null && answer.length() > LlmText.MAX_ANSWER_CHARS) {
            return new Result(null, List.of("the answer is " + answer.length() + " characters long; at most "
                    + LlmText.MAX_ANSWER_CHARS + " are accepted (keep the rationale to one short paragraph)"));
        }
        JsonNode root;
        try {
            root = JSON.readTree(stripFences(answer));
        } catch (JsonProcessingException e) {
            return new Result(null, List.of("the answer is not valid JSON: "
                    + LlmText.oneLine(e.getOriginalMessage(), LlmText.MAX_QUOTE_CHARS)));
        }
        if (root == null || !root.isObject()) {
            return new Result(null, List.of("the answer must be one JSON object, was " + kind(root)));
        }
        if (request.levels().isPresent()) {
            return LevelParser.parse(root, request.levels().get());
        }
        List<String> objectives = strings(root, "objectives", errors);
        if (objectives.isEmpty() && errors.isEmpty()) {
            errors.add("objectives: must list at least one objective");
        }
        List<String> ids = request.expertIds();
        Set<String> selected = new LinkedHashSet<>();
        for (String s : strings(root, "selected_experts", errors)) {
            if (!ids.contains(s)) {
                errors.add("selected_experts: unknown expert '" + shown(s) + "'; the catalogue has " + ids);
            } else {
                selected.add(s);
            }
        }
        if (selected.isEmpty() && errors.stream().noneMatch(e -> e.startsWith("selected_experts"))) {
            errors.add("selected_experts: must select at least one expert");
        }
        List<String> conditions = Prompts.conditions(request);
        List<Stage> stages = new ArrayList<>();
        JsonNode stagesNode = root.get("stages");
        if (stagesNode == null || !stagesNode.isArray() || stagesNode.isEmpty()) {
            errors.add("stages: must be a non-empty array of {when, weights}, was " + kind(stagesNode));
        } else {
            for (int i = 0; i < stagesNode.size(); i++) {
                Stage s = stage(stagesNode.get(i), "stages[" + i + "]", ids, selected, conditions, errors);
                if (s != null) {
                    stages.add(s);
                }
            }
        }
        JsonNode rationale = root.get("rationale");
        if (!errors.isEmpty()) {
            return new Result(null, List.copyOf(errors));
        }
        return new Result(new GateDecision(objectives.stream()
                .map(o -> LlmText.oneLine(o, LlmText.MAX_OBJECTIVE_CHARS)).toList(), List.copyOf(selected), stages,
                rationale == null || rationale.isNull() ? ""
                        : LlmText.oneLine(rationale.asText(), LlmText.MAX_RATIONALE_CHARS), "llm", ""), List.of());
    }

    private static Stage stage(JsonNode node, String where, List<String> ids, Set<String> selected,
                               List<String> conditions, List<String> errors) {
        if (node == null || !node.isObject()) {
            errors.add(where + ": must be an object {when, weights}, was " + kind(node));
            return null;
        }
        int before = errors.size();
        JsonNode when = node.get("when");
        String condition = when == null || when.isNull() ? "always" : when.asText().strip();
        if (!conditions.contains(condition)) {
            errors.add(where + ".when: unknown condition '" + shown(condition) + "'; allowed: " + conditions);
        }
        JsonNode weights = node.get("weights");
        double[] w = new double[ids.size()];
        if (weights == null || !weights.isObject()) {
            errors.add(where + ".weights: must be an object {expert id: weight}, was " + kind(weights));
        } else {
            Iterator<Map.Entry<String, JsonNode>> it = weights.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                int k = ids.indexOf(e.getKey());
                JsonNode v = e.getValue();
                double x = v.isNumber() ? v.asDouble() : v.isTextual() ? parseOrNaN(v.asText()) : Double.NaN;
                if (k < 0) {
                    errors.add(where + ".weights: unknown expert '" + shown(e.getKey()) + "'; the catalogue has " + ids);
                } else if (!Double.isFinite(x) || x < 0) {
                    errors.add(where + ".weights." + e.getKey() + ": must be a finite number >= 0, was "
                            + shown(v.toString()));
                } else if (x > MAX_WEIGHT) {
                    errors.add(where + ".weights." + e.getKey() + ": must be at most " + (long) MAX_WEIGHT
                            + " (weights are relative, e.g. 0.5), was " + x);
                } else {
                    if (x > 0) {
                        // A positive weight selects its expert: the schema makes the model write a weight for
                        // every expert, and small models put 1 on experts they left out of selected_experts.
                        selected.add(e.getKey());
                    }
                    w[k] = x;
                }
            }
            double sum = 0;
            for (double x : w) {
                sum += x;
            }
            if (errors.size() == before && !(sum > 0 && Double.isFinite(sum))) {
                errors.add(where + ".weights: must sum to more than 0");
            }
        }
        return errors.size() == before ? new Stage(condition, w) : null;
    }

    private static double parseOrNaN(String s) {
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static List<String> strings(JsonNode root, String field, List<String> errors) {
        JsonNode n = root.get(field);
        if (n == null || !n.isArray()) {
            errors.add(field + ": must be an array of strings, was " + kind(n));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode x : n) {
            if (!x.isTextual() || x.asText().isBlank()) {
                errors.add(field + ": every entry must be a non-blank string, found " + shown(x.toString()));
            } else {
                out.add(x.asText().strip());
            }
        }
        return out;
    }

    /** Removes a Markdown code fence some models put around JSON despite being told not to. */
    static String stripFences(String answer) {
        String s = answer == null ? "" : answer.strip();
        if (s.startsWith("```")) {
            int firstNewline = s.indexOf('\n');
            int lastFence = s.lastIndexOf("```");
            if (firstNewline > 0 && lastFence > firstNewline) {
                s = s.substring(firstNewline + 1, lastFence).strip();
            }
        }
        return s;
    }

    static String kind(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "missing";
        }
        return shown(n.toString());
    }

    /** A piece of the answer quoted in a problem: one line, short. */
    static String shown(String s) {
        return LlmText.oneLine(s, LlmText.MAX_QUOTE_CHARS);
    }
}
