package org.netmoe.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
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
        // A token budget, as for the local model: a small model may still ramble inside a string until the
        // server's context is full, and its repair then no longer fits (HTTP 400).
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
     * {@link AnswerSchema#http} as langchain4j's raw schema: langchain4j's schema builders cannot
     * express {@code minItems}/{@code maxItems}, a raw schema is sent as it is.
     */
    static JsonSchema schema(GateRequest request) {
        return JsonSchema.builder().name("gate_decision")
                .rootElement(JsonRawSchema.from(AnswerSchema.http(request).toString())).build();
    }
}
