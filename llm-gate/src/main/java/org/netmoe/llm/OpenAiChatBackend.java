package org.netmoe.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The chat-completions client: langchain4j's OpenAI model pointed at {@link LlmConfig#baseUrl()}.
 * langchain4j's own retries are switched off ({@code maxRetries(0)}): {@link LlmGatePlanner}
 * retries with its own backoff and logs each attempt in the transcript.
 */
final class OpenAiChatBackend implements ChatBackend {
    private final OpenAiChatModel model;
    private final LlmConfig config;

    OpenAiChatBackend(LlmConfig config, String apiKey) {
        this.config = config;
        this.model = OpenAiChatModel.builder()
                .baseUrl(config.baseUrl())
                .apiKey(apiKey == null || apiKey.isEmpty() ? "no-key" : apiKey)
                .modelName(config.model())
                .temperature(config.temperature())
                .timeout(Duration.ofMillis(Math.round(config.timeoutSeconds() * 1000)))
                .maxRetries(0)
                .strictJsonSchema(config.responseFormat().equals("json_schema"))
                .build();
    }

    @Override
    public Completion complete(List<ChatMessage> messages, GateRequest request) {
        List<dev.langchain4j.data.message.ChatMessage> lc = new ArrayList<>();
        for (ChatMessage m : messages) {
            lc.add(switch (m.role()) {
                case "system" -> SystemMessage.from(m.content());
                case "assistant" -> AiMessage.from(m.content());
                default -> UserMessage.from(m.content());
            });
        }
        // A token budget, as for the local model: a small model under a schema grammar without array bounds
        // repeats stages until the server's context is full, and its repair then no longer fits (HTTP 400).
        OpenAiChatRequestParameters.Builder params = OpenAiChatRequestParameters.builder()
                .maxOutputTokens(LocalChatBackend.MAX_ANSWER_TOKENS);
        switch (config.responseFormat()) {
            case "json_schema" -> params.responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON)
                    .jsonSchema(schema(request)).build());
            case "json_object" -> params.responseFormat(ResponseFormat.JSON);
            default -> { }
        }
        // A sampled plan sends its seed (OpenAI: best effort; llama.cpp's server: its sampler seed).
        request.seed().ifPresent(s -> params.seed((int) (s ^ (s >>> 32)) & 0x7fff_ffff));
        ChatResponse response = model.chat(ChatRequest.builder().messages(lc).parameters(params.build()).build());
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        if (text == null) {
            throw new IllegalStateException("the endpoint returned no message text");
        }
        TokenUsage usage = response.tokenUsage();
        return new Completion(text, usage == null ? Tokens.NONE
                : new Tokens(count(usage.inputTokenCount()), count(usage.outputTokenCount())));
    }

    private static long count(Integer n) {
        return n == null || n < 0 ? 0 : n;
    }

    /**
     * The answer's JSON schema for {@code request}: expert ids and stage conditions as enums, one
     * weight property per expert (all required, as strict structured output demands).
     */
    static JsonSchema schema(GateRequest request) {
        JsonObjectSchema.Builder weights = JsonObjectSchema.builder().additionalProperties(false)
                .description("weight per expert id, >= 0; 0 for experts not selected");
        for (String id : request.expertIds()) {
            weights.addProperty(id, JsonNumberSchema.builder().build());
        }
        weights.required(request.expertIds());
        JsonObjectSchema stage = JsonObjectSchema.builder()
                .addProperty("when", JsonEnumSchema.builder().enumValues(Prompts.conditions(request)).build())
                .addProperty("weights", weights.build())
                .required("when", "weights")
                .additionalProperties(false)
                .build();
        JsonObjectSchema root = JsonObjectSchema.builder()
                .addProperty("objectives", JsonArraySchema.builder().items(JsonStringSchema.builder().build()).build())
                .addProperty("selected_experts", JsonArraySchema.builder()
                        .items(JsonEnumSchema.builder().enumValues(request.expertIds()).build()).build())
                .addProperty("stages", JsonArraySchema.builder().items(stage).build())
                .addProperty("rationale", JsonStringSchema.builder().build())
                .required("objectives", "selected_experts", "stages", "rationale")
                .additionalProperties(false)
                .build();
        return JsonSchema.builder().name("gate_decision").rootElement(root).build();
    }
}
