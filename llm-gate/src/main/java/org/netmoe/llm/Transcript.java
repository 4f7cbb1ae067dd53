package org.netmoe.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The run's LLM transcript, {@code llm-transcript.jsonl}: one JSON object per line, appended
 * (and flushed) as things happen — every exchange attempt ({@code kind: plan | repair}, with the
 * messages, the answer or the error, its source {@code llm | cache | replay}, duration and, when
 * known, {@code promptTokens} and {@code completionTokens}) and
 * every final decision ({@code kind: decision}). {@link #answers} reads the successful exchanges
 * back for {@code --llm-replay}.
 */
final class Transcript {
    /** The transcript's file name inside a run directory. */
    static final String FILE = "llm-transcript.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    Transcript(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** One attempt at {@code q}: its {@code answer} or its {@code error} (the other null), from {@code source}. */
    void exchange(Question q, LlmConfig config, int attempt, String answer, String error, String source, long millis,
                  Tokens tokens) {
        exchange(q.request().task(), q.kind(), attempt, q.key(), config, q.request().seed(), q.messages(), answer, error,
                source, millis, tokens);
    }

    /** The line saying that {@code task} failed without a fallback ({@code llm.fallback: none}), and why. */
    void failure(String task, LlmConfig config, String reason) {
        exchange(task, "failure", 0, "", config, OptionalLong.empty(), List.of(), null, reason, "none", 0, Tokens.NONE);
    }

    private synchronized void exchange(String task, String kind, int attempt, String key, LlmConfig config,
                                       OptionalLong seed, List<ChatMessage> messages, String answer, String error,
                                       String source, long millis, Tokens tokens) {
        ObjectNode n = JSON.createObjectNode();
        n.put("time", Instant.now().toString());
        n.put("task", task);
        n.put("kind", kind);
        n.put("attempt", attempt);
        n.put("key", key);
        n.put("model", config.model());
        n.put("baseUrl", config.endpoint());
        n.put("responseFormat", config.responseFormat());
        n.put("temperature", config.temperature());
        seed.ifPresent(v -> n.put("seed", v));
        n.put("source", source);
        n.put("outcome", error == null ? "ok" : "error");
        ArrayNode ms = n.putArray("messages");
        for (ChatMessage m : messages) {
            ms.addObject().put("role", m.role()).put("content", m.content());
        }
        if (answer != null) {
            n.put("answer", answer);
        }
        if (error != null) {
            n.put("error", error);
        }
        n.put("millis", millis);
        if (tokens.known()) { // optional (older transcripts have none): the exchange's usage
            n.put("promptTokens", tokens.prompt());
            n.put("completionTokens", tokens.completion());
        }
        append(n);
    }

    synchronized void decision(String task, GateDecision d, List<String> expertIds) {
        ObjectNode n = JSON.createObjectNode();
        n.put("time", Instant.now().toString());
        n.put("task", task);
        n.put("kind", "decision");
        n.put("source", d.source());
        if (d.fellBack()) {
            n.put("fallbackReason", d.fallbackReason());
        }
        n.set("objectives", JSON.valueToTree(d.objectives()));
        n.set("selectedExperts", JSON.valueToTree(d.selectedExperts()));
        d.level().ifPresent(l -> n.put("level", l)); // a level answer (absent for weights): the offered level's index
        ArrayNode stages = n.putArray("stages");
        for (var s : d.stages()) {
            ObjectNode st = stages.addObject().put("when", s.when().toString());
            ObjectNode w = st.putObject("weights");
            double[] ws = s.weights();
            for (int k = 0; k < ws.length; k++) {
                w.put(expertIds.get(k), ws[k]);
            }
        }
        n.put("rationale", d.rationale());
        append(n);
    }

    private void append(ObjectNode n) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, JSON.writeValueAsString(n) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE,
                    StandardOpenOption.DSYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the LLM transcript " + file, e);
        }
    }

    /** A recorded answer, the milliseconds the model took for it and the tokens it spent (if recorded). */
    record Recorded(String answer, long millis, Tokens tokens) {
    }

    /**
     * The answers of the successful exchanges recorded in {@code file}, by exchange key.
     *
     * @throws IllegalArgumentException naming the file and line when it is missing or malformed
     */
    static Map<String, Recorded> answers(Path file) {
        Map<String, Recorded> out = new HashMap<>();
        for (JsonNode n : lines(file)) {
            if ("ok".equals(text(n, "outcome")) && n.hasNonNull("key") && n.hasNonNull("answer")) {
                out.putIfAbsent(n.get("key").asText(), new Recorded(n.get("answer").asText(), n.path("millis").asLong(0),
                        new Tokens(n.path("promptTokens").asLong(0), n.path("completionTokens").asLong(0))));
            }
        }
        return out;
    }

    /**
     * {@code current} with the model, endpoint, response format and temperature recorded in the
     * exchanges of {@code file} (the first three are part of every exchange's key, so a replay
     * with any other value would find no answer). When the transcript holds exchanges with
     * several models, the one {@code current} names is taken.
     *
     * @throws IllegalArgumentException when {@code file} records no exchange, or several models
     *                                  none of which is {@code current}'s
     */
    static LlmConfig recordedSettings(Path file, LlmConfig current) {
        Map<String, JsonNode> byModel = new LinkedHashMap<>();
        for (JsonNode n : lines(file)) {
            String kind = text(n, "kind");
            if ((kind.equals("plan") || kind.equals("repair")) && n.hasNonNull("model")
                    && !text(n, "source").equals("none")) {
                byModel.putIfAbsent(n.get("model").asText(), n);
            }
        }
        if (byModel.isEmpty()) {
            throw new IllegalArgumentException("--llm-replay: " + file + " records no LLM exchange to replay");
        }
        JsonNode n;
        if (byModel.size() == 1) {
            n = byModel.values().iterator().next();
        } else if (byModel.containsKey(current.model())) {
            n = byModel.get(current.model());
        } else {
            throw new IllegalArgumentException("--llm-replay: " + file + " holds exchanges with the models "
                    + byModel.keySet() + "; choose one with --set llm.model=<model>");
        }
        String format = text(n, "responseFormat");
        String baseUrl = text(n, "baseUrl");
        double temperature = n.hasNonNull("temperature") ? n.get("temperature").asDouble() : current.temperature();
        try {
            return new LlmConfig(baseUrl.startsWith("http") ? baseUrl : "http://replay.invalid/v1", n.get("model").asText(),
                    current.apiKeyEnv(), current.timeoutSeconds(), temperature, current.maxRetries(),
                    current.backoffSeconds(), current.fallback(), format.isEmpty() ? current.responseFormat() : format,
                    false, current.cacheDir());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--llm-replay: " + file + " records unusable settings: "
                    + e.getMessage());
        }
    }

    private static List<JsonNode> lines(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--llm-replay: no LLM transcript at " + file
                    + " (the run to replay must have used the llm gate)");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read LLM transcript " + file, e);
        }
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                out.add(JSON.readTree(lines.get(i)));
            } catch (IOException e) {
                throw new IllegalArgumentException("--llm-replay: " + file + " line " + (i + 1) + " is not JSON: "
                        + LlmText.oneLine(e.getMessage(), 120));
            }
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        return Optional.ofNullable(n.get(field)).map(JsonNode::asText).orElse("");
    }
}
