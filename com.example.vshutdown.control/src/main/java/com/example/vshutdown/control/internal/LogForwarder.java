package com.example.vshutdown.control.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts what other bundles of the master service report to the OSGi log service (FileInstall about
 * the configuration and deploy directories: a file that does not parse, a bundle that cannot be
 * installed or started; SCR; ConfigAdmin) into the service's own log, one line per entry: the
 * bundle, the message, and the exception's own line; its stack trace only at debug. Entries logged
 * before this component started (FileInstall reads the configuration directory before it) come
 * from the log service's history, so none logged at start-up is lost.
 */
@Component(immediate = true, service = {})
public final class LogForwarder implements LogListener {
    private static final Logger LOG = LoggerFactory.getLogger(LogForwarder.class);
    private static final String FELIX_LOG_EXCEPTION = "org.apache.felix.log.LogException";
    /** The loggers under which the log service records the framework's events (OSGi log 1.4). */
    private static final String EVENTS = "Events.";

    private final LogReaderService reader;
    /** The entries of the history, which the listener may be told of again: each goes out once. */
    private final Set<LogEntry> replayed = Collections.newSetFromMap(new IdentityHashMap<>());

    @Activate
    public LogForwarder(@Reference LogReaderService reader) {
        this.reader = reader;
        List<LogEntry> history = new ArrayList<>(Collections.list(reader.getLog()));
        Collections.reverse(history); // the log service gives the newest first
        synchronized (replayed) {
            replayed.addAll(history);
        }
        reader.addLogListener(this);
        history.forEach(LogForwarder::forward);
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        synchronized (replayed) {
            if (replayed.remove(entry)) {
                return;
            }
        }
        forward(entry);
    }

    private static void forward(LogEntry entry) {
        String line = line(entry);
        if (entry.getLoggerName().startsWith(EVENTS)) {
            LOG.debug("{}", line); // every bundle and service event: what the framework does, not news
            return;
        }
        switch (entry.getLogLevel()) {
            case AUDIT, ERROR -> LOG.error("{}", line);
            case WARN -> LOG.warn("{}", line);
            case INFO -> LOG.info("{}", line);
            default -> LOG.debug("{}", line);
        }
        if (entry.getException() != null) {
            LOG.debug("The stack trace of: {}", line, entry.getException());
        }
    }

    /** {@code <bundle>: <message>[: <exception>]}, on one line. */
    static String line(LogEntry entry) {
        Bundle bundle = entry.getBundle();
        StringBuilder line = new StringBuilder(bundle == null || bundle.getSymbolicName() == null ? "framework"
                : bundle.getSymbolicName()).append(": ").append(entry.getMessage());
        Throwable exception = entry.getException();
        if (exception != null) {
            // Felix Log hands another bundle's exception on as a LogException whose message is the
            // original's toString(); FileInstall often puts it in its message already
            String text = exception.getClass().getName().equals(FELIX_LOG_EXCEPTION) ? exception.getMessage()
                    : exception.toString();
            if (!entry.getMessage().contains(text)) {
                line.append(": ").append(text);
            }
        }
        return line.toString().replaceAll("\\s*\\R\\s*", " ");
    }
}
