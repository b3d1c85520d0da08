package com.example.vshutdown.logging.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Pax Logging's configuration ({@value #PID}, Log4j 2 properties prefixed {@code log4j2.}) for a
 * set of levels: one appender on the process's standard error, one line per entry. Standard output
 * belongs to command output only.
 *
 * <p>The appender writes to file descriptor 2 itself ({@code direct}), not to {@code System.err}:
 * Gogo replaces {@code System.err} with a stream per command thread, so a line logged on a
 * command's thread would otherwise reach that command's client instead of the service's log.
 *
 * <p>Under systemd each line starts with its syslog priority ({@code <3>} error … {@code <7>}
 * debug), which journald reads as the line's priority and removes.
 */
final class Log4j2Configuration {
    /** Pax Logging's configuration PID. */
    static final String PID = "org.ops4j.pax.logging";
    /**
     * The format of a line: the level, the bundle that logged (Pax Logging's MDC; for the framework's
     * events, the bundle the event is about), the logger, the message on one line, and an
     * exception's first line (the journal and a terminal add the time).
     */
    static final String PATTERN = "%-5level [%X{bundle.name}] %logger - %enc{%msg}{CRLF}"
            + "%notEmpty{ (%enc{%replace{%throwable{1}}{^ +}{}}{CRLF})}%n";
    /** At debug and trace, whole stack traces. */
    static final String DEBUG_PATTERN = "%-5level [%X{bundle.name}] %logger - %msg%n%throwable";
    /** Log4j 2 level names → syslog priorities (sd-daemon(3)); trace is debug too. */
    static final String JOURNAL_PREFIX = "%level{FATAL=<2>, ERROR=<3>, WARN=<4>, INFO=<6>, DEBUG=<7>, TRACE=<7>}";

    private Log4j2Configuration() {
    }

    static Dictionary<String, Object> of(LogLevels levels, boolean journal) {
        Dictionary<String, Object> properties = new Hashtable<>();
        // Log4j 2's own status lines reach stdout through Pax's fallback, where only command output belongs:
        // only a fatal one is worth that. An appender that cannot write a line while the context restarts
        // (a level change, the framework stopping) cannot report it on the stream that failed anyway.
        properties.put("log4j2.status", "FATAL");
        properties.put("log4j2.appender.stderr.type", "Console");
        properties.put("log4j2.appender.stderr.name", "stderr");
        properties.put("log4j2.appender.stderr.target", "SYSTEM_ERR");
        properties.put("log4j2.appender.stderr.direct", "true");
        properties.put("log4j2.appender.stderr.layout.type", "PatternLayout");
        String pattern = Set.of("debug", "trace").contains(levels.root()) ? DEBUG_PATTERN : PATTERN;
        properties.put("log4j2.appender.stderr.layout.pattern", journal ? JOURNAL_PREFIX + pattern : pattern);
        // the exception is the pattern's own business: one line, or the whole trace at debug
        properties.put("log4j2.appender.stderr.layout.alwaysWriteExceptions", "false");
        properties.put("log4j2.rootLogger.level", upper(levels.root()));
        properties.put("log4j2.rootLogger.appenderRef.stderr.ref", "stderr");
        int i = 0;
        for (Map.Entry<String, String> logger : levels.loggers().entrySet()) {
            properties.put("log4j2.logger.l" + i + ".name", logger.getKey());
            properties.put("log4j2.logger.l" + i + ".level", upper(logger.getValue()));
            i++;
        }
        return properties;
    }

    private static String upper(String level) {
        return level.toUpperCase(Locale.ROOT);
    }
}
