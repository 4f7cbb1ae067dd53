package org.netmoe.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The JSON schema of the gate's answer for a request, as both backends send it: expert ids and
 * stage conditions as enums, one weight property per expert (all required, as strict structured
 * output demands), weights {@code >= 0}, and bounds on the arrays — 1 to 4 objectives, 1 to K
 * selected experts, 1 to 4 stages — so a small model under a schema grammar cannot repeat stages
 * until its context is full. The grammar variant (in-process llama.cpp) also bounds the string
 * lengths; OpenAI's strict structured output does not accept {@code minLength}/{@code maxLength},
 * so the HTTP variant leaves them out. A request with {@link GateRequest#levels()} is answered with
 * one of the levels instead (an enum of the offered numbers).
 */
final class AnswerSchema {
    /** Most stages (and objectives) an answer may give. */
    static final int MAX_STAGES = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private AnswerSchema() {
    }

    /** The schema for an OpenAI-compatible server's {@code response_format} (array bounds, no string lengths). */
    static ObjectNode http(GateRequest request) {
        return request.levels().map(l -> level(l, false)).orElseGet(() -> plan(request, false));
    }

    /** The schema for llama.cpp's grammar: {@link #http}'s plus string length bounds. */
    static ObjectNode grammar(GateRequest request) {
        return request.levels().map(l -> level(l, true)).orElseGet(() -> plan(request, true));
    }

    /** A level answer: objectives, the levels' field as an enum of the offered numbers, rationale. */
    private static ObjectNode level(ActionLevels levels, boolean stringLengths) {
        ObjectNode root = JSON.createObjectNode().put("type", "object");
        ObjectNode props = root.putObject("properties");
        objectives(props, stringLengths);
        ArrayNode e = props.putObject(levels.field()).put("type", "number").putArray("enum");
        levels.values().forEach(e::add);
        rationale(props, stringLengths);
        required(root, List.of("objectives", levels.field(), "rationale"));
        root.put("additionalProperties", false);
        return root;
    }

    private static void objectives(ObjectNode props, boolean stringLengths) {
        ObjectNode objectives = props.putObject("objectives").put("type", "array").put("minItems", 1)
                .put("maxItems", MAX_STAGES);
        ObjectNode objective = objectives.putObject("items").put("type", "string");
        if (stringLengths) {
            objective.put("minLength", 3).put("maxLength", 120);
        }
    }

    private static void rationale(ObjectNode props, boolean stringLengths) {
        ObjectNode rationale = props.putObject("rationale").put("type", "string");
        if (stringLengths) {
            rationale.put("maxLength", 300);
        }
    }

    private static ObjectNode plan(GateRequest request, boolean stringLengths) {
        ObjectNode root = JSON.createObjectNode().put("type", "object");
        ObjectNode props = root.putObject("properties");
        objectives(props, stringLengths);
        ObjectNode selected = props.putObject("selected_experts").put("type", "array").put("minItems", 1)
                .put("maxItems", request.expertIds().size());
        enumOf(selected.putObject("items"), request.expertIds());
        ObjectNode stage = props.putObject("stages").put("type", "array").put("minItems", 1).put("maxItems", MAX_STAGES)
                .putObject("items").put("type", "object");
        ObjectNode stageProps = stage.putObject("properties");
        enumOf(stageProps.putObject("when"), Prompts.conditions(request));
        ObjectNode weights = stageProps.putObject("weights").put("type", "object");
        ObjectNode wp = weights.putObject("properties");
        for (String id : request.expertIds()) {
            wp.putObject(id).put("type", "number").put("minimum", 0);
        }
        required(weights, request.expertIds());
        weights.put("additionalProperties", false);
        required(stage, List.of("when", "weights"));
        stage.put("additionalProperties", false);
        rationale(props, stringLengths);
        required(root, List.of("objectives", "selected_experts", "stages", "rationale"));
        root.put("additionalProperties", false);
        return root;
    }

    static void enumOf(ObjectNode n, List<String> values) {
        ArrayNode e = n.put("type", "string").putArray("enum");
        values.forEach(e::add);
    }

    static void required(ObjectNode n, List<String> fields) {
        ArrayNode r = n.putArray("required");
        fields.forEach(r::add);
    }
}
