package org.netmoe.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP server on loopback speaking the OpenAI chat-completions protocol
 * ({@code POST /v1/chat/completions}), for tests and offline demonstrations of the LLM gate: it
 * records every request (body and Authorization header) and answers from a queue of scripted
 * replies — an assistant message, an HTTP error status, or a reply delayed past the client's
 * timeout — and, once the queue is empty, from an optional responder function of the request
 * (HTTP 500 without one).
 */
public final class ScriptedChatServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A scripted reply. */
    public record Reply(int status, String content, long delayMillis) {
        public static Reply answer(String content) {
            return new Reply(200, content, 0);
        }

        public static Reply status(int status) {
            return new Reply(status, null, 0);
        }

        /** An HTTP error whose body's {@code error.message} is {@code message} (servers echo things there). */
        public static Reply error(int status, String message) {
            return new Reply(status, message, 0);
        }

        public static Reply slow(String content, long delayMillis) {
            return new Reply(200, content, delayMillis);
        }
    }

    /** A recorded request. */
    public record Request(String method, String path, String authorization, JsonNode body) {
    }

    private final HttpServer server;
    private final Deque<Reply> replies = new ArrayDeque<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Function<JsonNode, Reply> responder;
    private volatile int[] usage = {10, 10};

    /** Starts the server on a free loopback port. */
    public ScriptedChatServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-openai");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** {@link #ScriptedChatServer()} for field initializers: a failure to start is unchecked. */
    public static ScriptedChatServer started() {
        try {
            return new ScriptedChatServer();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the scripted chat server", e);
        }
    }

    /** The base URL to configure: {@code http://127.0.0.1:<port>/v1}. */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + "/v1";
    }

    /** Queues {@code reply} for the next request. */
    public ScriptedChatServer then(Reply reply) {
        synchronized (replies) {
            replies.add(reply);
        }
        return this;
    }

    /** Answers requests (once the queue is empty) with {@code responder}'s reply to the request body. */
    public ScriptedChatServer respondWith(Function<JsonNode, Reply> responder) {
        this.responder = responder;
        return this;
    }

    /**
     * The {@code usage} every answer reports from now on ({@code prompt_tokens}, {@code completion_tokens});
     * 10 and 10 until set. Negative counts leave {@code usage} out, as some servers do.
     */
    public ScriptedChatServer usage(int promptTokens, int completionTokens) {
        this.usage = new int[] {promptTokens, completionTokens};
        return this;
    }

    /** Every request received so far. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] in = ex.getRequestBody().readAllBytes();
        JsonNode body = in.length == 0 ? JSON.nullNode() : JSON.readTree(in);
        requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                ex.getRequestHeaders().getFirst("Authorization"), body));
        Reply r;
        synchronized (replies) {
            r = replies.poll();
        }
        if (r == null) {
            Function<JsonNode, Reply> f = responder;
            r = f == null ? Reply.status(500) : f.apply(body);
        }
        if (r.delayMillis() > 0) {
            try {
                Thread.sleep(r.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String out;
        if (r.status() == 200) {
            var resp = JSON.createObjectNode().put("id", "chatcmpl-test").put("object", "chat.completion")
                    .put("created", 1_700_000_000L).put("model", body.path("model").asText());
            var choice = resp.putArray("choices").addObject();
            choice.put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", r.content());
            int[] u = usage;
            if (u[0] >= 0 && u[1] >= 0) {
                resp.putObject("usage").put("prompt_tokens", u[0]).put("completion_tokens", u[1])
                        .put("total_tokens", u[0] + u[1]);
            }
            out = JSON.writeValueAsString(resp);
        } else {
            var err = JSON.createObjectNode();
            err.putObject("error").put("message", r.content() == null ? "scripted status " + r.status() : r.content())
                    .put("type", "test");
            out = JSON.writeValueAsString(err);
        }
        byte[] bytes = out.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        try {
            ex.sendResponseHeaders(r.status(), bytes.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(bytes);
            }
        } catch (IOException e) {
            // the client gave up (timeout): nothing to answer
        }
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.stop(0);
    }
}
