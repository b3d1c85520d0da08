package com.example.vshutdown.master.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.protocol.InvalidValueException;
import com.example.vshutdown.protocol.Values;
import com.example.vshutdown.support.offer.MalformedSettingException;
import com.example.vshutdown.support.offer.SettingSource;

/**
 * The master's settings, checked, from the configuration {@value #PID}, else the framework property
 * {@code vshutdown.master.<name>} (what a command line can pass: {@code
 * -Dvshutdown.master.stop.order='*;5;3'}), else the default: the platform's one rule,
 * {@link SettingSource}. A malformed policy setting, or one the master does not know, does not
 * stop the master from starting: it starts misconfigured, and every shutdown and listing is then
 * refused with exit status 2 and the line that names the setting, so that an operator who ordered
 * the shutdown never gets an unordered one. Only a malformed master domain stops it from starting,
 * as before: without it the master does not know which domain is its own.
 *
 * @param problem the one line that names a malformed setting, if there is one
 */
public record MasterSettings(int masterDomain, Timing timing, Policy policy, MachineSettings machine,
        Optional<String> problem) {
    static final String PID = "com.example.vshutdown.master";
    static final String FRAMEWORK_PREFIX = "vshutdown.master.";
    static final String MASTER_DOMAIN = "master.domain";
    static final String STOP_ORDER = "stop.order";
    static final String SAFETY_REREAD = "safety.reread.ms";
    static final String PROGRESS_INTERVAL = "progress.interval.ms";
    static final String PARTICIPANT_MAX = "participant.max.ms";
    static final String GROUP_GRACE = "group.grace.ms";
    static final String PROVIDER_GRACE = "provider.grace.ms";

    static final long DEFAULT_SAFETY_REREAD_MS = 1000;
    static final long DEFAULT_PROGRESS_INTERVAL_MS = 5000;

    /** The longest setting in milliseconds: a deadline built from it cannot overflow. */
    static final long MAX_MS = ShutdownRequest.MAX_TIMEOUT.toMillis();
    /**
     * The settings whose framework property is not the prefix and its name: the master's own domain,
     * which predates the rule, and the machine's directories, which are the machine's rather than
     * the master's and are read under the same name by whatever else uses them.
     */
    private static final Map<String, String> OWN_PROPERTIES = Map.of(MASTER_DOMAIN, "vshutdown.master.domain",
            MachineSettings.RUN_DIR, "vshutdown.run.dir", MachineSettings.STATE_DIR, "vshutdown.state.dir");
    private static final Set<String> KEYS = Set.of(MASTER_DOMAIN, STOP_ORDER, SAFETY_REREAD, PROGRESS_INTERVAL,
            PARTICIPANT_MAX, GROUP_GRACE, PROVIDER_GRACE, MachineSettings.RUN_DIR, MachineSettings.STATE_DIR,
            MachineSettings.RESUME);

    private static final Logger LOG = LoggerFactory.getLogger(MasterSettings.class);

    /** Where each of the master's settings comes from. */
    static SettingSource source(Map<String, ?> configured, Function<String, String> framework) {
        return SettingSource.withProperties(PID, FRAMEWORK_PREFIX, OWN_PROPERTIES::get, configured, framework);
    }

    /** Default settings around a given master domain and timing: what tests and benchmarks start from. */
    static MasterSettings of(int masterDomain, Timing timing, Policy policy) {
        return new MasterSettings(masterDomain, timing, policy, MachineSettings.defaults(), Optional.empty());
    }

    /**
     * @param configured the component's properties: what the configuration sets
     * @param framework the framework properties (null when unset)
     * @throws IllegalArgumentException if the master's own domain id is malformed
     */
    public static MasterSettings resolve(Map<String, ?> configured, Function<String, String> framework) {
        SettingSource source = source(configured, framework);
        int master = masterDomain(source);
        Timing defaultTiming = new Timing(Duration.ofMillis(DEFAULT_SAFETY_REREAD_MS),
                Duration.ofMillis(DEFAULT_PROGRESS_INTERVAL_MS));
        try {
            source.refuseUnknown(key -> KEYS.contains(key) || DomainTimeouts.isKey(key));
            Timing timing = new Timing(source.millis(SAFETY_REREAD, DEFAULT_SAFETY_REREAD_MS, 1, MAX_MS),
                    source.millis(PROGRESS_INTERVAL, DEFAULT_PROGRESS_INTERVAL_MS, 1, MAX_MS));
            Optional<String> order = source.text(STOP_ORDER);
            Policy policy = Policy.defaults(master)
                    .withOrder(order.isPresent()
                            ? StopOrder.parse(order.get(), source.name(STOP_ORDER), master)
                            : StopOrder.ALL_AT_ONCE)
                    .withTimeouts(DomainTimeouts.of(source, master))
                    .withGraces(source.millis(PARTICIPANT_MAX, Policy.DEFAULT_PARTICIPANT_MAX_MS, 0, MAX_MS),
                            source.millis(GROUP_GRACE, Policy.DEFAULT_GROUP_GRACE_MS, 0, MAX_MS),
                            source.millis(PROVIDER_GRACE, Policy.DEFAULT_PROVIDER_GRACE_MS, 0, MAX_MS));
            return new MasterSettings(master, timing, policy, MachineSettings.of(source), Optional.empty());
        } catch (MalformedSettingException e) {
            LOG.error("The master is misconfigured, and refuses every shutdown until this is corrected: {}",
                    e.getMessage());
            return new MasterSettings(master, defaultTiming, Policy.defaults(master), MachineSettings.defaults(),
                    Optional.of(e.getMessage()));
        }
    }

    /** The configured id when it is one (-1 leaves it to the framework property), else that property, else 0. */
    private static int masterDomain(SettingSource source) {
        Object configured = source.configured().get(MASTER_DOMAIN);
        String text;
        if (configured instanceof Number number && number.longValue() >= 0) {
            text = String.valueOf(number.longValue());
        } else if (configured instanceof String configuredText) {
            text = configuredText;
        } else {
            text = source.framework(MASTER_DOMAIN).orElse(null);
        }
        if (text == null) {
            return 0;
        }
        try {
            return Values.parseDomainId(text.strip());
        } catch (InvalidValueException e) {
            // the master must know which domain is its own: never guess, refuse to start
            throw new IllegalArgumentException(source.name(MASTER_DOMAIN) + ": " + e.getMessage());
        }
    }
}
