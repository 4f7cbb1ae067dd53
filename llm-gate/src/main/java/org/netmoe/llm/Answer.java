package org.netmoe.llm;

/**
 * An exchange's answer as a source gave it.
 *
 * @param question the exchange it answers
 * @param text     the answer text (untrusted: capped and redacted by the live source)
 * @param source   the label decisions and the transcript carry: {@code llm}, {@code cache} or {@code replay}
 * @param millis   model time spent on it, failed attempts included; a replay reports the recorded
 *                 time, a cache hit 0
 * @param tokens   tokens the answering exchange spent ({@link Tokens#NONE} for a cache hit or when unknown)
 * @param origin   the source that gave it
 */
record Answer(Question question, String text, String source, long millis, Tokens tokens, AnswerSource origin) {
}
