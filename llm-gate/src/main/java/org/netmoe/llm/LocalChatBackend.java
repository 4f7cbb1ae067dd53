package org.netmoe.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@code llm.provider: local}: a GGUF model run in process by llama.cpp (through the
 * {@code de.kherud:llama} JNI binding, whose jar carries the native library), no server.
 * The messages go through the model's own chat template; {@code json_schema} and
 * {@code json_object} become a grammar that constrains sampling, so even a 135M-parameter model
 * answers with JSON of the requested shape ({@link AnswerSchema#grammar}: bounded counts and
 * lengths that keep a small model from rambling until its token budget runs out). Sampling is
 * seeded, so temperature 0 gives the same answer every time. Generation runs token by token and
 * stops when the calling thread is interrupted (the planner's hard deadline). A sampled plan
 * ({@link GateRequest#seed}) uses its own seed, so K samples at temperature &gt; 0 differ and repeat.
 */
final class LocalChatBackend implements ChatBackend {
    private static final Logger LOG = LogManager.getLogger(LocalChatBackend.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Tokens an answer may use; a valid plan needs 150–400. */
    static final int MAX_ANSWER_TOKENS = 1024;
    /** Context window: system + user prompt (about 1 000 tokens) + a repair exchange. */
    static final int CONTEXT_TOKENS = 8192;
    private static final int SEED = 1234;

    private final LlmConfig config;
    private final LlamaModel model;

    LocalChatBackend(LlmConfig config) {
        this.config = config;
        Path file = Path.of(config.modelPath());
        checkGguf(file);
        LlamaModel.setLogger(de.kherud.llama.args.LogFormat.TEXT, (level, message) -> {
            if (level == de.kherud.llama.LogLevel.ERROR) {
                LOG.warn("llama.cpp: {}", message.strip());
            }
        });
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        long t0 = System.nanoTime();
        this.model = new LlamaModel(new ModelParameters().setModel(file.toString()).setCtxSize(CONTEXT_TOKENS)
                .setThreads(threads).setThreadsBatch(threads).setSeed(SEED).disableLog());
        LOG.info("llm gate: loaded {} in process ({} threads) in {} ms", file, threads,
                (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Checks that {@code file} is a GGUF model (magic bytes "GGUF").
     *
     * @throws IllegalArgumentException naming {@code llm.modelPath} when it is not
     */
    static void checkGguf(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("llm.modelPath: no model file at " + file
                    + " (a GGUF file; scripts/fetch-local-llm.sh fetches one)");
        }
        byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(magic, 0, 4) != 4 || !new String(magic, StandardCharsets.US_ASCII)
                    .equals("GGUF")) {
                throw new IllegalArgumentException("llm.modelPath: " + file + " is not a GGUF model file");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("llm.modelPath: cannot read " + file + ": " + e.getMessage());
        }
    }

    @Override
    public synchronized Completion complete(List<ChatMessage> messages, GateRequest request) throws Exception {
        StringBuilder system = new StringBuilder();
        List<Pair<String, String>> turns = new ArrayList<>();
        for (ChatMessage m : messages) {
            if (m.role().equals("system")) {
                system.append(system.isEmpty() ? "" : "\n").append(m.content());
            } else {
                turns.add(new Pair<>(m.role().equals("assistant") ? "assistant" : "user", m.content()));
            }
        }
        InferenceParameters template = new InferenceParameters("").setMessages(system.toString(), turns);
        String prompt = model.applyTemplate(template);
        InferenceParameters p = new InferenceParameters(prompt)
                .setTemperature((float) config.temperature())
                .setSeed(seedOf(request))
                .setNPredict(MAX_ANSWER_TOKENS)
                .setCachePrompt(false);
        switch (config.responseFormat()) {
            case "json_schema" -> p.setGrammar(LlamaModel.jsonSchemaToGrammar(JSON.writeValueAsString(AnswerSchema.grammar(request))));
            case "json_object" -> p.setGrammar(LlamaModel.jsonSchemaToGrammar("{\"type\": \"object\"}"));
            default -> { }
        }
        StringBuilder out = new StringBuilder();
        LlamaIterator it = model.generate(p).iterator();
        try {
            while (it.hasNext()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new HttpTimeoutException("local generation interrupted at its deadline");
                }
                LlamaOutput o = it.next();
                out.append(o.text);
            }
        } finally {
            if (it.hasNext()) {
                it.cancel();
            }
        }
        String answer = out.toString();
        // The binding reports no usage: the model's own tokenizer counts the templated prompt and the answer.
        return new Completion(answer, new Tokens(model.encode(prompt).length,
                answer.isEmpty() ? 0 : model.encode(answer).length));
    }

    /**
     * The sampler seed of {@code request}: its own seed when it is one of K sampled plans (folded to
     * llama.cpp's 32-bit seed), else the fixed seed, so temperature 0 and unsampled requests repeat.
     */
    static int seedOf(GateRequest request) {
        if (request.seed().isEmpty()) {
            return SEED;
        }
        long s = request.seed().getAsLong();
        return (int) ((s ^ (s >>> 32)) & 0x7fff_ffffL); // non-negative: llama.cpp reads -1 as "random"
    }

    /** Frees the model, once a generation still running (cancelled at its deadline) has stopped. */
    @Override
    public synchronized void close() {
        model.close();
    }
}
