package com.example.vshutdown.support.offer;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import com.example.vshutdown.protocol.InvalidValueException;
import com.example.vshutdown.protocol.Values;

/**
 * Where the settings of a component come from, and their strict reading: the one rule of the
 * platform, for the master, the providers and the agent alike. A setting is the value its
 * configuration sets (a file of the master service's configuration directory, or any ConfigAdmin
 * client), else the text of its framework property, normally {@code <prefix><key>} (what a command
 * line or a service manager can pass without a configuration file: {@code -Dvshutdown.linux.root=}),
 * else its default. <b>The configuration wins over the framework property.</b> Nothing is coerced:
 * a component reads its properties as they are rather than through a typed configuration, whose
 * coercions would turn {@code "+5"} into 5 and a long into a truncated int; a malformed setting,
 * and a key the component does not know (a misspelt setting would silently leave the default in
 * force), is a {@link MalformedSettingException} that names it as the operator set it: {@code key
 * (configuration <pid>)} or the framework property.
 */
public final class SettingSource {
    /**
     * Keys of a configuration that are no setting of the component: ConfigAdmin's and SCR's own, the
     * file FileInstall read it from, and the reference targets SCR reads itself ({@code *.target}).
     */
    private static final Set<String> NOT_SETTINGS = Set.of("service.pid", "service.factoryPid",
            "service.bundleLocation", "component.name", "component.id", "felix.fileinstall.filename");
    private static final String FILE = "felix.fileinstall.filename";

    private final String pid;
    private final UnaryOperator<String> property;
    private final Map<String, ?> configured;
    private final Function<String, String> framework;

    /**
     * @param pid the configuration, for messages
     * @param prefix the framework properties' prefix ({@code vshutdown.linux.})
     * @param configured the component's properties: what the configuration sets (null: nothing)
     * @param framework reads a framework property, null when unset
     */
    public SettingSource(String pid, String prefix, Map<String, ?> configured, Function<String, String> framework) {
        this(pid, key -> prefix + key, configured, framework);
        Objects.requireNonNull(prefix, "prefix");
    }

    private SettingSource(String pid, UnaryOperator<String> property, Map<String, ?> configured,
            Function<String, String> framework) {
        this.pid = Objects.requireNonNull(pid, "pid");
        this.property = property;
        this.configured = configured == null ? Map.of() : configured;
        this.framework = Objects.requireNonNull(framework, "framework");
    }

    /**
     * Settings some of whose framework properties are not {@code <prefix><key>} (names that predate
     * the rule, or that other components read under the same name).
     *
     * @param properties the framework property of a key, or null for {@code <prefix><key>}
     */
    public static SettingSource withProperties(String pid, String prefix, Function<String, String> properties,
            Map<String, ?> configured, Function<String, String> framework) {
        Objects.requireNonNull(prefix, "prefix");
        return new SettingSource(pid, key -> Optional.ofNullable(properties.apply(key)).orElse(prefix + key),
                configured, framework);
    }

    /** What the configuration sets, as it sets it. */
    public Map<String, ?> configured() {
        return configured;
    }

    /** The configured value, else the framework property's text, else null. */
    public Object value(String key) {
        Object value = configured.get(key);
        return value != null ? value : framework.apply(property.apply(key));
    }

    /** The framework property of a setting, whatever the configuration says. */
    public Optional<String> framework(String key) {
        return Optional.ofNullable(framework.apply(property.apply(key)));
    }

    /** The setting as the operator set it, for messages. */
    public String name(String key) {
        return configured.get(key) != null ? key + " (configuration " + pid + ")" : property.apply(key);
    }

    /**
     * Refuses a configuration that sets a key the component does not know: a misspelt
     * {@code shutdown.comand} would otherwise leave the detected poweroff in force, unnoticed.
     *
     * @param known whether a key is a setting of the component
     * @throws MalformedSettingException naming the first unknown key, the configuration and its file
     */
    public void refuseUnknown(Predicate<String> known) throws MalformedSettingException {
        Set<String> unknown = new TreeSet<>();
        for (String key : configured.keySet()) {
            if (!known.test(key) && !NOT_SETTINGS.contains(key) && !key.endsWith(".target")) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            Object file = configured.get(FILE);
            throw new MalformedSettingException("configuration " + pid + (file == null ? "" : " (" + file + ")")
                    + ": unknown setting" + (unknown.size() == 1 ? " '" : "s '") + String.join("', '", unknown)
                    + "'; a setting it does not know is refused, not ignored");
        }
    }

    /** Text, stripped; empty when unset or blank. */
    public Optional<String> text(String key) throws MalformedSettingException {
        Object value = value(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw malformed(key, value, "is not text");
        }
        return text.isBlank() ? Optional.empty() : Optional.of(text.strip());
    }

