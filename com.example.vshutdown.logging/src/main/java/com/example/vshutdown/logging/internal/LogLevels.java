package com.example.vshutdown.logging.internal;

import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The levels of the app's logging: one for the root logger and one per logger name (a class, a
 * package, or the symbolic name of a bundle that logs through the OSGi log service, such as
 * {@code org.apache.felix.scr}). The one place that parses them, from the configuration
 * {@value LoggingComponent#PID} or the framework properties, and that writes them as that
 * configuration and as Pax Logging's Log4j 2 configuration.
 */
record LogLevels(String root, Map<String, String> loggers) {
    /** The names a level may have, lower case, as operators write them. */
    static final Set<String> NAMES = Set.of("trace", "debug", "info", "warn", "error", "off");
    /** The root logger's name where a command or a configuration names a logger. */
    static final String ROOT = "root";

    LogLevels {
        loggers = Collections.unmodifiableMap(new LinkedHashMap<>(loggers));
    }

    /**
     * The levels a configuration or the framework properties give: {@code root} a level name,
     * {@code entries} items {@code logger=level}. What is not valid is told to {@code complaints} in
     * one line each and left out (the root falls back to {@code fallbackRoot}): a malformed entry
     * must not silence or flood the log.
     */
    static LogLevels parse(String root, Iterable<String> entries, String fallbackRoot, Consumer<String> complaints) {
        String rootLevel = fallbackRoot;
        if (root != null && !root.isBlank()) {
            try {
                rootLevel = level(root);
            } catch (IllegalArgumentException e) {
                complaints.accept(e.getMessage() + "; the root logger stays at " + fallbackRoot);
            }
        }
        Map<String, String> loggers = new LinkedHashMap<>();
        for (String entry : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            try {
                if (equals < 0) {
                    throw new IllegalArgumentException("'" + entry.strip() + "' is not logger=level");
                }
                loggers.put(logger(entry.substring(0, equals)), level(entry.substring(equals + 1)));
            } catch (IllegalArgumentException e) {
                complaints.accept(e.getMessage() + "; ignored");
            }
        }
        return new LogLevels(rootLevel, loggers);
    }

    /** Splits a list of {@code logger=level} written on one line, separated by commas or blanks. */
    static Iterable<String> split(String list) {
        return list == null || list.isBlank() ? Set.of() : java.util.List.of(list.strip().split("[,\\s]+"));
    }

    /** The level name, lower case, or a one-line refusal. */
    static String level(String text) {
        String level = text.strip().toLowerCase(Locale.ROOT);
        if (!NAMES.contains(level)) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not a log level (trace, debug, info, warn, "
                    + "error, off)");
        }
        return level;
    }

    /** A logger name, or a one-line refusal: the characters of Java and bundle names, and '$'. */
    static String logger(String text) {
        String name = text.strip();
        if (!name.matches("[A-Za-z0-9_$.-]+")) {
            throw new IllegalArgumentException("'" + name + "' is not a logger name");
        }
        return name;
    }

    /** These levels with {@code logger} at {@code level}; {@code level} null puts it back on its parent's. */
    LogLevels with(String logger, String level) {
        if (ROOT.equalsIgnoreCase(logger)) {
            return new LogLevels(level == null ? root : level, loggers);
        }
        Map<String, String> changed = new LinkedHashMap<>(loggers);
        if (level == null) {
            changed.remove(logger);
        } else {
            changed.put(logger, level);
        }
        return new LogLevels(root, changed);
    }

    /** As the properties of the configuration {@value LoggingComponent#PID}. */
    Dictionary<String, Object> toConfiguration() {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("level", root);
        properties.put("levels", loggers.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .toArray(String[]::new));
        return properties;
    }
}
