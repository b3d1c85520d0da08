package com.example.vshutdown.master.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.protocol.InvalidValueException;
import com.example.vshutdown.protocol.Values;
import com.example.vshutdown.support.offer.MalformedSettingException;

/**
 * Where each of the master's settings comes from: the configuration {@value #PID} when it sets it,
 * else the framework property {@code vshutdown.master.<name>} (what a command line can pass:
 * {@code -Dvshutdown.master.stop.order='*;5;3'}), else its default. The one bridge from framework
 * properties to the master's settings; the parsing is strict, and a malformed value is refused
 * with one line that names where it came from.
 */
final class SettingSource {
    static final String PID = "com.example.vshutdown.master";
    static final String FRAMEWORK_PREFIX = "vshutdown.master.";
    /** The one setting whose framework property is not the prefix and its name: it predates the rule. */
    static final String MASTER_DOMAIN = "master.domain";
    static final String MASTER_DOMAIN_PROPERTY = "vshutdown.master.domain";
    /**
     * The settings whose framework property is not the prefix and its name: the master's own domain,
     * which predates the rule, and the machine's directories, which are the machine's rather than
     * the master's and are read under the same name by whatever else uses them.
     */
    private static final Map<String, String> OWN_PROPERTIES = Map.of(MASTER_DOMAIN, MASTER_DOMAIN_PROPERTY,
            MachineSettings.RUN_DIR, "vshutdown.run.dir", MachineSettings.STATE_DIR, "vshutdown.state.dir");

    private final Map<String, ?> configured;
    private final Function<String, String> framework;

    /**
     * @param configured the component's properties: what the configuration sets
     * @param framework the framework properties (null when unset)
     */
    SettingSource(Map<String, ?> configured, Function<String, String> framework) {
        this.configured = configured == null ? Map.of() : configured;
        this.framework = framework;
    }

    Map<String, ?> configured() {
        return configured;
    }

    /** The configured value, else the framework property's text, else empty. */
    Optional<Object> value(String name) {
        Object value = configured.get(name);
        return value != null ? Optional.of(value) : framework(name).map(Object.class::cast);
    }

    /** The framework property of a setting, whatever the configuration says. */
    Optional<String> framework(String name) {
        return Optional.ofNullable(framework.apply(frameworkProperty(name)));
    }

    /** How an operator finds the setting again: the configuration's key, or the framework property. */
    String describe(String name) {
        return configured.get(name) != null ? name + " (configuration " + PID + ")" : frameworkProperty(name);
    }

    static String frameworkProperty(String name) {
        return OWN_PROPERTIES.getOrDefault(name, FRAMEWORK_PREFIX + name);
    }

    /** A text setting, stripped; empty when unset. */
    Optional<String> text(String name) throws MalformedSettingException {
        Optional<Object> value = value(name);
        if (value.isPresent() && !(value.get() instanceof String)) {
            throw new MalformedSettingException(describe(name) + ": '" + Values.printable(String.valueOf(value.get()))
                    + "' is not text");
        }
        return value.map(v -> ((String) v).strip());
    }

    /** An absolute path; the fallback when unset. */
    Path path(String name, String fallback) throws MalformedSettingException {
        Optional<String> text = text(name);
        if (text.isEmpty()) {
            return Path.of(fallback);
        }
        try {
            Path path = Path.of(text.get());
            if (path.isAbsolute()) {
                return path.normalize();
            }
        } catch (InvalidPathException e) {
            // refused below
        }
        throw new MalformedSettingException(describe(name) + ": '" + Values.printable(text.get())
                + "' is not an absolute path");
    }

    /** {@code true} or {@code false}, exactly; the fallback when unset. */
    boolean flag(String name, boolean fallback) throws MalformedSettingException {
        Optional<Object> value = value(name);
        if (value.isEmpty()) {
            return fallback;
        }
        if (value.get() instanceof Boolean bool) {
            return bool;
        }
        String text = String.valueOf(value.get()).strip();
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new MalformedSettingException(describe(name) + ": '" + Values.printable(String.valueOf(value.get()))
                + "' is neither true nor false");
    }

    /**
     * A number of milliseconds from {@code min} up to the longest time-out a request takes (so a
     * deadline built from it cannot overflow); the fallback when unset.
     */
    Duration millis(String name, long fallback, long min) throws MalformedSettingException {
        Optional<Object> value = value(name);
        if (value.isEmpty()) {
            return Duration.ofMillis(fallback);
        }
        long number;
        if (value.get() instanceof Integer || value.get() instanceof Long || value.get() instanceof Short) {
            number = ((Number) value.get()).longValue();
        } else if (value.get() instanceof String text) {
            try {
                number = Values.parseCounter(text.strip());
            } catch (InvalidValueException e) {
                throw new MalformedSettingException(describe(name) + ": '" + Values.printable(text)
                        + "' is not a number of milliseconds (an unsigned decimal integer)");
            }
        } else {
            throw new MalformedSettingException(describe(name) + ": '"
                    + Values.printable(String.valueOf(value.get())) + "' is not a number of milliseconds");
        }
        long max = ShutdownRequest.MAX_TIMEOUT.toMillis();
        if (number < min || number > max) {
            throw new MalformedSettingException(describe(name) + ": " + number + " ms is out of range; give "
                    + min + " to " + max + " ms");
        }
        return Duration.ofMillis(number);
    }
}
