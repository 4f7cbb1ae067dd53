package org.netmoe.training.report;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A results table of typed rows: one record per row, the record's components are the columns in
 * declaration order, named in snake case ({@code meanRegret} → {@code mean_regret},
 * {@code ci95Low} → {@code ci95_low}, {@code meanSPerCall} → {@code mean_s_per_call}). Written as CSV and Markdown exactly as {@link Table} writes
 * the same cells.
 *
 * @param <R> the row record
 */
public final class Rows<R extends Record> {
    private final List<String> header;
    private final Method[] accessors;
    private final List<R> rows = new ArrayList<>();

    private Rows(Class<R> type) {
        RecordComponent[] components = type.getRecordComponents();
        this.header = Arrays.stream(components).map(c -> column(c.getName())).toList();
        this.accessors = Arrays.stream(components).map(RecordComponent::getAccessor).toArray(Method[]::new);
        for (Method m : accessors) {
            m.setAccessible(true); // row records are often package-private
        }
    }

    private Rows(List<String> header, Method[] accessors) {
        this.header = header;
        this.accessors = accessors;
    }

    /** An empty table of {@code type} rows. */
    public static <R extends Record> Rows<R> of(Class<R> type) {
        return new Rows<>(type);
    }

    /** The CSV column of the record component {@code name}. */
    static String column(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z])([A-Z][a-z])", "$1_$2")
                .toLowerCase(Locale.ROOT);
    }

    /** Appends {@code row}. */
    public Rows<R> add(R row) {
        rows.add(row);
        return this;
    }

    /** The rows in insertion order (unmodifiable). */
    public List<R> list() {
        return List.copyOf(rows);
    }

    /** The rows in insertion order. */
    public Stream<R> stream() {
        return rows.stream();
    }

    /** The rows that match {@code filter}, as a new table. */
    public Rows<R> where(Predicate<R> filter) {
        Rows<R> out = new Rows<>(header, accessors);
        rows.stream().filter(filter).forEach(out.rows::add);
        return out;
    }

    /** The column names. */
    public List<String> header() {
        return header;
    }

    /** Whether there are no rows. */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The rows as an untyped {@link Table} (the same cells). */
    public Table table() {
        Table t = Table.of(header.toArray(String[]::new));
        for (R r : rows) {
            Object[] cells = new Object[accessors.length];
            for (int i = 0; i < cells.length; i++) {
                try {
                    cells[i] = accessors[i].invoke(r);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read column " + header.get(i) + " of " + r, e);
                }
            }
            t.add(cells);
        }
        return t;
    }

    /** Writes the CSV text ({@link Table#toCsv()}) to {@code file}. */
    public void writeCsv(Path file) throws IOException {
        table().writeCsv(file);
    }

    /** A Markdown table, doubles with {@code digits} decimals ({@link Table#toMarkdown(int)}). */
    public String toMarkdown(int digits) {
        return table().toMarkdown(digits);
    }
}
