package org.netmoe.sweep;

import java.io.Serializable;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which final metrics a task reports: rows of the CSV {@code file} in its run directory, each
 * named by its {@code keys} columns (joined by {@code /}) and, with several {@code values}
 * columns, the column too; the last row of a name wins (so {@code metrics.csv} gives final values).
 *
 * @param file   CSV file relative to the task's run directory, e.g. {@code results.csv}
 * @param keys   the columns that name a row, e.g. {@code [gate, task]}; empty: inferred as the
 *               non-numeric columns
 * @param values the numeric columns to report, e.g. {@code [success_rate]}; empty: inferred as the
 *               numeric columns
 * @param match  a regular expression a metric name must match, or null for all
 */
public record ResultSpec(String file, List<String> keys, List<String> values, String match) implements Serializable {
    public ResultSpec {
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("file must name a CSV file of the run directory, was " + file);
        }
        keys = keys == null ? List.of() : List.copyOf(keys);
        values = values == null ? List.of() : List.copyOf(values);
        if (match != null) {
            try {
                Pattern.compile(match);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("match is not a regular expression: " + match);
            }
        }
    }

    /** A {@code netmoe train} run: the final {@code eval/*} rows of metrics.csv. */
    static ResultSpec trainDefault() {
        return new ResultSpec("metrics.csv", List.of("metric"), List.of("value"), "eval/.*");
    }

    /** A {@code netmoe experiment} run: every row of results.csv, keys and values inferred. */
    static ResultSpec experimentDefault() {
        return new ResultSpec("results.csv", List.of(), List.of(), null);
    }
}
