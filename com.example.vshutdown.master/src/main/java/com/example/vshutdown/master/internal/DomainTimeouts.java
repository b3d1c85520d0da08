package com.example.vshutdown.master.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.vshutdown.protocol.InvalidValueException;
import com.example.vshutdown.protocol.Values;
import com.example.vshutdown.support.offer.MalformedSettingException;
import com.example.vshutdown.support.offer.SettingSource;

/**
 * The slaves' own time-outs, {@code domain.<id>.timeout.ms}: a domain that has one is waited for
 * that long from when it is asked, instead of until the command's {@code -t} (also when there is
 * no {@code -t}). The configuration's keys are checked when the master starts; a framework property
 * can only be looked up by name, so {@code vshutdown.master.domain.<id>.timeout.ms} is read for each
 * domain the master meets, before it writes anything to it, and remembered.
 */
final class DomainTimeouts {
    private static final Pattern KEY = Pattern.compile("domain\\.(.*)\\.timeout\\.ms");
    /** A time-out of zero would give a domain no chance at all: at least a millisecond. */
    private static final long MIN_MS = 1;

    private final SettingSource source;
    private final int masterDomain;
    private final Map<Integer, Optional<Duration>> known = new ConcurrentHashMap<>();

    private DomainTimeouts(SettingSource source, int masterDomain) {
        this.source = source;
        this.masterDomain = masterDomain;
    }

    /** None at all: every domain waits as the command says. */
    static DomainTimeouts none(int masterDomain) {
        return new DomainTimeouts(MasterSettings.source(Map.of(), name -> null), masterDomain);
    }

    /** Checks every key of the configuration that names a domain's time-out. */
    static DomainTimeouts of(SettingSource source, int masterDomain) throws MalformedSettingException {
        DomainTimeouts timeouts = new DomainTimeouts(source, masterDomain);
        for (String key : new TreeMap<>(source.configured()).keySet()) {
            Matcher matcher = KEY.matcher(key);
            if (!matcher.matches()) {
                continue;
            }
            int id;
            try {
                id = Values.parseDomainId(matcher.group(1));
            } catch (InvalidValueException e) {
                throw new MalformedSettingException(source.name(key) + ": '" + Values.printable(matcher.group(1))
                        + "' is not a domain id");
            }
            timeouts.of(id);
        }
        return timeouts;
    }

    /** Whether a configuration key names a domain's time-out (well-formed or not: {@link #of} judges). */
    static boolean isKey(String key) {
        return KEY.matcher(key).matches();
    }

    static String name(int id) {
        return "domain." + id + ".timeout.ms";
    }

    /** The domain's own time-out, if it has one. */
    Optional<Duration> of(int id) throws MalformedSettingException {
        Optional<Duration> cached = known.get(id);
        if (cached != null) {
            return cached;
        }
        String name = name(id);
        if (source.value(name) == null) {
            known.put(id, Optional.empty());
            return Optional.empty();
        }
        if (id == masterDomain) {
            throw new MalformedSettingException(source.name(name) + ": domain " + id + " is the master's own "
                    + "domain, which is never asked and has no time-out");
        }
        Optional<Duration> own = Optional.of(source.millis(name, 0, MIN_MS, MasterSettings.MAX_MS));
        known.put(id, own);
        return own;
    }
}
