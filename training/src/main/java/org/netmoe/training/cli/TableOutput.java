package org.netmoe.training.cli;

import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The {@code --csv} switch of the {@code bench} commands and the output it selects: an aligned
 * table with a closing note, or bare CSV (header and rows only) for scripts. Numbers are formatted
 * with {@link Locale#ROOT}.
 */
final class TableOutput {
    @Option(names = "--csv", description = "Print only CSV.")
    boolean csv;

    /** Prints the CSV header line, or the column names through {@code tableFormat}. */
    void header(PrintWriter out, String csvHeader, String tableFormat, Object... columns) {
        if (csv) {
            out.println(csvHeader);
        } else {
            out.printf(Locale.ROOT, tableFormat, columns);
        }
    }

    /** Prints one row through {@code csvFormat} or {@code tableFormat} and flushes, so long runs show progress. */
    void row(PrintWriter out, String csvFormat, String tableFormat, Object... values) {
        out.printf(Locale.ROOT, csv ? csvFormat : tableFormat, values);
        out.flush();
    }

    /** Prints a line for people (settings, a closing note); nothing in CSV mode. */
    void note(PrintWriter out, String format, Object... args) {
        if (!csv) {
            out.printf(Locale.ROOT, format, args);
        }
    }
}
