package org.netmoe.llm;

import java.util.Map;
import java.util.Optional;

/**
 * Answers from the transcript of an earlier run ({@code --llm-replay}): the recorded answer of the
 * exchange with the same key, with its recorded model time, so a replay reproduces the earlier
 * run's decisions and latency columns. An exchange the earlier run did not complete fails, as it
 * failed then. The last source of its chain.
 */
final class ReplaySource implements AnswerSource {
    private final LlmConfig config;
    private final Map<String, Transcript.Recorded> recorded;
    private final Transcript transcript;

    ReplaySource(LlmConfig config, Map<String, Transcript.Recorded> recorded, Transcript transcript) {
        this.config = config;
        this.recorded = Map.copyOf(recorded);
        this.transcript = transcript;
    }

    @Override
    public Optional<Answer> answer(Question q) throws ExchangeFailed {
        Transcript.Recorded r = recorded.get(q.key());
        if (r == null) {
            transcript.exchange(q, config, 1, null, "no answer recorded for this exchange in the replayed transcript",
                    "replay", 0, Tokens.NONE);
            throw new ExchangeFailed("replay: the replayed run has no answer for this " + q.kind() + " exchange", 0);
        }
        transcript.exchange(q, config, 1, r.answer(), null, "replay", r.millis(), r.tokens());
        return Optional.of(new Answer(q, r.answer(), "replay", r.millis(), r.tokens(), this));
    }
}
