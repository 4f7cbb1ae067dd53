package org.netmoe.sweep;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The learning curve a task reports: {@code (x, y)} columns of the CSV {@code file} in its run
 * directory, rows filtered by {@code where} (column = value) and split into one curve per value of
 * the {@code keys} columns (one plot per key).
 *
 * @param file  CSV file relative to the task's run directory
 * @param x     the x column, e.g. {@code step}
 * @param y     the y column, e.g. {@code value}
 * @param keys  columns naming separate curves, e.g. {@code [task]}; may be empty
 * @param where column = value filters, e.g. {@code {metric: rollout/episode_return}}; may be empty
 */
public record CurveSpec(String file, String x, String y, List<String> keys, Map<String, String> where)
        implements Serializable {
    public CurveSpec {
        for (var f : List.of(new String[] {"file", file}, new String[] {"x", x}, new String[] {"y", y})) {
            if (f[1] == null || f[1].isBlank()) {
                throw new IllegalArgumentException(f[0] + " is required");
            }
        }
        keys = keys == null ? List.of() : List.copyOf(keys);
        where = where == null ? Map.of() : new LinkedHashMap<>(where);
    }

    /** A {@code netmoe train} run: the episode returns of metrics.csv against the env step. */
    static CurveSpec trainDefault() {
        return new CurveSpec("metrics.csv", "step", "value", List.of(), Map.of("metric", "rollout/episode_return"));
    }
}
