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
     * Whether {@code invalid}, which did not validate, is dropped by its source (then
     * {@link #askAfter} asks afresh) rather than kept to be repaired.
     */
    boolean drop(Answer invalid) {
        return invalid.origin().drop(invalid);
    }

    /**
     * The answer of the sources after the one that gave {@code dropped} to the same question.
     *
     * @throws ExchangeFailed when a source fails it, or none answers
     */
    Answer askAfter(Answer dropped) throws ExchangeFailed {
        return askFrom(sources.indexOf(dropped.origin()) + 1, dropped.question());
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
