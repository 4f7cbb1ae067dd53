package org.netmoe.llm;

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

/**
 * Classifies a failed model call: its reason in one line (the API key redacted) and whether it is
 * retried — HTTP 429 and 5xx, timeouts and connection or I/O errors are; authentication and other
 * HTTP errors are not.
 */
final class Failures {
    /** A failed call's reason and whether retrying may help. */
    record Failure(String reason, boolean retryable) {
    }

    private final LlmConfig config;
    private final String secret;

    Failures(LlmConfig config, String secret) {
        this.config = config;
        this.secret = secret;
    }

    Failure classify(Exception e) {
        Failure f = classifyRaw(e);
        return new Failure(LlmText.redact(f.reason(), secret), f.retryable());
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
}
