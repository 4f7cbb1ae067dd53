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
 * {@code >= 0}, only on selected experts, summing to {@code > 0}), {@code rationale}.
 * Every problem is collected so the repair prompt can list them all.
 */
final class DecisionParser {
    private static final ObjectMapper JSON = new ObjectMapper();

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
        JsonNode root;
        try {
            root = JSON.readTree(stripFences(answer));
        } catch (JsonProcessingException e) {
            return new Result(null, List.of("the answer is not valid JSON: " + e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            return new Result(null, List.of("the answer must be one JSON object, was " + kind(root)));
        }
        List<String> objectives = strings(root, "objectives", errors);
        if (objectives.isEmpty() && errors.isEmpty()) {
            errors.add("objectives: must list at least one objective");
        }
        List<String> ids = request.expertIds();
        Set<String> selected = new LinkedHashSet<>();
        for (String s : strings(root, "selected_experts", errors)) {
            if (!ids.contains(s)) {
                errors.add("selected_experts: unknown expert '" + s + "'; the catalogue has " + ids);
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
        return new Result(new GateDecision(objectives, List.copyOf(selected), stages,
                rationale == null || rationale.isNull() ? "" : rationale.asText(), "llm", ""), List.of());
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
            errors.add(where + ".when: unknown condition '" + condition + "'; allowed: " + conditions);
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
                    errors.add(where + ".weights: unknown expert '" + e.getKey() + "'; the catalogue has " + ids);
                } else if (!Double.isFinite(x) || x < 0) {
                    errors.add(where + ".weights." + e.getKey() + ": must be a finite number >= 0, was " + v);
                } else if (x > 0 && !selected.contains(e.getKey())) {
                    errors.add(where + ".weights." + e.getKey() + ": weight " + x
                            + " on an expert that is not in selected_experts");
                } else {
                    w[k] = x;
                }
            }
            double sum = 0;
            for (double x : w) {
                sum += x;
            }
            if (errors.size() == before && !(sum > 0)) {
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

    private static List<String> strings(JsonNode root, String field, List<String> errors) {
        JsonNode n = root.get(field);
        if (n == null || !n.isArray()) {
            errors.add(field + ": must be an array of strings, was " + kind(n));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode x : n) {
            if (!x.isTextual() || x.asText().isBlank()) {
                errors.add(field + ": every entry must be a non-blank string, found " + x);
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

    private static String kind(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "missing";
        }
        String text = n.toString();
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
