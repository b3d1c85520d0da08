package com.example.vshutdown.linux.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.example.vshutdown.support.offer.MalformedSettingException;
import com.example.vshutdown.support.offer.SettingSource;

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

    /** Every setting: a configuration that sets any other key is refused (a misspelt one would go unnoticed). */
    private static final Set<String> KEYS = Set.of(ROOT, NETLINK_PROTOCOL, NETLINK_GROUP, SAFETY_REREAD, POLL_INTERVAL, RANKING,
            SHUTDOWN_COMMAND, REBOOT_COMMAND, COMMAND_TIMEOUT);
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
    /** What an unset command means. */
    private static final String DETECTED = "use the detected one";

    /**
     * @param configured the component's properties: what the configuration sets
     * @param framework the framework properties (null when unset)
     */
    static LinuxSettings resolve(Map<String, ?> configured, Function<String, String> framework)
            throws MalformedSettingException {
        SettingSource source = new SettingSource(LinuxProviderComponent.PID, FRAMEWORK_PREFIX, configured, framework);
        source.refuseUnknown(KEYS::contains);
        Object rootValue = source.value(ROOT);
        String rootText = rootValue == null ? DEFAULT_ROOT : String.valueOf(rootValue).strip();
        if (!(rootValue == null || rootValue instanceof String) || rootText.isEmpty()
                || !Path.of(rootText).isAbsolute()) {
            throw source.malformed(ROOT, rootText, "is not an absolute directory path");
        }
        return new LinuxSettings(Path.of(rootText), rootValue == null ? "default" : source.name(ROOT),
                rootValue != null,
                (int) source.number(NETLINK_PROTOCOL, DEFAULT_PROTOCOL, 0, MAX_PROTOCOL),
                (int) source.number(NETLINK_GROUP, DEFAULT_GROUP, 1, NetlinkSocket.MAX_GROUP),
                Duration.ofMillis(source.number(SAFETY_REREAD, DEFAULT_SAFETY_REREAD_MS, 1, Long.MAX_VALUE)),
                Duration.ofMillis(source.number(POLL_INTERVAL, DEFAULT_POLL_INTERVAL_MS, 1, Long.MAX_VALUE)),
                (int) source.number(RANKING, DEFAULT_RANKING, Integer.MIN_VALUE, Integer.MAX_VALUE),
                source.command(SHUTDOWN_COMMAND, DETECTED), source.command(REBOOT_COMMAND, DETECTED),
                Duration.ofMillis(source.number(COMMAND_TIMEOUT, DEFAULT_COMMAND_TIMEOUT_MS, 1, Long.MAX_VALUE)));
    }
}
