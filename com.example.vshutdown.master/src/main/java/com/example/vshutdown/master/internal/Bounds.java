package com.example.vshutdown.master.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.WaitBound;
import com.example.vshutdown.api.WaitBound.Kind;
import com.example.vshutdown.support.offer.MalformedSettingException;

/**
 * How long a shutdown waits for each domain it asks. The request's time-out ({@code -t}) bounds the
 * whole shutdown: a domain is waited for until that deadline. Two rules make sure no domain is
 * given up on (cancelled, or hard-stopped with {@code -f}) without a real chance to go down softly:
 * a domain with its own time-out is waited for that long from when it was first asked instead,
 * with or without {@code -t}; and a domain asked in a later group of the stop order, or asked once
 * the deadline had passed, is waited for at least the group grace from its request.
 */
final class Bounds {
    private static final Logger LOG = LoggerFactory.getLogger(Bounds.class);

    /**
     * @param waitBound which rule applied, as the result reports it
     * @param deadlineNanos when it passes on the run's clock; empty when it never does
     */
    record Bound(WaitBound waitBound, OptionalLong deadlineNanos) {
        static final Bound NONE = new Bound(WaitBound.none(), OptionalLong.empty());
    }

    private final ShutdownRequest request;
    private final long startNanos;
    private final Duration groupGrace;
    private final DomainTimeouts own;

    /** @param startNanos when the shutdown started: its deadline is counted from there */
    Bounds(ShutdownRequest request, long startNanos, Policy policy) {
        this.request = request;
        this.startNanos = startNanos;
        this.groupGrace = policy.groupGrace();
        this.own = policy.timeouts();
    }

    /** The shutdown's deadline ({@code -t} from the start), if it has one. */
    OptionalLong deadline() {
        return request.timeout().map(t -> OptionalLong.of(startNanos + t.toNanos())).orElse(OptionalLong.empty());
    }

    /**
     * @param group the domain's group from 0, or -1 outside any group (a selective shutdown)
     * @param askedAtNanos when the domain was first asked in this shutdown
     */
    Bound of(int id, int group, long askedAtNanos) {
        Optional<Duration> ownTimeout = ownTimeout(id);
        if (ownTimeout.isPresent()) {
            return new Bound(WaitBound.of(Kind.DOMAIN, ownTimeout.get()),
                    OptionalLong.of(askedAtNanos + ownTimeout.get().toNanos()));
        }
        OptionalLong deadline = deadline();
        if (deadline.isEmpty()) {
            return Bound.NONE;
        }
        Bound shutdown = new Bound(WaitBound.of(Kind.SHUTDOWN, request.timeout().get()), deadline);
        if (group <= 0 && askedAtNanos <= deadline.getAsLong()) {
            return shutdown;
        }
        long graceEnds = askedAtNanos + groupGrace.toNanos();
        return graceEnds > deadline.getAsLong()
                ? new Bound(WaitBound.of(Kind.GROUP_GRACE, groupGrace), OptionalLong.of(graceEnds))
                : shutdown;
    }

    /**
     * A domain's own time-out. Every domain that existed when the shutdown started was looked up
     * then, and a malformed setting refused it; one met later with a malformed setting is still
     * asked and waited for, with the shutdown's bound, rather than left running under the master.
     */
    private Optional<Duration> ownTimeout(int id) {
        try {
            return own.of(id);
        } catch (MalformedSettingException e) {
            LOG.warn("Domain {} appeared during the shutdown with a malformed time-out; it is waited for with the "
                    + "shutdown's bound: {}", id, e.getMessage());
            return Optional.empty();
        }
    }
}
