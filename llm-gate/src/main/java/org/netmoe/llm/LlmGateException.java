package org.netmoe.llm;

/** The LLM gate could not produce a plan (no endpoint answered validly, replay miss) and no fallback applied. */
public final class LlmGateException extends RuntimeException {
    public LlmGateException(String message) {
        super(message);
    }

    public LlmGateException(String message, Throwable cause) {
        super(message, cause);
    }
}
