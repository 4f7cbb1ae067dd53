package org.netmoe.llm;

import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Answers from the on-disk {@link ResponseCache} ({@code llm.cache: true}), before the model is
 * asked. It keeps a live answer only once the plan built from it was executed, so a plan that
 * breaks the evaluation is never served again; a cached answer that no longer validates (written
 * by an older NetMoE, under looser validation) is dropped and asked for afresh.
 */
final class CacheSource implements AnswerSource {
    private static final Logger LOG = LogManager.getLogger(CacheSource.class);
    private final LlmConfig config;
    private final ResponseCache cache;
    private final Transcript transcript;

    CacheSource(LlmConfig config, ResponseCache cache, Transcript transcript) {
        this.config = config;
        this.cache = cache;
        this.transcript = transcript;
    }

    @Override
    public Optional<Answer> answer(Question q) {
        Optional<String> hit = cache.get(q.key());
        hit.ifPresent(text -> transcript.exchange(q, config, 1, text, null, "cache", 0, Tokens.NONE));
        return hit.map(text -> new Answer(q, text, "cache", 0, Tokens.NONE, this));
    }

    @Override
    public boolean drop(Answer answer) {
        LOG.warn("llm gate ({}): dropping a cached answer (from an older NetMoE?) and asking afresh",
                answer.question().request().task());
        cache.remove(answer.question().key());
        return true;
    }

    @Override
    public void executed(Answer answer) {
        if (answer.origin() != this) {
            cache.put(answer.question().key(), config.model(), answer.text());
        }
    }
}
