package org.netmoe.llm;

import java.net.http.HttpTimeoutException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Asks the model through its {@link ChatBackend}. Each exchange is retried on the failures
 * {@link Failures} calls retryable, at most {@code 1 + maxRetries} times with doubling backoff (a
 * local model once: it answers the same prompt the same way); every call has a hard deadline, the
 * timeout plus 2 s, so the gate never hangs. Answers are untrusted: each is capped at
 * {@link LlmText#MAX_ANSWER_CHARS} and has the API key redacted as soon as it arrives. The last
 * source of its chain.
 */
final class LiveSource implements AnswerSource {
    private static final Logger LOG = LogManager.getLogger(LiveSource.class);
    private final LlmConfig config;
    private final ChatBackend backend;
    private final String secret;
    private final Failures failures;
    private final Transcript transcript;
    private final ExecutorService calls = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "llm-gate-call");
        t.setDaemon(true);
        return t;
    });

    LiveSource(LlmConfig config, ChatBackend backend, String secret, Transcript transcript) {
        this.config = config;
        this.backend = backend;
        this.secret = secret;
        this.failures = new Failures(config, secret);
        this.transcript = transcript;
    }

    @Override
    public Optional<Answer> answer(Question q) throws ExchangeFailed {
        String last = "";
        long spent = 0;
        // A local model answers the same prompt the same way: retrying it cannot help.
        int attempts = config.local() ? 1 : 1 + config.maxRetries();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            long t0 = System.nanoTime();
            try {
                // Untrusted from here on: the key redacted (a server may echo it), the size capped.
                Completion c = call(q);
                String text = LlmText.capRaw(LlmText.redact(c.text(), secret));
                long millis = (System.nanoTime() - t0) / 1_000_000;
                transcript.exchange(q, config, attempt, text, null, "llm", millis, c.tokens());
                return Optional.of(new Answer(q, text, "llm", spent + millis, c.tokens(), this));
            } catch (Exception e) {
                Failures.Failure f = failures.classify(e);
                last = f.reason();
                long millis = (System.nanoTime() - t0) / 1_000_000;
                spent += millis;
                transcript.exchange(q, config, attempt, null, f.reason(), "llm", millis, Tokens.NONE);
                if (!f.retryable()) {
                    throw new ExchangeFailed(f.reason() + " (not retried)", spent);
                }
                if (attempt < attempts) {
                    double delay = config.backoffSeconds() * Math.pow(2, attempt - 1);
                    LOG.warn("llm gate ({}): attempt {}/{} failed: {}; retrying in {} s", q.request().task(), attempt,
                            attempts, f.reason(), delay);
                    sleep(delay);
                }
            }
        }
        throw new ExchangeFailed("gave up after " + attempts + " attempt(s): " + last, spent);
    }

    /** Runs one backend call under a hard deadline (the configured timeout plus a margin). */
    private Completion call(Question q) throws Exception {
        Future<Completion> f = calls.submit(() -> backend.complete(q.messages(), q.request()));
        long deadlineMs = Math.round(config.timeoutSeconds() * 1000) + 2000;
        try {
            return f.get(deadlineMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new HttpTimeoutException("no answer within " + config.timeoutSeconds() + " s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    private static void sleep(double seconds) {
        try {
            Thread.sleep(Math.round(seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        calls.shutdownNow();
        backend.close();
    }
}
