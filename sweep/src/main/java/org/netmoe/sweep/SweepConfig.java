package org.netmoe.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep file ({@code configs/*-sweep.yaml}).
 *
 * <pre>
 * base: maze-dqn.yaml              # a netmoe train or experiment config, relative to this file
 * seeds: [1, 2, 3, 4, 5]           # the base's seed field per task (default: the base's seed)
 * grid:                            # dotted config keys, as --set takes them -> values
 *   agent.id: [dqn, ppo]
 *   env.params.slipProbability: [0.0, 0.1]
 * set: {train.steps: 20000}        # overrides applied to every task
 * results: {file: metrics.csv, keys: [metric], values: [value], match: "eval/.*"}
 * curve: {file: metrics.csv, x: step, y: value, where: {metric: rollout/episode_return}}
 * spark: {master: "local[*]", maxFailures: 3}
 * </pre>
 *
 * The tasks are seeds × the product of the grid's lists. {@code results} and {@code curve} default
 * to the final eval metrics and the episode-return curve of a train run, and to every row of
 * {@code results.csv} (no curve) of an experiment.
 *
 * @param base    the base config file, relative to the sweep file's folder
 * @param seeds   the seeds, or null for the base's own
 * @param grid    dotted key to the values it takes (each list non-empty), in file order
 * @param set     dotted key to the value every task gets
 * @param results the final metrics, or null for the default
 * @param curve   the learning curve, or null for the default
 * @param spark   Spark settings, or null for the defaults
 */
public record SweepConfig(String base, List<Long> seeds, LinkedHashMap<String, List<JsonNode>> grid,
                          LinkedHashMap<String, JsonNode> set, ResultSpec results, CurveSpec curve,
                          SparkSection spark) {
    public SweepConfig {
        if (base == null || base.isBlank()) {
            throw new IllegalArgumentException("base must name the base train or experiment config, was " + base);
        }
        if (seeds != null && (seeds.isEmpty() || seeds.stream().distinct().count() != seeds.size())) {
            throw new IllegalArgumentException("seeds must be a non-empty list of distinct integers, was " + seeds);
        }
        grid = grid == null ? new LinkedHashMap<>() : grid;
        for (Map.Entry<String, List<JsonNode>> e : grid.entrySet()) {
            if (e.getValue() == null || e.getValue().isEmpty()) {
                throw new IllegalArgumentException("grid." + e.getKey() + " must be a non-empty list of values");
            }
            if (e.getKey().equals("seed")) {
                throw new IllegalArgumentException("grid.seed: list the seeds under seeds instead");
            }
        }
        set = set == null ? new LinkedHashMap<>() : set;
        spark = spark == null ? new SparkSection(null, null) : spark;
    }

    /**
     * Spark settings.
     *
     * @param master      Spark master URL; null: {@code local[*]}, or what spark-submit set
     * @param maxFailures attempts per task before the sweep fails ({@code spark.task.maxFailures};
     *                    in {@code local[N]} written as {@code local[N,maxFailures]}), {@code >= 1}
     */
    public record SparkSection(String master, Integer maxFailures) {
        public SparkSection {
            maxFailures = maxFailures == null ? 3 : maxFailures;
            if (maxFailures < 1) {
                throw new IllegalArgumentException("maxFailures must be >= 1, was " + maxFailures);
            }
        }
    }
}
