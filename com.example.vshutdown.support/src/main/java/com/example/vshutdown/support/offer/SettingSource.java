package com.example.vshutdown.support.offer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.example.vshutdown.protocol.InvalidValueException;
import com.example.vshutdown.protocol.Values;

/**
 * Where a provider's settings come from, and their strict reading. A setting is the value its
 * configuration sets, else the text of the framework property {@code <prefix><key>} (what a command
 * line or a service manager can pass without a configuration file), else its default. Nothing is
 * coerced: a provider reads its component properties as they are rather than through a typed
 * configuration, whose coercions would turn {@code "+5"} into 5 and a long into a truncated int,
 * and a malformed setting is a {@link MalformedSettingException} that names it as the operator set
 * it: {@code key (configuration <pid>)} or the framework property.
 */
public final class SettingSource {
    private final String pid;
    private final String prefix;
    private final Map<String, ?> configured;
    private final Function<String, String> framework;

    /**
     * @param pid the configuration, for messages
     * @param prefix the framework properties' prefix ({@code vshutdown.linux.})
     * @param configured the component's properties: what the configuration sets (null: nothing)
     * @param framework reads a framework property, null when unset
     */
    public SettingSource(String pid, String prefix, Map<String, ?> configured, Function<String, String> framework) {
        this.pid = Objects.requireNonNull(pid, "pid");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.configured = configured == null ? Map.of() : configured;
        this.framework = Objects.requireNonNull(framework, "framework");
    }

    /** The configured value, else the framework property's text, else null. */
    public Object value(String key) {
        Object value = configured.get(key);
        return value != null ? value : framework.apply(prefix + key);
    }

    /** The setting as the operator set it, for messages. */
    public String name(String key) {
        return configured.get(key) != null ? key + " (configuration " + pid + ")" : prefix + key;
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

    /** A whole number in range; text may carry a sign only where the range allows negatives. */
    public long number(String key, long fallback, long min, long max) throws MalformedSettingException {
        Object value = value(key);
        long number;
        if (value == null) {
            return fallback;
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            number = ((Number) value).longValue();
        } else if (value instanceof String text) {
            number = parse(key, text.strip(), min < 0);
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

    private long parse(String key, String text, boolean signed) throws MalformedSettingException {
        boolean negative = signed && text.startsWith("-");
        try {
            long magnitude = Values.parseCounter(negative ? text.substring(1) : text);
            return negative ? -magnitude : magnitude;
        } catch (InvalidValueException e) {
            throw malformed(key, text, signed ? "is not a decimal integer" : "is not an unsigned decimal integer");
        }
    }

    private static List<String> split(String text) {
        return text.isBlank() ? List.of() : List.of(text.strip().split("\\s+"));
    }

    private static List<String> strings(List<?> values) {
        return values.stream().map(v -> v instanceof String s ? s : "").toList();
    }
}
