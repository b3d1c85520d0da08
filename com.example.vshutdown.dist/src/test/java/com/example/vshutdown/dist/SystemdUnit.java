package com.example.vshutdown.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A systemd unit file and its environment file read as systemd reads them, as far as the project's
 * units use it: {@code Key=value} lines with backslash continuations and {@code #} comments, an
 * {@code EnvironmentFile=} of {@code KEY=value} lines (a value in double quotes loses them), and a
 * command line whose {@code $NAME} as a word of its own becomes the value split at white space (no
 * word when empty) and whose {@code ${NAME}} becomes the value exactly, as part of a word. The
 * prefixes of an executable ({@code -}, {@code @}, {@code +}, {@code !}, {@code :}) are dropped.
 * Anything else systemd would read differently (quoting in a command line, specifiers) is refused,
 * so that a unit the test reads is a unit systemd reads the same way.
 */
final class SystemdUnit {
    private static final Pattern BRACED = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}");
    private static final Pattern WORD_VARIABLE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");

    private final Map<String, List<String>> settings;

    private SystemdUnit(Map<String, List<String>> settings) {
        this.settings = settings;
    }

    static SystemdUnit read(Path file) throws IOException {
        Map<String, List<String>> settings = new LinkedHashMap<>();
        StringBuilder line = new StringBuilder();
        for (String raw : Files.readAllLines(file)) {
            if (line.length() == 0 && (raw.isBlank() || raw.startsWith("#") || raw.startsWith("["))) {
                continue;
            }
            if (raw.endsWith("\\")) {
                line.append(raw, 0, raw.length() - 1).append(' ');
                continue;
            }
            line.append(raw);
            String text = line.toString();
            line.setLength(0);
            int equals = text.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException(file + ": not a setting: " + text);
            }
            settings.computeIfAbsent(text.substring(0, equals).strip(), key -> new ArrayList<>())
                    .add(text.substring(equals + 1).strip());
        }
        return new SystemdUnit(settings);
    }

    /** The one value of a setting. */
    String value(String key) {
        List<String> values = settings.getOrDefault(key, List.of());
        if (values.size() != 1) {
            throw new IllegalArgumentException(key + " is set " + values.size() + " times: " + values);
        }
        return values.get(0);
    }

    Optional<String> optional(String key) {
        return settings.containsKey(key) ? Optional.of(value(key)) : Optional.empty();
    }

    /** An environment file's variables, in order. */
    static Map<String, String> environment(Path file) throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            String value = line.substring(equals + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            environment.put(line.substring(0, equals).strip(), value);
        }
        return environment;
    }

    /** A command setting ({@code ExecStop}) as the words systemd runs, with this environment. */
    List<String> command(String key, Map<String, String> environment) {
        String line = value(key).replaceFirst("^[-@+!:]+", "");
        if (line.contains("\"") || line.contains("'") || line.contains("%")) {
            throw new IllegalArgumentException(key + ": quoting or specifiers, which this reading does not do: " + line);
        }
        List<String> words = new ArrayList<>();
        for (String word : line.strip().split("\\s+")) {
            Matcher whole = WORD_VARIABLE.matcher(word);
            if (whole.matches()) {
                String value = variable(environment, whole.group(1)).strip();
                if (!value.isEmpty()) {
                    words.addAll(List.of(value.split("\\s+")));
                }
                continue;
            }
            Matcher braced = BRACED.matcher(word);
            StringBuilder expanded = new StringBuilder();
            while (braced.find()) {
                braced.appendReplacement(expanded, Matcher.quoteReplacement(variable(environment, braced.group(1))));
            }
            braced.appendTail(expanded);
            if (expanded.indexOf("$") >= 0) {
                throw new IllegalArgumentException(key + ": a variable this reading does not expand: " + word);
            }
            words.add(expanded.toString());
        }
        return words;
    }

    private static String variable(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null) {
            // systemd would make it empty; a unit that relies on that is a unit with a missing default
            throw new IllegalArgumentException("$" + name + " is not set by the environment file");
        }
        return value;
    }
}