    /** An absolute path; the fallback when unset. */
    public Path path(String key, String fallback) throws MalformedSettingException {
        Optional<String> text = text(key);
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
        throw malformed(key, text.get(), "is not an absolute path");
    }

    /** {@code true} or {@code false}, exactly; the fallback when unset. */
    public boolean flag(String key, boolean fallback) throws MalformedSettingException {
        Object value = value(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean bool) {
            return bool;
        }
        String text = String.valueOf(value).strip();
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw malformed(key, value, "is neither true nor false");
    }

    /** A number of milliseconds from {@code min} to {@code max}; the fallback when unset. */
    public Duration millis(String key, long fallback, long min, long max) throws MalformedSettingException {
        Object value = value(key);
        long number;
        if (value == null) {
            return Duration.ofMillis(fallback);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            number = ((Number) value).longValue();
        } else if (value instanceof String text) {
            number = parse(key, text.strip(), false, "is not a number of milliseconds (an unsigned decimal integer)");
        } else {
            throw malformed(key, value, "is not a number of milliseconds");
        }
        if (number < min || number > max) {
            throw new MalformedSettingException(name(key) + ": " + number + " ms is out of range; give " + min + " to "
                    + max + " ms");
        }
        return Duration.ofMillis(number);
    }

    /** A whole number in range; text may carry a sign only where the range allows negatives. */
    public long number(String key, long fallback, long min, long max) throws MalformedSettingException {
        Object value = value(key);
        long number;
        if (value == null) {
            return fallback;
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            number = ((Number) value).longValue();
        } else if (value instanceof String text) {
            number = parse(key, text.strip(), min < 0,
                    min < 0 ? "is not a decimal integer" : "is not an unsigned decimal integer");
        } else {
            throw malformed(key, value, "is not a whole number");
        }
        if (number < min || number > max) {
            throw new MalformedSettingException(name(key) + ": " + number + " is out of range; give "
                    + (max == Long.MAX_VALUE ? "at least " + min
                            : min == Integer.MIN_VALUE && max == Integer.MAX_VALUE ? "an int" : min + " to " + max));
        }
        return number;
    }

    /**
     * A command as its arguments: a list of strings, or one text split at white space (a framework
     * property, or a configuration tool that gives a whole command line as one string). There is no
     * quoting: a command that needs it goes into a script.
     *
     * @param unset what leaving it unset means, for the message ("use the detected one")
     */
    public Optional<List<String>> command(String key, String unset) throws MalformedSettingException {
        Object value = value(key);
        List<String> words;
        if (value == null) {
            return Optional.empty();
        } else if (value instanceof String text) {
            words = split(text);
        } else if (value instanceof String[] array) {
            words = array.length == 1 && array[0] != null ? split(array[0]) : strings(Arrays.asList(array));
        } else if (value instanceof Collection<?> collection) {
            words = strings(new ArrayList<>(collection));
        } else {
            words = List.of();
        }
        if (words.isEmpty() || words.stream().anyMatch(String::isBlank)) {
            throw malformed(key, value, "is not a command; leave it unset to " + unset);
        }
        return Optional.of(words);
    }

    /**
     * A list of words: a list of strings, or one text whose entries are separated by {@code separator}
     * (a framework property); blank entries are left out.
     */
    public List<String> list(String key, String separator) throws MalformedSettingException {
        Object value = value(key);
        List<?> entries;
        if (value == null) {
            return List.of();
        } else if (value instanceof String text) {
            entries = List.of(text.split(Pattern.quote(separator), -1));
        } else if (value instanceof String[] array) {
            entries = Arrays.asList(array);
        } else if (value instanceof Collection<?> collection) {
            entries = new ArrayList<>(collection);
        } else {
            throw malformed(key, value, "is not a list of text");
        }
        if (entries.stream().anyMatch(entry -> !(entry instanceof String))) {
            throw malformed(key, value, "is not a list of text");
        }
        return entries.stream().map(String.class::cast).filter(entry -> !entry.isBlank()).map(String::strip).toList();
    }

    /** A one-line refusal of a value: {@code name: 'value' what}. */
    public MalformedSettingException malformed(String key, Object value, String what) {
        String shown = value instanceof Object[] array ? Arrays.toString(array) : String.valueOf(value);
        return new MalformedSettingException(name(key) + ": '" + Values.printable(shown) + "' " + what);
    }

    private long parse(String key, String text, boolean signed, String what) throws MalformedSettingException {
        boolean negative = signed && text.startsWith("-");
        try {
            long magnitude = Values.parseCounter(negative ? text.substring(1) : text);
            return negative ? -magnitude : magnitude;
        } catch (InvalidValueException e) {
            throw malformed(key, text, what);
        }
    }

    private static List<String> split(String text) {
        return text.isBlank() ? List.of() : List.of(text.strip().split("\\s+"));
    }

    private static List<String> strings(List<?> values) {
        return values.stream().map(v -> v instanceof String s ? s : "").toList();
    }
}
