package org.netmoe.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One exchange to be answered: the messages of a {@code plan} or {@code repair} exchange for
 * {@code request}, and its key, under which caches and transcripts find its answer.
 */
record Question(GateRequest request, String kind, List<ChatMessage> messages, String key) {
    private static final ObjectMapper JSON = new ObjectMapper();

    Question {
        messages = List.copyOf(messages);
    }

    /** The {@code kind} exchange of {@code messages} for {@code request}, keyed for the model and format of {@code config}. */
    static Question of(LlmConfig config, GateRequest request, String kind, List<ChatMessage> messages) {
        return new Question(request, kind, messages, key(config, messages, request));
    }

    /**
     * The exchange key: SHA-256 over model, response format, the messages and, for a sampled plan,
     * its seed (so K samples of one prompt are K entries; an unseeded request keys as before).
     */
    private static String key(LlmConfig config, List<ChatMessage> messages, GateRequest request) {
        try {
            String material = config.model() + "\n" + config.responseFormat() + "\n" + JSON.writeValueAsString(messages)
                    + (request.seed().isPresent() ? "\nseed " + request.seed().getAsLong() : "");
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(material.getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot compute the LLM exchange key", e);
        }
    }
}
