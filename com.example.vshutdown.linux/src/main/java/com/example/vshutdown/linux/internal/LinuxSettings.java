package com.example.vshutdown.linux.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.example.vshutdown.protocol.InvalidValueException;
import com.example.vshutdown.protocol.Values;
import com.example.vshutdown.support.offer.MalformedSettingException;

/**
 * The provider's settings, checked. Each comes from the configuration {@code
 * com.example.vshutdown.linux} when it sets it, else from the framework property
 * {@code vshutdown.linux.<name>} (what a command line or a service manager can pass: {@code
 * -Dvshutdown.linux.root=/tmp/x}), else from its default. A malformed one is refused with one line
 * that names it; nothing is guessed.
 *
 * @param rootSource where the root came from, for log lines
 * @param explicitRoot whether the root was set rather than defaulted: only then does the provider
 *        register where the root does not exist
 * @param shutdownCommand the native shutdown command, when set; else it is detected
 * @param rebootCommand the native reboot command, when set; else it is detected
 */
record LinuxSettings(Path root, String rootSource, boolean explicitRoot, int netlinkProtocol, int netlinkGroup,
        Duration safetyReread, Duration pollInterval, int ranking, Optional<List<String>> shutdownCommand,
        Optional<List<String>> rebootCommand, Duration commandTimeout) {

    static final String FRAMEWORK_PREFIX = "vshutdown.linux.";
    static final String ROOT = "root";
    static final String NETLINK_PROTOCOL = "netlink.protocol";
    static final String NETLINK_GROUP = "netlink.group";
    static final String SAFETY_REREAD = "safety.reread.ms";
    static final String POLL_INTERVAL = "poll.interval.ms";
    static final String RANKING = "service.ranking";
    static final String SHUTDOWN_COMMAND = "shutdown.command";
    static final String REBOOT_COMMAND = "reboot.command";
    static final String COMMAND_TIMEOUT = "command.timeout.ms";

    static final String DEFAULT_ROOT = "/sys/nk/prop";
    /** NETLINK_USERSOCK: the protocol reserved for user-defined netlink messages. */
    static final int DEFAULT_PROTOCOL = 2;
    static final int DEFAULT_GROUP = 1;
    static final long DEFAULT_SAFETY_REREAD_MS = 2000;
    static final long DEFAULT_POLL_INTERVAL_MS = 200;
    /** Above the simulator's -100: a real platform outranks the simulated one. */
    static final int DEFAULT_RANKING = 100;
    /** Below the agent's default bound of 30 s, so that the provider's own report, naming the command, wins. */
    static final long DEFAULT_COMMAND_TIMEOUT_MS = 20000;
    /** Netlink protocols are numbered below MAX_LINKS (32). */
    static final int MAX_PROTOCOL = 31;

    /**
     * @param configured the component's properties: what the configuration sets
     * @param framework the framework properties (null when unset)
     */
    static LinuxSettings resolve(Map<String, ?> configured, Function<String, String> framework)
            throws MalformedSettingException {
        Source source = new Source(configured == null ? Map.of() : configured, framework);
        Object rootValue = source.value(ROOT);
        String rootText = rootValue == null ? DEFAULT_ROOT : String.valueOf(rootValue).strip();
        if (!(rootValue == null || rootValue instanceof String) || rootText.isEmpty()
                || !Path.of(rootText).isAbsolute()) {
            throw new MalformedSettingException(source.name(ROOT) + ": '" + Values.printable(rootText)
                    + "' is not an absolute directory path");
        }
        return new LinuxSettings(Path.of(rootText), rootValue == null ? "default" : source.name(ROOT),
                rootValue != null,
                (int) source.number(NETLINK_PROTOCOL, DEFAULT_PROTOCOL, 0, MAX_PROTOCOL),
                (int) source.number(NETLINK_GROUP, DEFAULT_GROUP, 1, NetlinkSocket.MAX_GROUP),
                Duration.ofMillis(source.number(SAFETY_REREAD, DEFAULT_SAFETY_REREAD_MS, 1, Long.MAX_VALUE)),
                Duration.ofMillis(source.number(POLL_INTERVAL, DEFAULT_POLL_INTERVAL_MS, 1, Long.MAX_VALUE)),
                (int) source.number(RANKING, DEFAULT_RANKING, Integer.MIN_VALUE, Integer.MAX_VALUE),
                source.command(SHUTDOWN_COMMAND), source.command(REBOOT_COMMAND),
                Duration.ofMillis(source.number(COMMAND_TIMEOUT, DEFAULT_COMMAND_TIMEOUT_MS, 1, Long.MAX_VALUE)));
    }

    /** Where each setting comes from, and its strict parsing. */
    private record Source(Map<String, ?> configured, Function<String, String> framework) {
        /** The configured value, else the framework property's text, else null. */
        Object value(String key) {
            Object value = configured.get(key);
            return value != null ? value : framework.apply(FRAMEWORK_PREFIX + key);
        }

        String name(String key) {
            return configured.get(key) != null ? key + " (configuration " + LinuxProviderComponent.PID + ")"
                    : FRAMEWORK_PREFIX + key;
        }

        /** A whole number in range; text may carry a sign only where the range allows negatives. */
        long number(String key, long fallback, long min, long max) throws MalformedSettingException {
            Object value = value(key);
            long number;
            if (value == null) {
                return fallback;
            } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
                number = ((Number) value).longValue();
            } else if (value instanceof String text) {
                number = parse(key, text.strip(), min < 0);
            } else {
                throw new MalformedSettingException(name(key) + ": '" + Values.printable(String.valueOf(value))
                        + "' is not a whole number");
            }
            if (number < min || number > max) {
                throw new MalformedSettingException(name(key) + ": " + number + " is out of range; give "
                        + (max == Long.MAX_VALUE ? "at least " + min
                                : min == Integer.MIN_VALUE ? "an int" : min + " to " + max));
            }
            return number;
        }

        private long parse(String key, String text, boolean signed) throws MalformedSettingException {
            boolean negative = signed && text.startsWith("-");
            try {
                long magnitude = Values.parseCounter(negative ? text.substring(1) : text);
                return negative ? -magnitude : magnitude;
            } catch (InvalidValueException e) {
                throw new MalformedSettingException(name(key) + ": '" + Values.printable(text) + "' is not "
                        + (signed ? "a decimal integer" : "an unsigned decimal integer"));
            }
        }

        /**
         * A command as its arguments: a list of strings, or one text split at white space (a
         * framework property). There is no quoting: a command that needs it goes into a script.
         */
        Optional<List<String>> command(String key) throws MalformedSettingException {
            Object value = value(key);
            List<String> words;
            if (value == null) {
                return Optional.empty();
            } else if (value instanceof String text) {
                words = split(text);
            } else if (value instanceof String[] array) {
                // one string in an array is how a configuration tool may give a whole command line
                words = array.length == 1 && array[0] != null ? split(array[0]) : nullSafe(Arrays.asList(array));
            } else if (value instanceof Collection<?> collection) {
                words = nullSafe(new ArrayList<>(collection));
            } else {
                words = List.of();
            }
            if (words.isEmpty() || words.stream().anyMatch(String::isBlank)) {
                throw new MalformedSettingException(name(key) + ": '" + Values.printable(String.valueOf(value))
                        + "' is not a command; leave it unset to use the detected one");
            }
            return Optional.of(words);
        }

        private static List<String> split(String text) {
            return text.isBlank() ? List.of() : List.of(text.strip().split("\\s+"));
        }

        private static List<String> nullSafe(List<?> values) {
            return values.stream().map(v -> v instanceof String s ? s : "").toList();
        }
    }
}
