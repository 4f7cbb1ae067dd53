package org.netmoe.llm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * schema of {@link AnswerSchema} → {@link DecisionParser validation} → on invalid
 * output one repair exchange listing the problems → on failure the configured fallback
 * ({@code uniform}, logged with the reason) or an {@link LlmGateException} ({@code none}).
 *
 * <p>Each exchange is answered by a chain of {@link AnswerSource}s, fixed when the planner is
 * made: {@link #replaying} answers from an earlier run's transcript alone ({@link ReplaySource});
 * {@link #live} asks the on-disk cache first when {@code llm.cache} is on ({@link CacheSource}),
 * then the model ({@link LiveSource}: retries with backoff, hard deadlines, failure
 * classification). An answer that validated goes to the cache only once its plan has been
 * executed ({@link #executed}), so a plan that breaks the evaluation is never served again; a
 * cached answer that no longer validates is dropped and asked for afresh. Every attempt and
 * decision goes to the run's {@code llm-transcript.jsonl}, from which {@link #replaying} answers
 * offline with identical decisions.
 *
 * <p>Answers are untrusted: each is capped at {@link LlmText#MAX_ANSWER_CHARS} and has the API
 * key redacted as soon as it arrives (a server may echo the key), and so has every error message,
 * before anything is validated, logged, cached or written.
 */
public final class LlmGatePlanner implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(LlmGatePlanner.class);

    private final LlmConfig config;
    private final AnswerChain chain;
    private final Transcript transcript;
    /** Answers that validated, waiting for their plan to be executed (then the chain is told). */
    private final Map<GateDecision, Answer> pending = new IdentityHashMap<>();

    private LlmGatePlanner(LlmConfig config, AnswerChain chain, Transcript transcript) {
        this.config = config;
        this.chain = chain;
        this.transcript = transcript;
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
        String key = config.local() || config.apiKeyEnv().isEmpty() ? "" : environment.apply(config.apiKeyEnv());
        ChatBackend backend = config.local() ? new LocalChatBackend(config) : new OpenAiChatBackend(config, key);
        Transcript transcript = new Transcript(runDir.resolve(Transcript.FILE));
        List<AnswerSource> sources = new ArrayList<>();
        if (config.cache()) {
            sources.add(new CacheSource(config, new ResponseCache(config.cachePath()), transcript));
        }
        sources.add(new LiveSource(config, backend, key, transcript));
        return new LlmGatePlanner(config, new AnswerChain(sources), transcript);
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
        Transcript transcript = new Transcript(runDir.resolve(Transcript.FILE));
        return new LlmGatePlanner(recorded, new AnswerChain(List.of(new ReplaySource(recorded, answers, transcript))),
                transcript);
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
        List<ChatMessage> messages = List.of(new ChatMessage("system", Prompts.system(request)),
                new ChatMessage("user", Prompts.user(request)));
        GateDecision decision;
        Spent spent = new Spent();
        try {
            Answer first = spent.add(chain.ask(Question.of(config, request, "plan", messages)));
            DecisionParser.Result r = DecisionParser.parse(first.text(), request);
            if (!r.valid() && chain.drop(first)) {
                LOG.warn("llm gate ({}): dropped an answer that does not validate: {}", request.task(), r.errors());
                spent.exchanges = 0;
                spent.tokens = Tokens.NONE;
                first = spent.add(chain.askAfter(first));
                r = DecisionParser.parse(first.text(), request);
            }
            if (r.valid()) {
                decision = accept(first, r.decision());
            } else {
                LOG.warn("llm gate ({}): invalid answer, asking once for a repair: {}", request.task(), r.errors());
                List<ChatMessage> repair = new ArrayList<>(messages);
                repair.add(new ChatMessage("assistant", first.text()));
                repair.add(new ChatMessage("user", Prompts.repair(request, r.errors())));
                Answer second = spent.add(chain.ask(Question.of(config, request, "repair", repair)));
                DecisionParser.Result r2 = DecisionParser.parse(second.text(), request);
                if (r2.valid()) {
                    decision = accept(second, r2.decision());
                } else {
                    decision = fallback(request, "invalid answer after one repair attempt: "
                            + String.join("; ", r2.errors()));
                }
            }
        } catch (ExchangeFailed e) {
            spent.millis += e.millis();
            decision = fallback(request, e.getMessage());
        }
        decision = rekey(decision, decision.withCalls(spent.exchanges, spent.millis, spent.tokens));
        transcript.decision(request.task(), decision, request.expertIds());
        LOG.info("llm gate ({}): {}", request.task(), decision.describe());
        return decision;
    }

    /** The exchanges answered and the model time spent on one plan. */
    private static final class Spent {
        int exchanges;
        long millis;
        Tokens tokens = Tokens.NONE;

        Answer add(Answer a) {
            exchanges++;
            millis += a.millis();
            tokens = tokens.plus(a.tokens());
            return a;
        }
    }

    /** {@code updated} replaces {@code old} among the answers waiting for {@link #executed}. */
    private GateDecision rekey(GateDecision old, GateDecision updated) {
        synchronized (pending) {
            Answer a = pending.remove(old);
            if (a != null) {
                pending.put(updated, a);
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
        Answer a;
        synchronized (pending) {
            a = pending.remove(decision);
        }
        if (a != null) {
            chain.executed(a);
        }
    }

    private GateDecision accept(Answer a, GateDecision d) {
        GateDecision out = d.withSource(a.source());
        synchronized (pending) {
            pending.put(out, a);
        }
        return out;
    }

    private GateDecision fallback(GateRequest request, String reason) {
        if (config.fallback().equals("none")) {
            transcript.failure(request.task(), config, reason);
            throw new LlmGateException("llm gate (" + request.task() + "): " + reason);
        }
        LOG.warn("llm gate ({}): falling back to uniform weights: {}", request.task(), reason);
        return GateDecision.uniformFallback(request, reason);
    }

    @Override
    public void close() {
        chain.close();
    }
}
