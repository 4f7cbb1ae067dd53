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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run's LLM transcript, {@code llm-transcript.jsonl}: one JSON object per line, appended
 * (and flushed) as things happen — every exchange attempt ({@code kind: plan | repair}, with the
 * messages, the answer or the error, its source {@code llm | cache | replay} and duration) and
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

    synchronized void exchange(String task, String kind, int attempt, String key, LlmConfig config,
                               List<ChatMessage> messages, String answer, String error, String source, long millis) {
        ObjectNode n = JSON.createObjectNode();
        n.put("time", Instant.now().toString());
        n.put("task", task);
        n.put("kind", kind);
        n.put("attempt", attempt);
        n.put("key", key);
        n.put("model", config.model());
        n.put("baseUrl", config.baseUrl());
        n.put("responseFormat", config.responseFormat());
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
        ArrayNode stages = n.putArray("stages");
        for (var s : d.stages()) {
            ObjectNode st = stages.addObject().put("when", s.when());
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

    /**
     * The answers of the successful exchanges recorded in {@code file}, by exchange key.
     *
     * @throws IllegalArgumentException naming the file and line when it is missing or malformed
     */
    static Map<String, String> answers(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--llm-replay: no LLM transcript at " + file
                    + " (the run to replay must have used the llm gate)");
        }
        Map<String, String> out = new HashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read LLM transcript " + file, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode n;
            try {
                n = JSON.readTree(lines.get(i));
            } catch (IOException e) {
                throw new IllegalArgumentException("--llm-replay: " + file + " line " + (i + 1) + " is not JSON: "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
            if ("ok".equals(text(n, "outcome")) && n.hasNonNull("key") && n.hasNonNull("answer")) {
                out.putIfAbsent(n.get("key").asText(), n.get("answer").asText());
            }
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        return Optional.ofNullable(n.get(field)).map(JsonNode::asText).orElse("");
    }
}
