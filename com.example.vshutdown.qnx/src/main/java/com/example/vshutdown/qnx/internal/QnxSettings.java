package com.example.vshutdown.qnx.internal;

import java.io.File;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The provider's settings, checked: where it runs, which library it binds, how it waits and which
 * native commands it runs. A malformed setting is refused with a message naming it; nothing is
 * guessed, since a guessed library or command on the master could take the wrong machine down.
 */
record QnxSettings(boolean enabled, String reason, String library, List<String> libraryPath, Duration waitTimeout,
        int ranking, List<String> shutdownCommand, List<String> rebootCommand, Duration nativeTimeout) {
    /** Framework property read when the configuration leaves {@code enabled} empty. */
    static final String ENABLED_PROPERTY = "vshutdown.qnx.enabled";
    /** Framework property read when the configuration leaves {@code library} empty. */
    static final String LIBRARY_PROPERTY = "vshutdown.qnx.library";
    /** The framework property that says which OS the framework runs on. */
    static final String OS_NAME_PROPERTY = "org.osgi.framework.os.name";
    /** Upper bound of one vsd_wait; longer would make stopping the provider slow. */
    static final long MAX_WAIT_MILLIS = 60_000;

    /**
     * Decides whether the provider runs and checks the rest when it does.
     *
     * @param framework reads a framework property, null when unset
     * @throws IllegalArgumentException naming the malformed setting
     */
    static QnxSettings of(QnxProviderComponent.Config config, UnaryOperator<String> framework) {
        String os = framework.apply(OS_NAME_PROPERTY);
        String mode = config.enabled() == null || config.enabled().isBlank() ? framework.apply(ENABLED_PROPERTY)
                : config.enabled();
        String origin = config.enabled() == null || config.enabled().isBlank() ? ENABLED_PROPERTY : "enabled";
        boolean enabled;
        String reason;
        switch (mode == null ? "auto" : mode.strip().toLowerCase(Locale.ROOT)) {
            case "auto", "" -> {
                enabled = isQnx(os);
                reason = enabled ? "the framework runs on QNX (" + os + ")"
                        : "the framework runs on " + os + ", not QNX, and " + ENABLED_PROPERTY + " is not true";
            }
            case "true" -> {
                enabled = true;
                reason = origin + " is true";
            }
            case "false" -> {
                enabled = false;
                reason = origin + " is false";
            }
            default -> throw new IllegalArgumentException(
                    origin + " is '" + mode + "': give auto (on QNX only), true or false");
        }
        boolean libraryConfigured = config.library() != null && !config.library().isBlank();
        String library = libraryConfigured ? config.library() : framework.apply(LIBRARY_PROPERTY);
        library = library == null || library.isBlank() ? DdiLibrary.DEFAULT_NAME : library.strip();
        if (!enabled) {
            return new QnxSettings(false, reason, library, List.of(), Duration.ZERO, 0, List.of(), List.of(),
                    Duration.ZERO);
        }
        if (!new File(library).isAbsolute() && library.contains("/")) {
            // relative to whatever directory the JVM was started in: not a place to load code from
            throw new IllegalArgumentException((libraryConfigured ? "library" : LIBRARY_PROPERTY) + " is '" + library
                    + "': give a name (" + DdiLibrary.DEFAULT_NAME + ") or an absolute path");
        }
        long wait = config.wait_timeout_ms();
        if (wait < 1 || wait > MAX_WAIT_MILLIS) {
            throw new IllegalArgumentException("wait.timeout.ms is " + wait + ": give 1 to " + MAX_WAIT_MILLIS);
        }
        if (config.native_timeout_ms() < 1) {
            throw new IllegalArgumentException("native.timeout.ms is " + config.native_timeout_ms()
                    + ": give at least 1");
        }
        return new QnxSettings(true, reason, library, list(config.library_path()), Duration.ofMillis(wait),
                config.service_ranking(), command("shutdown.command", config.shutdown_command()),
                command("reboot.command", config.reboot_command()), Duration.ofMillis(config.native_timeout_ms()));
    }

    /**
     * Whether an {@code org.osgi.framework.os.name} is QNX. Felix normalises the JVM's "QNX" to
     * "qnx"; other frameworks pass it on as it is, and the kernel's name procnto appears too.
     */
    static boolean isQnx(String osName) {
        if (osName == null) {
            return false;
        }
        String os = osName.strip().toLowerCase(Locale.ROOT);
        return os.startsWith("qnx") || os.startsWith("procnto");
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of()
                : Arrays.stream(values).filter(v -> v != null && !v.isBlank()).map(String::strip).toList();
    }

    private static List<String> command(String name, String[] words) {
        if (words == null || words.length == 0 || words[0] == null || words[0].isBlank()) {
            throw new IllegalArgumentException(name + " is empty: give the program and its arguments");
        }
        for (String word : words) {
            if (word == null) {
                throw new IllegalArgumentException(name + " has an empty word");
            }
        }
        return List.of(words);
    }
}
