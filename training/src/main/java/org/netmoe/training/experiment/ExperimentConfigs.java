package org.netmoe.training.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.config.ConfigLoader;

/**
 * Binds an experiment's whole config to its config record before any work, as
 * {@code ResolvedRun} does for {@code netmoe train}. The experiment's own defaults live in YAML, in
 * the resource {@code org/netmoe/training/experiment/<id>.defaults.yaml} (each field commented);
 * the user's tree (the config file with its {@code --set} overrides) is merged over them (mappings
 * recursively, lists and values replaced). Sections that are an env's, agent's or LLM's config are
 * merged over that record's {@code defaults()} ({@link #underRecord}). The result is bound strictly:
 * an unknown field, a missing required one or a bad value is one {@link ConfigException} naming
 * the field's path.
 */
public final class ExperimentConfigs {
    private ExperimentConfigs() {
    }

    /** {@code tree} merged over the defaults resource of experiment {@code id}. */
    public static ObjectNode overDefaults(String id, ObjectNode tree) {
        String name = id + ".defaults.yaml";
        try (InputStream in = ExperimentConfigs.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " next to " + ExperimentConfigs.class);
            }
            JsonNode defaults = ConfigLoader.yaml().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return ConfigLoader.merge((ObjectNode) defaults, tree);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + name, e);
        }
    }

    /**
     * Merges the section at {@code path} (dot-separated) of {@code tree} over {@code defaults}, in
     * place, when the section's parent is present (an absent parent stays absent, so its own
     * "missing" error names it); an absent or null section becomes the defaults.
     */
    public static void underRecord(ObjectNode tree, String path, Record defaults) {
        int dot = path.lastIndexOf('.');
        JsonNode parent = dot < 0 ? tree : tree.at("/" + path.substring(0, dot).replace('.', '/'));
        if (!parent.isObject()) {
            return;
        }
        String field = path.substring(dot + 1);
        JsonNode section = parent.get(field);
        if (section != null && !section.isNull() && !section.isObject()) {
            throw new ConfigException(path + " must be a mapping of fields, was " + section);
        }
        ((ObjectNode) parent).set(field, ConfigLoader.merge(ConfigLoader.toTree(defaults), section));
    }

    /**
     * Binds the whole (merged) tree to {@code type}; errors name the field's path from the top.
     *
     * @param required the sections that have no default (dot-separated paths): a missing or empty one is
     *                 "FIELD: missing"
     */
    public static <C> C bind(ObjectNode tree, Class<C> type, String... required) {
        for (String field : required) {
            JsonNode node = tree.at("/" + field.replace('.', '/'));
            if (node.isNull() || node.isMissingNode() || node.isContainerNode() && node.isEmpty()) {
                throw new ConfigException(field + ": missing");
            }
        }
        return ConfigLoader.bind(tree, type, "");
    }
}
