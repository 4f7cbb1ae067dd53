package org.netmoe.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netmoe.envs.EnvRegistry;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.config.ConfigLoader;
import org.netmoe.training.experiment.ExperimentRegistry;
import org.netmoe.training.run.AgentRegistry;
import org.netmoe.training.run.ResolvedRun;

/**
 * A sweep expanded into its tasks, every task's config checked before anything runs.
 *
 * @param config  the sweep file's settings
 * @param kind    whether the base is a train or an experiment config
 * @param results the final metrics every task reports
 * @param curve   the learning curve every task reports, or null for none
 * @param tasks   the tasks, seeds varying fastest
 */
public record SweepPlan(SweepConfig config, SweepTask.Kind kind, ResultSpec results, CurveSpec curve,
                        List<SweepTask> tasks) {

    /** Reads {@code sweepFile} with {@code overrides} ({@code --set} on the sweep file) and expands it. */
    public static SweepPlan load(Path sweepFile, List<String> overrides) {
        ObjectNode tree = ConfigLoader.read(sweepFile);
        ConfigLoader.applyOverrides(tree, overrides);
        SweepConfig config = ConfigLoader.bind(tree, SweepConfig.class, "sweep");
        Path dir = sweepFile.toAbsolutePath().getParent();
        return expand(config, ConfigLoader.read(dir.resolve(config.base())), config.base());
    }

    /** The tasks of {@code config} over the base config tree {@code base}. */
    public static SweepPlan expand(SweepConfig config, ObjectNode base, String baseName) {
        SweepTask.Kind kind = base.hasNonNull("experiment") ? SweepTask.Kind.EXPERIMENT : SweepTask.Kind.TRAIN;
        if (kind == SweepTask.Kind.EXPERIMENT) {
            ExperimentRegistry.standard().get(base.get("experiment").asText());
        }
        List<Long> seeds = config.seeds() != null ? config.seeds()
                : List.of(base.hasNonNull("seed") ? base.get("seed").asLong() : 1L);
        List<Map<String, JsonNode>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<JsonNode>> axis : config.grid().entrySet()) {
            List<Map<String, JsonNode>> next = new ArrayList<>();
            for (Map<String, JsonNode> combo : combos) {
                for (JsonNode value : axis.getValue()) {
                    Map<String, JsonNode> c = new LinkedHashMap<>(combo);
                    c.put(axis.getKey(), value);
                    next.add(c);
                }
            }
            combos = next;
        }
        List<SweepTask> tasks = new ArrayList<>();
        for (Map<String, JsonNode> combo : combos) {
            for (long seed : seeds) {
                ObjectNode tree = base.deepCopy();
                config.set().forEach((k, v) -> set(tree, "set." + k, k, v));
                combo.forEach((k, v) -> set(tree, "grid." + k, k, v));
                tree.set("seed", LongNode.valueOf(seed));
                LinkedHashMap<String, String> params = new LinkedHashMap<>();
                params.put("seed", Long.toString(seed));
                combo.forEach((k, v) -> params.put(k, v.isValueNode() ? v.asText() : v.toString()));
                String id = String.format("t%03d", tasks.size());
                check(kind, tree, id, params, baseName);
                tasks.add(new SweepTask(tasks.size(), id, kind, ConfigLoader.toYaml(tree), params));
            }
        }
        ResultSpec results = config.results() != null ? config.results()
                : kind == SweepTask.Kind.TRAIN ? ResultSpec.trainDefault() : ResultSpec.experimentDefault();
        CurveSpec curve = config.curve() != null ? config.curve()
                : kind == SweepTask.Kind.TRAIN ? CurveSpec.trainDefault() : null;
        return new SweepPlan(config, kind, results, curve, List.copyOf(tasks));
    }

    /**
     * Sets dotted {@code key} of {@code tree} to {@code value}; a mapping value is set leaf by leaf, so
     * {@code set: {evaluation: {episodes: 100}}} (what {@code --set set.evaluation.episodes=100} gives)
     * changes that one field and keeps the rest of the base config's {@code evaluation} section.
     */
    private static void set(ObjectNode tree, String field, String key, JsonNode value) {
        if (value.isObject() && !value.isEmpty()) {
            value.fields().forEachRemaining(e -> set(tree, field + "." + e.getKey(), key + "." + e.getKey(),
                    e.getValue()));
            return;
        }
        try {
            ConfigLoader.set(tree, key, value);
        } catch (ConfigException e) {
            throw new ConfigException(field + ": " + e.getMessage().replaceFirst("^--set \\S+: ", ""), e);
        }
    }

    private static void check(SweepTask.Kind kind, ObjectNode tree, String id, Map<String, String> params,
                              String baseName) {
        if (kind == SweepTask.Kind.TRAIN) {
            try {
                ResolvedRun.resolve(tree, EnvRegistry.standard(), AgentRegistry.standard());
            } catch (ConfigException | IllegalArgumentException e) {
                throw new ConfigException("task " + id + " " + params + " (" + baseName + "): " + e.getMessage(), e);
            }
        }
    }
}
