package org.netmoe.training.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A results table with a fixed header, written as CSV ({@code results.csv}) and as a Markdown
 * table (for {@code summary.md}). Cells are strings, integers or doubles; doubles are printed with
 * six significant digits in CSV and {@code digits} decimals in Markdown; NaN prints as empty in
 * CSV and "–" in Markdown.
 */
public final class Table {
    private final List<String> header;
    private final List<Object[]> rows = new ArrayList<>();

    private Table(List<String> header) {
        if (header.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.header = List.copyOf(header);
    }

    /** A table with the given column names. */
    public static Table of(String... header) {
        return new Table(Arrays.asList(header));
    }

    /** Appends a row; it must have one cell per column. */
    public Table add(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, the table has " + header.size()
                    + " columns " + header);
        }
        rows.add(cells.clone());
        return this;
    }

    public List<String> header() {
        return header;
    }

    public int size() {
        return rows.size();
    }

    /** Cell {@code column} of row {@code row}. */
    public Object cell(int row, String column) {
        int c = header.indexOf(column);
        if (c < 0) {
            throw new IllegalArgumentException("no column " + column + " in " + header);
        }
        return rows.get(row)[c];
    }

    /** The CSV text: the header line, then one line per row (RFC 4180 quoting where needed). */
    public String toCsv() {
        StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
        for (Object[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(csvCell(r[i]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Writes {@link #toCsv()} to {@code file}. */
    public void writeCsv(Path file) throws IOException {
        Files.writeString(file, toCsv());
    }

    /** A Markdown table, doubles with {@code digits} decimals. */
    public String toMarkdown(int digits) {
        StringBuilder sb = new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> sb.append("---|"));
        sb.append('\n');
        for (Object[] r : rows) {
            sb.append('|');
            for (Object c : r) {
                sb.append(' ').append(mdCell(c, digits)).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String csvCell(Object c) {
        if (c == null) {
            return "";
        }
        if (c instanceof Double || c instanceof Float) {
            double d = ((Number) c).doubleValue();
            if (Double.isNaN(d)) {
                return "";
            }
            return String.format(Locale.ROOT, "%.6g", d).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2")
                    .replaceFirst("\\.(e|$)", "$1");
        }
        String s = c.toString();
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static String mdCell(Object c, int digits) {
        if (c == null) {
            return "–";
        }
        if (c instanceof Double || c instanceof Float) {
            double d = ((Number) c).doubleValue();
            return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%." + digits + "f", d);
        }
        return c.toString().replace("|", "\\|");
    }
}
