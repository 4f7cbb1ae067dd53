package org.netmoe.checkpoints;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code manifest.json} of a checkpoint directory: format, step, counters, score, metadata
 * and the size and SHA-256 of the config file and of every entry.
 */
record Manifest(int formatVersion, long step, Instant createdAt, OptionalDouble score,
                SortedMap<String, Long> counters, SortedMap<String, String> metadata,
                FileRecord config, List<FileRecord> entries) {

    /** Identifies a NetMoE checkpoint manifest among other JSON files. */
    static final String FORMAT_NAME = "netmoe-checkpoint";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** A file of the checkpoint as the manifest records it. */
    record FileRecord(String name, long size, String sha256) {
    }

    byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT_NAME);
        root.put("formatVersion", formatVersion);
        root.put("step", step);
        root.put("createdAt", createdAt.toString());
        if (score.isPresent()) {
            root.put("score", score.getAsDouble());
        }
        ObjectNode countersNode = root.putObject("counters");
        counters.forEach(countersNode::put);
        ObjectNode metadataNode = root.putObject("metadata");
        metadata.forEach(metadataNode::put);
        root.set("config", fileNode(config));
        ArrayNode entriesNode = root.putArray("entries");
        entries.forEach(entry -> entriesNode.add(fileNode(entry)));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JacksonException e) {
            throw new IllegalStateException("serializing the manifest of step " + step, e);
        }
    }

    private static ObjectNode fileNode(FileRecord file) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", file.name());
        node.put("size", file.size());
        node.put("sha256", file.sha256());
        return node;
    }

    /**
     * Parses and checks {@code json}, read from {@code dir}'s manifest; the format version is
     * checked before anything else so that a newer format fails with the version message.
     */
    static Manifest parse(Path dir, byte[] json) throws InvalidCheckpointException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidCheckpointException(dir, CheckpointFiles.MANIFEST
                    + " is not valid JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new InvalidCheckpointException(dir, "reading " + CheckpointFiles.MANIFEST, e);
        }
        Fields fields = new Fields(dir, root);
        if (!FORMAT_NAME.equals(fields.text(root, "format"))) {
            throw fields.bad("format must be '" + FORMAT_NAME + "'");
        }
        long version = fields.integer(root, "formatVersion");
        if (version > Checkpoint.CURRENT_FORMAT) {
            throw new InvalidCheckpointException(dir, "checkpoint format " + version
                    + ", this build reads up to " + Checkpoint.CURRENT_FORMAT);
        }
        if (version < 1) {
            throw fields.bad("formatVersion must be >= 1, was " + version);
        }
        long step = fields.integer(root, "step");
        Instant createdAt;
        try {
            createdAt = Instant.parse(fields.text(root, "createdAt"));
        } catch (DateTimeParseException e) {
            throw fields.bad("createdAt is not an ISO-8601 instant: " + e.getMessage());
        }
        OptionalDouble score = OptionalDouble.empty();
        if (root.has("score")) {
            JsonNode node = root.get("score");
            if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
                throw fields.bad("score must be a finite number, was " + node);
            }
            score = OptionalDouble.of(node.asDouble());
        }
        SortedMap<String, Long> counters = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.object(root, "counters").fields();
             it.hasNext(); ) {
            Map.Entry<String, JsonNode> counter = it.next();
            counters.put(counter.getKey(), fields.integerValue(counter.getValue(),
                    "counters." + counter.getKey()));
        }
        SortedMap<String, String> metadata = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.object(root, "metadata").fields();
             it.hasNext(); ) {
            Map.Entry<String, JsonNode> item = it.next();
            if (!item.getValue().isTextual()) {
                throw fields.bad("metadata." + item.getKey() + " must be a string");
            }
            metadata.put(item.getKey(), item.getValue().asText());
        }
        FileRecord config = fields.file(fields.object(root, "config"), "config");
        if (!CheckpointFiles.CONFIG.equals(config.name())) {
            throw fields.bad("config.name must be '" + CheckpointFiles.CONFIG + "'");
        }
        JsonNode entriesNode = root.get("entries");
        if (entriesNode == null || !entriesNode.isArray()) {
            throw fields.bad("entries must be an array");
        }
        List<FileRecord> entries = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (JsonNode node : entriesNode) {
            FileRecord entry = fields.file(node, "entries[" + entries.size() + "]");
            String problem = EntryNames.problem(entry.name());
            if (problem == null && names.contains(entry.name())) {
                problem = "entry '" + entry.name() + "' is listed twice";
            }
            if (problem == null) {
                problem = EntryNames.clash(names, entry.name());
            }
            if (problem != null) {
                throw fields.bad(problem);
            }
            names.add(entry.name());
            entries.add(entry);
        }
        return new Manifest((int) version, step, createdAt, score, counters, metadata, config,
                List.copyOf(entries));
    }

    /** Typed field access whose errors name the field. */
    private record Fields(Path dir, JsonNode root) {

        InvalidCheckpointException bad(String problem) {
            return new InvalidCheckpointException(dir, CheckpointFiles.MANIFEST + ": " + problem);
        }

        JsonNode object(JsonNode parent, String field) throws InvalidCheckpointException {
            JsonNode node = parent == null ? null : parent.get(field);
            if (node == null || !node.isObject()) {
                throw bad(field + " must be an object");
            }
            return node;
        }

        String text(JsonNode parent, String field) throws InvalidCheckpointException {
            JsonNode node = parent.get(field);
            if (node == null || !node.isTextual()) {
                throw bad(field + " must be a string");
            }
            return node.asText();
        }

        long integer(JsonNode parent, String field) throws InvalidCheckpointException {
            return integerValue(parent.get(field), field);
        }

        long integerValue(JsonNode node, String field) throws InvalidCheckpointException {
            if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
                throw bad(field + " must be an integer");
            }
            return node.asLong();
        }

        FileRecord file(JsonNode node, String field) throws InvalidCheckpointException {
            if (node == null || !node.isObject()) {
                throw bad(field + " must be an object");
            }
            String name = text(node, "name");
            long size = integer(node, "size");
            String sha256 = text(node, "sha256");
            if (size < 0 || !sha256.matches("[0-9a-f]{64}")) {
                throw bad(field + " ('" + name + "') needs a size >= 0 and a 64-digit hex sha256");
            }
            return new FileRecord(name, size, sha256);
        }
    }
}
