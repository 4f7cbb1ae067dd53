package org.netmoe.llm;

import java.nio.file.Path;
import java.util.List;

/**
 * Where and how the LLM gate talks to an OpenAI-compatible chat-completions endpoint
 * ({@code POST {baseUrl}/chat/completions}): the {@code llm:} section of an experiment config,
 * every field overridable with {@code --set llm.<field>=...}.
 *
 * @param baseUrl        endpoint base URL including the API version path, e.g.
 *                       {@code https://api.openai.com/v1} or {@code http://localhost:11434/v1}
 *                       (Ollama); blank means "no endpoint": the {@code llm} gate is skipped
 * @param model          model name sent in every request
 * @param apiKeyEnv      name of the environment variable holding the API key (sent as a Bearer
 *                       token); blank for servers that need no key (Ollama, vLLM, llama.cpp)
 * @param timeoutSeconds per-request timeout (connect + answer), {@code > 0}
 * @param temperature    sampling temperature in [0, 2]; 0 makes answers as repeatable as the
 *                       server allows
 * @param maxRetries     retries after a retryable failure (HTTP 429 / 5xx, timeout, connection
 *                       error), {@code >= 0}; the request is made at most {@code 1 + maxRetries} times
 * @param backoffSeconds first retry delay; it doubles on each further retry, {@code >= 0}
 * @param fallback       what to do when no valid plan can be had: {@code uniform} (use uniform
 *                       weights, logged with the reason) or {@code none} (the llm gate fails
 *                       with the reason and is left out of the results)
 * @param responseFormat {@code json_schema} (structured output with the answer's JSON schema),
 *                       {@code json_object} (JSON mode, for servers without schema support) or
 *                       {@code text} (prompt-only)
 * @param cache          whether answers are read from and written to the on-disk response cache
 * @param cacheDir       cache folder; blank means {@code ~/.cache/netmoe/llm}
 * @param provider       {@code openai} (an OpenAI-compatible endpoint at {@code baseUrl}) or
 *                       {@code local} (the GGUF model at {@code modelPath} run in process by
 *                       llama.cpp; {@code baseUrl} and {@code apiKeyEnv} are not used)
 * @param modelPath      the GGUF model file for {@code provider: local}; {@code model} is then
 *                       its file name, whatever the config says
 */
public record LlmConfig(String baseUrl, String model, String apiKeyEnv, double timeoutSeconds, double temperature,
                        int maxRetries, double backoffSeconds, String fallback, String responseFormat, boolean cache,
                        String cacheDir, String provider, String modelPath) {

    /** The fallback values allowed in {@link #fallback()}. */
    public static final List<String> FALLBACKS = List.of("uniform", "none");
    /** The values allowed in {@link #responseFormat()}. */
    public static final List<String> RESPONSE_FORMATS = List.of("json_schema", "json_object", "text");
    /** The values allowed in {@link #provider()}. */
    public static final List<String> PROVIDERS = List.of("openai", "local");

    /** An {@code openai}-provider config (the fields before {@code provider}). */
    public LlmConfig(String baseUrl, String model, String apiKeyEnv, double timeoutSeconds, double temperature,
                     int maxRetries, double backoffSeconds, String fallback, String responseFormat, boolean cache,
                     String cacheDir) {
        this(baseUrl, model, apiKeyEnv, timeoutSeconds, temperature, maxRetries, backoffSeconds, fallback,
                responseFormat, cache, cacheDir, "openai", "");
    }

    public LlmConfig {
        baseUrl = baseUrl == null ? "" : baseUrl.strip();
        model = model == null ? "" : model.strip();
        apiKeyEnv = apiKeyEnv == null ? "" : apiKeyEnv.strip();
        fallback = fallback == null ? "uniform" : fallback.strip();
        responseFormat = responseFormat == null ? "json_schema" : responseFormat.strip();
        cacheDir = cacheDir == null ? "" : cacheDir.strip();
        provider = provider == null || provider.isBlank() ? "openai" : provider.strip();
        modelPath = modelPath == null ? "" : modelPath.strip();
        if (!PROVIDERS.contains(provider)) {
            throw new IllegalArgumentException("provider must be one of " + PROVIDERS + ", was '" + provider + "'");
        }
        if (provider.equals("local")) {
            if (modelPath.isEmpty()) {
                throw new IllegalArgumentException("modelPath must name a GGUF model file when provider is local");
            }
            model = Path.of(modelPath).getFileName().toString(); // names the answers in cache and transcript
        }
        if (!(timeoutSeconds > 0) || Double.isInfinite(timeoutSeconds)) {
            throw new IllegalArgumentException("timeoutSeconds must be a finite number > 0, was " + timeoutSeconds);
        }
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("temperature must be in [0, 2], was " + temperature);
        }
        if (maxRetries < 0 || maxRetries > 20) {
            throw new IllegalArgumentException("maxRetries must be in [0, 20], was " + maxRetries);
        }
        if (!(backoffSeconds >= 0) || backoffSeconds > 600) {
            throw new IllegalArgumentException("backoffSeconds must be in [0, 600], was " + backoffSeconds);
        }
        if (!FALLBACKS.contains(fallback)) {
            throw new IllegalArgumentException("fallback must be one of " + FALLBACKS + ", was '" + fallback + "'");
        }
        if (!RESPONSE_FORMATS.contains(responseFormat)) {
            throw new IllegalArgumentException("responseFormat must be one of " + RESPONSE_FORMATS + ", was '"
                    + responseFormat + "'");
        }
        if (!baseUrl.isEmpty() && !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
            throw new IllegalArgumentException("baseUrl must start with http:// or https://, was '" + baseUrl + "'");
        }
        if (provider.equals("openai") && !baseUrl.isEmpty() && model.isEmpty()) {
            throw new IllegalArgumentException("model must be set when baseUrl is set");
        }
    }

    /** No endpoint; 60 s timeout, temperature 0, 3 retries from 1 s, uniform fallback, JSON schema, cache on. */
    public static LlmConfig defaults() {
        return new LlmConfig("", "", "", 60, 0, 3, 1, "uniform", "json_schema", true, "", "openai", "");
    }

    /** Whether an endpoint (or, for {@code provider: local}, a model file) is configured. */
    public boolean configured() {
        return provider.equals("local") || !baseUrl.isEmpty();
    }

    /** Whether the model runs in process ({@code provider: local}). */
    public boolean local() {
        return provider.equals("local");
    }

    /** This config with another endpoint and model. */
    public LlmConfig withEndpoint(String newBaseUrl, String newModel) {
        return new LlmConfig(newBaseUrl, newModel, apiKeyEnv, timeoutSeconds, temperature, maxRetries, backoffSeconds,
                fallback, responseFormat, cache, cacheDir, provider, modelPath);
    }

    /** Where answers come from, for logs and the transcript: the base URL, or {@code local:<model file>}. */
    public String endpoint() {
        return local() ? "local:" + modelPath : baseUrl;
    }

    /** The cache folder: {@link #cacheDir()} or {@code ~/.cache/netmoe/llm}. */
    public Path cachePath() {
        return cacheDir.isEmpty() ? Path.of(System.getProperty("user.home"), ".cache", "netmoe", "llm") : Path.of(cacheDir);
    }
}
