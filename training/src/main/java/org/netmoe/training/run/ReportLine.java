package org.netmoe.training.run;

import java.io.PrintWriter;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.MarkerManager;

/**
 * A report line: printed on the command's output and logged to the run's {@code train.log}, but
 * not echoed by the console log appender ({@code log4j2.xml} denies {@link #MARKER} there), so a
 * terminal that shows both stdout and stderr shows it once.
 */
public final class ReportLine {
    /** Marks log events whose text is also printed on stdout. */
    public static final Marker MARKER = MarkerManager.getMarker("REPORT");

    private ReportLine() {
    }

    /** Prints {@code line} on {@code out} (flushed) and logs it at INFO through {@code log}. */
    public static void print(Logger log, PrintWriter out, String line) {
        log.info(MARKER, line);
        out.println(line);
        out.flush();
    }
}
