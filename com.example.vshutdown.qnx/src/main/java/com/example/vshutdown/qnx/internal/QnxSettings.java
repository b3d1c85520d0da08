package com.example.vshutdown.qnx.internal;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.example.vshutdown.support.offer.MalformedSettingException;
import com.example.vshutdown.support.offer.SettingSource;

/**
 * The provider's settings, checked: where it runs, which library it binds, how it waits and which
 * native commands it runs. Each comes from the configuration {@code com.example.vshutdown.qnx} when
 * it sets it, else from the framework property {@code vshutdown.qnx.<name>}, else from its default.
 * A malformed setting is refused with one line that names it; nothing is guessed, since a guessed
 * library or command on the master could take the wrong machine down.
 *
 * @param reason why the provider runs here, or why not, for the log
 */
record QnxSettings(boolean enabled, String reason, String library, List<String> libraryPath, Duration waitTimeout,
        int ranking, List<String> shutdownCommand, List<String> rebootCommand, Duration nativeTimeout) {

    static final String FRAMEWORK_PREFIX = "vshutdown.qnx.";
    static final String ENABLED = "enabled";
    static final String LIBRARY = "library";
    static final String LIBRARY_PATH = "library.path";
    static final String WAIT_TIMEOUT = "wait.timeout.ms";
    static final String RANKING = "service.ranking";
    static final String SHUTDOWN_COMMAND = "shutdown.command";
    static final String REBOOT_COMMAND = "reboot.command";
    static final String NATIVE_TIMEOUT = "native.timeout.ms";

    /** The library's default name: {@code libvshutdown_ddi.so} on the library search path. */
    /** Every setting: a configuration that sets any other key is refused (a misspelt one would go unnoticed). */
    private static final Set<String> KEYS = Set.of(ENABLED, LIBRARY, LIBRARY_PATH, WAIT_TIMEOUT, RANKING, SHUTDOWN_COMMAND,
            REBOOT_COMMAND, NATIVE_TIMEOUT);
    static final String DEFAULT_LIBRARY = "vshutdown_ddi";
    static final long DEFAULT_WAIT_MS = 500;
    /** Upper bound of one vsd_wait; longer would make stopping the provider slow. */
    static final long MAX_WAIT_MS = 60_000;
    /** Above the simulator's -100: a real QNX platform outranks the simulated one. */
    static final int DEFAULT_RANKING = 100;
    static final String DEFAULT_SHUTDOWN = "shutdown -S system";
    static final String DEFAULT_REBOOT = "shutdown -S reboot";
    static final long DEFAULT_NATIVE_TIMEOUT_MS = 30_000;
    /** The framework property that says which OS the framework runs on. */
    static final String OS_NAME_PROPERTY = "org.osgi.framework.os.name";

    /**
     * Decides whether the provider runs and checks the rest when it does: the settings of a
     * provider that does not run are not read, since nothing uses them.
     *
     * @param configured the component's properties: what the configuration sets
     * @param framework reads a framework property, null when unset
     */
    static QnxSettings resolve(Map<String, ?> configured, Function<String, String> framework)
            throws MalformedSettingException {
        SettingSource source = new SettingSource(QnxProviderComponent.PID, FRAMEWORK_PREFIX, configured, framework);
        source.refuseUnknown(KEYS::contains);
        String os = framework.apply(OS_NAME_PROPERTY);
        String mode = source.text(ENABLED).orElse("auto");
        boolean enabled;
        String reason;
        switch (mode.toLowerCase(Locale.ROOT)) {
            case "auto" -> {
                enabled = isQnx(os);
                reason = enabled ? "the framework runs on QNX (" + os + ")"
                        : "the framework runs on " + os + ", not QNX (set " + ENABLED + " to true to run it anyway)";
            }
            case "true" -> {
                enabled = true;
                reason = source.name(ENABLED) + " is true";
            }
            case "false" -> {
                enabled = false;
                reason = source.name(ENABLED) + " is false";
            }
            default -> throw source.malformed(ENABLED, mode, "is not auto (on QNX only), true or false");
        }
        if (!enabled) {
            return new QnxSettings(false, reason, DEFAULT_LIBRARY, List.of(), Duration.ZERO, 0, List.of(), List.of(),
                    Duration.ZERO);
        }
        String library = source.text(LIBRARY).orElse(DEFAULT_LIBRARY);
        if (!new File(library).isAbsolute() && library.contains("/")) {
            // relative to whatever directory the JVM was started in: not a place to load code from
            throw source.malformed(LIBRARY, library, "is neither a name (" + DEFAULT_LIBRARY + ") nor an absolute path");
        }
        String unset = "run the default";
        return new QnxSettings(true, reason, library, source.list(LIBRARY_PATH, File.pathSeparator),
                Duration.ofMillis(source.number(WAIT_TIMEOUT, DEFAULT_WAIT_MS, 1, MAX_WAIT_MS)),
                (int) source.number(RANKING, DEFAULT_RANKING, Integer.MIN_VALUE, Integer.MAX_VALUE),
                source.command(SHUTDOWN_COMMAND, unset).orElse(List.of(DEFAULT_SHUTDOWN.split(" "))),
                source.command(REBOOT_COMMAND, unset).orElse(List.of(DEFAULT_REBOOT.split(" "))),
                Duration.ofMillis(source.number(NATIVE_TIMEOUT, DEFAULT_NATIVE_TIMEOUT_MS, 1, Long.MAX_VALUE)));
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
}
