package org.netmoe.llm;

import java.util.Optional;

/**
 * One place an answer to an exchange can come from — a replayed transcript, the on-disk cache, the
 * model itself — tried in order by {@link AnswerChain}. A source writes its own transcript line
 * for each attempt it makes.
 */
interface AnswerSource extends AutoCloseable {
    /**
     * This source's answer to {@code question}, or empty to let the next source answer.
     *
     * @throws ExchangeFailed when no answer can be had and no later source is to be asked
     */
    Optional<Answer> answer(Question question) throws ExchangeFailed;

    /**
     * {@code answer}, given by this source, did not validate: whether it is dropped (and the later
     * sources asked afresh) instead of repaired.
     */
    default boolean drop(Answer answer) {
        return false;
    }

    /** The plan built from {@code answer} (given by any source of the chain) was executed. */
    default void executed(Answer answer) {
    }

    @Override
    default void close() {
    }
}
