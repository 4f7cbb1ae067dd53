package org.netmoe.llm;

import java.util.List;
import java.util.Optional;

/**
 * The answer sources of a planner, asked in order until one answers: for {@code --llm-replay} the
 * replayed transcript alone; live, the cache (when {@code llm.cache} is on) and then the model.
 */
final class AnswerChain implements AutoCloseable {
    private final List<AnswerSource> sources;

    AnswerChain(List<AnswerSource> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("an answer chain needs at least one source");
        }
        this.sources = List.copyOf(sources);
    }

    /**
     * The first answer a source gives to {@code question}.
     *
     * @throws ExchangeFailed when a source fails it, or none answers
     */
    Answer ask(Question question) throws ExchangeFailed {
        return askFrom(0, question);
    }

    /**
     * {@code invalid}, which did not validate, dropped by its source if that source drops such
     * answers, and then the answer of the sources after it; empty when it is kept (to be repaired).
     */
    Optional<Answer> dropped(Answer invalid) throws ExchangeFailed {
        if (!invalid.origin().drop(invalid)) {
            return Optional.empty();
        }
        return Optional.of(askFrom(sources.indexOf(invalid.origin()) + 1, invalid.question()));
    }

    /** The plan built from {@code answer} was executed: every source is told (the cache keeps it). */
    void executed(Answer answer) {
        sources.forEach(s -> s.executed(answer));
    }

    private Answer askFrom(int first, Question question) throws ExchangeFailed {
        for (AnswerSource s : sources.subList(first, sources.size())) {
            Optional<Answer> a = s.answer(question);
            if (a.isPresent()) {
                return a.get();
            }
        }
        throw new ExchangeFailed("no answer source answered the " + question.kind() + " exchange", 0);
    }

    @Override
    public void close() {
        sources.forEach(AnswerSource::close);
    }
}
