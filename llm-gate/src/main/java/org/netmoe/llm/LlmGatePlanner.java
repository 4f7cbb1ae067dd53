package org.netmoe.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The LLM gate (SPEC §4): asks an OpenAI-compatible chat endpoint (or a GGUF model run in
 * process, {@link LocalChatBackend}) for a plan — objectives, expert
 * selection, stage-wise weights — and returns it validated as a {@link GateDecision}, which
 * {@link GateDecision#toGate} turns into a gate that runs locally without further calls.
 *
 * <p>Per request: system + user prompt (resource files) → answer, asked for as JSON with the
 * schema of {@link OpenAiChatBackend#schema} → {@link DecisionParser validation} → on invalid
 * output one repair exchange listing the problems → on failure the configured fallback
 * ({@code uniform}, logged with the reason) or an {@link LlmGateException} ({@code none}).
 * Each exchange is retried on HTTP 429 / 5xx, timeouts and connection errors, at most
 * {@code 1 + maxRetries} times with doubling backoff; every call has a hard deadline, so the gate
 * never hangs. An answer that validated goes to the on-disk {@link ResponseCache} only once its
 * plan has been executed ({@link #executed}), so a plan that breaks the evaluation is never
 * served again; a cached answer that no longer validates is dropped and asked for afresh. Every
 * attempt and decision goes to the run's {@code llm-transcript.jsonl}, from which
 * {@link #replaying} answers offline with identical decisions.
 *
 * <p>Answers are untrusted: each is capped at {@link LlmText#MAX_ANSWER_CHARS} and has the API
 * key redacted as soon as it arrives (a server may echo the key), and so has every error message,
 * before anything is validated, logged, cached or written.
 */
public final class LlmGatePlanner implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(LlmGatePlanner.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LlmConfig config;
    private final ChatBackend backend;
    private final Map<String, Transcript.Recorded> replay;
    private final ResponseCache cache;
    private final Transcript transcript;
    private final ExecutorService calls;
    private final String secret;
    /** Answers that validated, waiting for their plan to be executed before they are cached. */
    private final Map<GateDecision, Exchange> pending = new IdentityHashMap<>();

    private LlmGatePlanner(LlmConfig config, ChatBackend backend, String secret, Map<String, Transcript.Recorded> replay,
                           ResponseCache cache, Transcript transcript) {
        this.config = config;
        this.backend = backend;
        this.secret = secret == null ? "" : secret;
        this.replay = replay;
        this.cache = cache;
        this.transcript = transcript;
        this.calls = backend == null ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "llm-gate-call");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Why live calls cannot be made with {@code config}, or empty when they can.
     *
     * @param environment looks up environment variables ({@code System::getenv} outside tests)
     */
    public static Optional<String> unavailableReason(LlmConfig config, Function<String, String> environment) {
        if (!config.configured()) {
            return Optional.of("no LLM endpoint configured (llm.baseUrl is empty)");
        }
        if (!config.local() && !config.apiKeyEnv().isEmpty()) {
            String key = environment.apply(config.apiKeyEnv());
            if (key == null || key.isBlank()) {
                return Optional.of("llm.apiKeyEnv names the environment variable " + config.apiKeyEnv()
                        + ", which is not set");
            }
        }
        return Optional.empty();
    }

    /**
     * A planner making live calls ({@code provider: openai}) or running the model in process
     * ({@code provider: local}, loaded here), with the transcript in {@code runDir}; see
     * {@link #unavailableReason}.
     *
     * @throws IllegalArgumentException when the endpoint is unavailable or the local model file
     *                                  is missing or not GGUF
     */
    public static LlmGatePlanner live(LlmConfig config, Path runDir) {
        return live(config, runDir, System::getenv);
    }

    /** {@link #live(LlmConfig, Path)} with an explicit environment lookup (tests). */
    public static LlmGatePlanner live(LlmConfig config, Path runDir, Function<String, String> environment) {
        unavailableReason(config, environment).ifPresent(r -> {
            throw new IllegalArgumentException(r);
        });
        if (config.local()) {
            return new LlmGatePlanner(config, new LocalChatBackend(config), "", null,
                    config.cache() ? new ResponseCache(config.cachePath()) : null,
                    new Transcript(runDir.resolve(Transcript.FILE)));
        }
        String key = config.apiKeyEnv().isEmpty() ? "" : environment.apply(config.apiKeyEnv());
        return new LlmGatePlanner(config, new OpenAiChatBackend(config, key), key, null,
                config.cache() ? new ResponseCache(config.cachePath()) : null,
                new Transcript(runDir.resolve(Transcript.FILE)));
    }


    /**
     * A planner answering from the transcript of {@code replayRunDir} instead of the endpoint
     * ({@code --llm-replay}); it writes its own transcript into {@code runDir}. The model, endpoint
     * and response format are those the transcript records (they are part of every exchange's
     * key), whatever {@code config} says; {@link #config()} tells which. An exchange the earlier
     * run did not complete is treated as that run treated it (failure, then fallback).
     *
     * @throws IllegalArgumentException when the earlier transcript is missing or malformed, or
     *                                  records no exchange, or exchanges with several models and
     *                                  none of them {@code config}'s
     */
    public static LlmGatePlanner replaying(LlmConfig config, Path replayRunDir, Path runDir) {
        Path file = replayRunDir.resolve(Transcript.FILE);
        Map<String, Transcript.Recorded> answers = Transcript.answers(file);
        LlmConfig recorded = Transcript.recordedSettings(file, config);
        return new LlmGatePlanner(recorded, null, "", answers, null, new Transcript(runDir.resolve(Transcript.FILE)));
    }

    /** The settings in use; for a replay, those recorded in the replayed transcript. */
    public LlmConfig config() {
        return config;
    }

    /** The transcript file this planner appends to. */
    public Path transcriptFile() {
        return transcript.file();
    }

    /**
     * Steps 1–3 for {@code request}: the validated plan, or the fallback.
     *
     * @throws LlmGateException when no valid plan was had and {@code llm.fallback} is {@code none}
     */
    public GateDecision plan(GateRequest request) {
        List<ChatMessage> messages = List.of(new ChatMessage("system", Prompts.system()),
                new ChatMessage("user", Prompts.user(request)));
        GateDecision decision;
        Spent spent = new Spent();
        try {
            Exchange first = exchange(request, "plan", messages, true, spent);
            DecisionParser.Result r = DecisionParser.parse(first.answer, request);
            if (!r.valid() && first.source.equals("cache")) {
                // A cache entry written by an older NetMoE, under looser validation: never serve it again.
                LOG.warn("llm gate ({}): dropping a cached answer that does not validate: {}", request.task(),
                        r.errors());
                cache.remove(first.key);
                spent.exchanges = 0;
                first = exchange(request, "plan", messages, false, spent);
                r = DecisionParser.parse(first.answer, request);
            }
            if (r.valid()) {
                decision = accept(first, r.decision());
            } else {
                LOG.warn("llm gate ({}): invalid answer, asking once for a repair: {}", request.task(), r.errors());
                List<ChatMessage> repair = new ArrayList<>(messages);
                repair.add(new ChatMessage("assistant", first.answer));
                repair.add(new ChatMessage("user", Prompts.repair(request, r.errors())));
                Exchange second = exchange(request, "repair", repair, true, spent);
                DecisionParser.Result r2 = DecisionParser.parse(second.answer, request);
                if (r2.valid()) {
                    decision = accept(second, r2.decision());
                } else {
                    decision = fallback(request, "invalid answer after one repair attempt: "
                            + String.join("; ", r2.errors()));
                }
            }
        } catch (ExchangeFailed e) {
            decision = fallback(request, e.getMessage());
        }
        decision = rekey(decision, decision.withCalls(spent.exchanges, spent.millis));
        transcript.decision(request.task(), decision, request.expertIds());
        LOG.info("llm gate ({}): {}", request.task(), decision.describe());
        return decision;
    }

    /** The exchanges answered and the model time spent on one plan. */
    private static final class Spent {
        int exchanges;
        long millis;
    }

    /** {@code updated} replaces {@code old} among the answers waiting for {@link #executed}. */
    private GateDecision rekey(GateDecision old, GateDecision updated) {
        synchronized (pending) {
            Exchange e = pending.remove(old);
            if (e != null) {
                pending.put(updated, e);
            }
        }
        return updated;
    }

    /**
     * Tells the planner that {@code decision} (returned by {@link #plan}) was executed: its plan
     * built a gate and the evaluation ran. Only then does a live answer go to the cache, so an
     * answer whose plan fails downstream is asked for again next time instead of failing every
     * later run. Does nothing for fallback, cached and replayed decisions.
     */
    public void executed(GateDecision decision) {
        Exchange e;
        synchronized (pending) {
            e = pending.remove(decision);
        }
        if (e != null && cache != null) {
            cache.put(e.key, config.model(), e.answer);
        }
    }

    private GateDecision accept(Exchange e, GateDecision d) {
        GateDecision out = d.withSource(e.source);
        if (cache != null && e.source.equals("llm")) {
            synchronized (pending) {
                pending.put(out, e);
            }
        }
        return out;
    }

    private GateDecision fallback(GateRequest request, String reason) {
        if (config.fallback().equals("none")) {
            transcript.exchange(request.task(), "failure", 0, "", config, List.of(), null, reason, "none", 0);
            throw new LlmGateException("llm gate (" + request.task() + "): " + reason);
        }
        LOG.warn("llm gate ({}): falling back to uniform weights: {}", request.task(), reason);
        return GateDecision.uniformFallback(request, reason);
    }

    private record Exchange(String key, String answer, String source) {
    }

    /** An exchange that produced no answer; its message is the reason. */
    private static final class ExchangeFailed extends Exception {
        ExchangeFailed(String message) {
            super(message);
        }
    }

    private Exchange exchange(GateRequest request, String kind, List<ChatMessage> messages, boolean useCache,
                              Spent spent) throws ExchangeFailed {
        String key = key(messages, request);
        if (replay != null) {
            Transcript.Recorded recorded = replay.get(key);
            transcript.exchange(request.task(), kind, 1, key, config, request.seed(), messages,
                    recorded == null ? null : recorded.answer(),
                    recorded == null ? "no answer recorded for this exchange in the replayed transcript" : null,
                    "replay", recorded == null ? 0 : recorded.millis());
            if (recorded == null) {
                throw new ExchangeFailed("replay: the replayed run has no answer for this " + kind + " exchange");
            }
            spent.exchanges++;
            spent.millis += recorded.millis(); // the live run's time, so a replay reproduces its latency columns
            return new Exchange(key, recorded.answer(), "replay");
        }
        if (cache != null && useCache) {
            Optional<String> hit = cache.get(key);
            if (hit.isPresent()) {
                transcript.exchange(request.task(), kind, 1, key, config, request.seed(), messages, hit.get(), null,
                        "cache", 0);
                spent.exchanges++;
                return new Exchange(key, hit.get(), "cache");
            }
        }
        String last = "";
        // A local model answers the same prompt the same way: retrying it cannot help.
        int attempts = config.local() ? 1 : 1 + config.maxRetries();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            long t0 = System.nanoTime();
            try {
                // Untrusted from here on: the key redacted (a server may echo it), the size capped.
                String answer = LlmText.capRaw(LlmText.redact(call(messages, request), secret));
                long millis = (System.nanoTime() - t0) / 1_000_000;
                transcript.exchange(request.task(), kind, attempt, key, config, request.seed(), messages, answer, null,
                        "llm", millis);
                spent.exchanges++;
                spent.millis += millis;
                return new Exchange(key, answer, "llm");
            } catch (Exception e) {
                Failure f = classify(e);
                last = f.reason;
                long millis = (System.nanoTime() - t0) / 1_000_000;
                spent.millis += millis;
                transcript.exchange(request.task(), kind, attempt, key, config, request.seed(), messages, null,
                        f.reason, "llm", millis);
                if (!f.retryable) {
                    throw new ExchangeFailed(f.reason + " (not retried)");
                }
                if (attempt < attempts) {
                    double delay = config.backoffSeconds() * Math.pow(2, attempt - 1);
                    LOG.warn("llm gate ({}): attempt {}/{} failed: {}; retrying in {} s", request.task(), attempt,
                            attempts, f.reason, delay);
                    sleep(delay);
                }
            }
        }
        throw new ExchangeFailed("gave up after " + attempts + " attempt(s): " + last);
    }

    /** Runs one backend call under a hard deadline (the configured timeout plus a margin). */
    private String call(List<ChatMessage> messages, GateRequest request) throws Exception {
        Future<String> f = calls.submit(() -> backend.complete(messages, request));
        long deadlineMs = Math.round(config.timeoutSeconds() * 1000) + 2000;
        try {
            return f.get(deadlineMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            f.cancel(true);
            throw new HttpTimeoutException("no answer within " + config.timeoutSeconds() + " s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    private record Failure(String reason, boolean retryable) {
    }

    private Failure classify(Exception e) {
        Failure f = classifyRaw(e);
        return new Failure(LlmText.redact(f.reason, secret), f.retryable);
    }

    private Failure classifyRaw(Exception e) {
        if (e instanceof RateLimitException) {
            return new Failure("HTTP 429 (rate limited): " + brief(e), true);
        }
        if (e instanceof InternalServerException) {
            return new Failure("server error: " + brief(e), true);
        }
        if (e instanceof AuthenticationException) {
            return new Failure("authentication failed (check llm.apiKeyEnv): " + brief(e), false);
        }
        if (e instanceof HttpException h) {
            int s = h.statusCode();
            return new Failure("HTTP " + s + ": " + brief(e), s == 429 || s >= 500);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof HttpTimeoutException
                    || t instanceof SocketTimeoutException) {
                return new Failure("timeout: no answer within " + config.timeoutSeconds() + " s", true);
            }
            if (t instanceof ConnectException) {
                return new Failure("cannot connect to " + config.endpoint() + ": " + brief(t), true);
            }
            if (t instanceof InterruptedIOException || t instanceof IOException) {
                return new Failure("I/O error talking to " + config.endpoint() + ": " + brief(t), true);
            }
        }
        if (e instanceof RetriableException) {
            return new Failure(brief(e), true);
        }
        return new Failure(e.getClass().getSimpleName() + ": " + brief(e), false);
    }

    /** The first 200 characters of {@code t}'s message on one line, the key redacted before the cut. */
    private String brief(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return LlmText.oneLine(LlmText.redact(m, secret), 200);
    }

    private static void sleep(double seconds) {
        try {
            Thread.sleep(Math.round(seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The exchange key: SHA-256 over model, response format, the messages and, for a sampled plan,
     * its seed (so K samples of one prompt are K entries; an unseeded request keys as before).
     */
    private String key(List<ChatMessage> messages, GateRequest request) {
        try {
            String material = config.model() + "\n" + config.responseFormat() + "\n" + JSON.writeValueAsString(messages)
                    + (request.seed().isPresent() ? "\nseed " + request.seed().getAsLong() : "");
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(material.getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot compute the LLM exchange key", e);
        }
    }

    @Override
    public void close() {
        if (calls != null) {
            calls.shutdownNow();
        }
        if (backend != null) {
            backend.close();
        }
    }
}
