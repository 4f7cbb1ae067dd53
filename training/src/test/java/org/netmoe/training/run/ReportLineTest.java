package org.netmoe.training.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.filter.AbstractFilterable;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

class ReportLineTest {

    private static LogEvent event(org.apache.logging.log4j.Marker marker) {
        return Log4jLogEvent.newBuilder().setLoggerName("test").setLevel(Level.INFO).setMarker(marker)
                .setMessage(new SimpleMessage("line")).build();
    }

    @Test
    void consoleAppenderSkipsReportLinesSoATerminalShowsThemOnce() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Appender console = ctx.getConfiguration().getAppender("stderr");
        AbstractFilterable filterable = (AbstractFilterable) console;
        assertTrue(filterable.isFiltered(event(ReportLine.MARKER)), "a report line is on stdout already");
        assertFalse(filterable.isFiltered(event(null)), "other log lines still reach the console");
    }

    @Test
    void printWritesTheLineOnceOnTheOutput() {
        StringWriter out = new StringWriter();
        ReportLine.print(LogManager.getLogger(ReportLineTest.class), new PrintWriter(out), "trained dqn");
        assertEquals("trained dqn" + System.lineSeparator(), out.toString());
    }
}
