package org.netmoe.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * On-disk answer cache keyed by the exchange key (a SHA-256 over model, response format and
 * messages): one small JSON file {@code <key>.json} per answer whose plan was executed. Files are written
 * atomically; an unreadable entry is ignored (and logged), never fatal.
 */
final class ResponseCache {
    private static final Logger LOG = LogManager.getLogger(ResponseCache.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;

    ResponseCache(Path dir) {
        this.dir = dir;
    }

    Optional<String> get(String key) {
        Path f = dir.resolve(key + ".json");
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(Files.readString(f, StandardCharsets.UTF_8));
            return Optional.ofNullable(n.get("answer")).map(JsonNode::asText);
        } catch (IOException e) {
            LOG.warn("ignoring unreadable LLM cache entry {}: {}", f, e.getMessage());
            return Optional.empty();
        }
    }

    void remove(String key) {
        try {
            Files.deleteIfExists(dir.resolve(key + ".json"));
        } catch (IOException e) {
            LOG.warn("cannot remove LLM cache entry {}: {}", key, e.getMessage());
        }
    }

    void put(String key, String model, String answer) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, key, ".tmp");
            Files.writeString(tmp, JSON.writeValueAsString(JSON.createObjectNode().put("key", key)
                    .put("model", model).put("answer", answer)), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, dir.resolve(key + ".json"), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(key + ".json"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.warn("cannot write LLM cache entry in {}: {}", dir, e.getMessage());
        }
    }
}
