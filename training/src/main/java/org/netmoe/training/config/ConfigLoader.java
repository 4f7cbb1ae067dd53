package org.netmoe.training.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.netmoe.agents.diffusion.BetaSchedule;
import org.netmoe.agents.diffusion.DiffusionConfig;
import org.netmoe.agents.dqn.TargetUpdate;
import org.netmoe.envs.InputFiles;

/**
 * Reads YAML config trees, applies {@code --set path.to.field=value} overrides, merges them over
 * defaults and binds them to validating config records. Every failure becomes a one-line
 * {@link ConfigException} naming the field's path.
 */
public final class ConfigLoader {
    /** The largest config file read, 1 MiB (the shipped configs are a few KiB). */
    public static final long MAX_FILE_BYTES = 1L << 20;

    /** The config spellings of the enums bound by id ({@link #idEnums()}), for error messages. */
    private static final Map<Class<?>, List<String>> ENUM_IDS = new HashMap<>();

    // Duplicate keys fail (the later one silently won); integer fields reject 6000.7 (Jackson truncated it).
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION))
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // A single value where a list is expected is a one-element list: task: goal+trap, hiddenSizes: 64.
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .registerModule(new Jdk8Module())
            .registerModule(idEnums())
            .addMixIn(TargetUpdate.class, TargetUpdateMixin.class);

    /** {@code targetUpdate: {period: 500}} (hard) or {@code {tau: 0.005}} (Polyak), told apart by their field. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
    @JsonSubTypes({@JsonSubTypes.Type(TargetUpdate.Hard.class), @JsonSubTypes.Type(TargetUpdate.Polyak.class)})
    private interface TargetUpdateMixin {
    }

    private ConfigLoader() {
    }

    /** Mode enums written and read by their config spelling ({@code diffusion.training: bc+actor}). */
    private static SimpleModule idEnums() {
        SimpleModule m = new SimpleModule("netmoe-config-enums");
        idEnum(m, DiffusionConfig.Training.class,
                DiffusionConfig.Training::id);
        idEnum(m, BetaSchedule.class, BetaSchedule::id);
        return m;
    }

    private static <E extends Enum<E>> void idEnum(SimpleModule m, Class<E> type, Function<E, String> id) {
        Map<String, E> byId = new LinkedHashMap<>();
        for (E e : type.getEnumConstants()) {
            byId.put(id.apply(e), e);
        }
        ENUM_IDS.put(type, List.copyOf(byId.keySet()));
        m.addSerializer(type, new StdSerializer<E>(type) {
            @Override
            public void serialize(E value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(id.apply(value));
            }
        });
        m.addDeserializer(type, new StdDeserializer<E>(type) {
            @Override
            public E deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String text = p.currentToken().isScalarValue() ? p.getValueAsString() : p.currentToken().asString();
                E value = byId.get(text);
                if (value == null) {
                    throw ctxt.weirdStringException(text, type, "not one of " + byId.keySet());
                }
                return value;
            }
        });
    }

    /** The YAML mapper (unknown fields and nulls for primitives fail). */
    public static ObjectMapper yaml() {
        return YAML;
    }

    /**
     * Parses a YAML file into a tree; an empty file is an empty mapping.
     *
     * @throws ConfigException naming the file when it is missing, larger than {@link #MAX_FILE_BYTES},
     *                         not YAML (including duplicate keys and nesting deeper than SnakeYAML's
     *                         limit of 50 levels) or not a mapping at the top level
     */
    public static ObjectNode read(Path file) {
        try {
            JsonNode node = YAML.readTree(InputFiles.readString(file, MAX_FILE_BYTES, "config file " + file));
            if (node == null || node.isMissingNode() || node.isNull()) {
                return JsonNodeFactory.instance.objectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException(file + ": the top level must be a mapping of fields");
            }
            return (ObjectNode) node;
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file not found: " + file);
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": invalid YAML" + at(e) + ": " + firstLine(e.getOriginalMessage()), e);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** A key of a flow mapping written without the space YAML wants after its colon: {@code {x:9}}. */
    private static final Pattern TIGHT_FLOW_KEY =
            Pattern.compile("([{,]\\s*)([A-Za-z_][\\w-]*):(?=\\S)");

    /**
     * Applies overrides {@code path.to.field=value} to {@code tree} in order; the value is parsed as
     * YAML ({@code 3}, {@code 0.5}, {@code true}, {@code [1, 2]}, {@code {x: 1, y: 2}}, {@code text}).
     * In a flow mapping or list the space after a key's colon may be left out ({@code {x:1,y:2}}),
     * as a shell argument is usually written.
     */
    public static void applyOverrides(ObjectNode tree, List<String> overrides) {
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("--set " + override + ": expected path.to.field=value");
            }
            String path = override.substring(0, eq).trim();
            String text = override.substring(eq + 1);
            JsonNode value;
            try {
                value = text.isBlank() ? NullNode.instance : YAML.readTree(spaceFlowKeys(text));
            } catch (JsonProcessingException e) {
                throw new ConfigException("--set " + path + ": cannot parse value '" + oneLine(text) + "' ("
                        + firstLine(e.getOriginalMessage()) + ")", e);
            }
            set(tree, path, value == null || value.isMissingNode() ? NullNode.instance : value);
        }
    }

    /** {@code text} with a space after each flow-mapping key's colon, when {@code text} is a flow collection. */
    static String spaceFlowKeys(String text) {
        String t = text.strip();
        return t.startsWith("{") || t.startsWith("[") ? TIGHT_FLOW_KEY.matcher(t).replaceAll("$1$2: ") : text;
    }

    /** Sets {@code path} (dot-separated) to {@code value}, creating missing sections. */
    public static void set(ObjectNode tree, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].isEmpty()) {
                throw new ConfigException("--set " + path + ": empty segment in the field path");
            }
            JsonNode child = node.get(parts[i]);
            if (child == null || child.isNull()) {
                child = node.putObject(parts[i]);
            } else if (!child.isObject()) {
                throw new ConfigException("--set " + path + ": "
                        + String.join(".", Arrays.copyOf(parts, i + 1)) + " is a value, not a section");
            }
            node = (ObjectNode) child;
        }
        node.set(parts[parts.length - 1], value);
    }

    /** {@code overlay} merged over {@code base} (mappings recursively; lists and values replaced). */
    public static ObjectNode merge(ObjectNode base, JsonNode overlay) {
        ObjectNode out = base.deepCopy();
        if (overlay == null || overlay.isNull() || overlay.isMissingNode()) {
            return out;
        }
        Iterator<Map.Entry<String, JsonNode>> it = overlay.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode old = out.get(e.getKey());
            if (old != null && old.isObject() && e.getValue().isObject()) {
                out.set(e.getKey(), merge((ObjectNode) old, e.getValue()));
            } else {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        return out;
    }

    /** The tree of a config record (e.g. defaults), for merging. */
    public static ObjectNode toTree(Record config) {
        return YAML.valueToTree(config);
    }

    /**
     * Binds {@code overlay} merged over {@code defaults} to {@code type}.
     *
     * @param path where the section sits in the file, e.g. {@code env.params}, for messages
     */
    public static <C extends Record> C bindOver(C defaults, JsonNode overlay, String path) {
        if (overlay != null && !overlay.isNull() && !overlay.isObject()) {
            throw new ConfigException(path + " must be a mapping of fields, was " + overlay);
        }
        @SuppressWarnings("unchecked")
        Class<C> type = (Class<C>) defaults.getClass();
        return bind(merge(toTree(defaults), overlay), type, path);
    }

    /** Binds {@code tree} to {@code type}, turning every failure into a {@link ConfigException}. */
    public static <C> C bind(JsonNode tree, Class<C> type, String path) {
        try {
            return YAML.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw new ConfigException(BindErrors.describe(e, type, path, ENUM_IDS), e);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(BindErrors.prefix(path, e.getMessage(), type), e);
        }
    }

    /** " at line N" where the parser knows it (SnakeYAML's nesting and alias limits carry no location). */
    private static String at(JsonProcessingException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? "" : " at line " + e.getLocation().getLineNr();
    }

    private static String firstLine(String message) {
        return message == null ? "no details" : message.strip().lines().findFirst().orElse("no details");
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\R", "\\\\n");
    }

    /** The YAML text of a tree or record. */
    public static String toYaml(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write YAML", e);
        }
    }
}
