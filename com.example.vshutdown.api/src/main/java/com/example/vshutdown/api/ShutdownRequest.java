package com.example.vshutdown.api;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What to shut down and how: system-wide (no domain) or selective (one domain), shutdown or
 * reboot, whether to force completion, and how long to wait for acknowledgements (empty: until
 * every domain answers or the shutdown is cancelled).
 */
public final class ShutdownRequest {
    /**
     * The longest time-out accepted: 365 days (31536000000 ms). A deadline is the time-out added to
     * a monotonic clock in nanoseconds; this bound keeps that sum far from overflowing, whatever the
     * clock reads, and no operator waits longer for a shutdown.
     */
    public static final Duration MAX_TIMEOUT = Duration.ofDays(365);

    private final OptionalInt domain;
    private final boolean reboot;
    private final boolean force;
    private final Optional<Duration> timeout;

    private ShutdownRequest(OptionalInt domain, boolean reboot, boolean force, Optional<Duration> timeout) {
        this.domain = domain;
        this.reboot = reboot;
        this.force = force;
        this.timeout = timeout;
    }

    /** Every running slave shuts down, then the master shuts down (or reboots, see {@link #withReboot}). */
    public static ShutdownRequest systemWide() {
        return new ShutdownRequest(OptionalInt.empty(), false, false, Optional.empty());
    }

    /** Only the given slave domain shuts down (or reboots); the master is not touched. */
    public static ShutdownRequest selective(int domain) {
        if (domain < 0) {
            throw new IllegalArgumentException("domain id must not be negative: " + domain);
        }
        return new ShutdownRequest(OptionalInt.of(domain), false, false, Optional.empty());
    }

    public ShutdownRequest withReboot(boolean reboot) {
        return new ShutdownRequest(domain, reboot, force, timeout);
    }

    public ShutdownRequest withForce(boolean force) {
        return new ShutdownRequest(domain, reboot, force, timeout);
    }

    /**
     * Waits at most {@code timeout} for acknowledgements; zero means do not wait at all.
     *
     * @throws IllegalArgumentException if it is negative or longer than {@link #MAX_TIMEOUT}
     */
    public ShutdownRequest withTimeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("time-out must not be negative: " + timeout);
        }
        if (timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("time-out " + timeout.toMillis() + " ms is too long: at most "
                    + MAX_TIMEOUT.toMillis() + " ms (" + MAX_TIMEOUT.toDays() + " days)");
        }
        return new ShutdownRequest(domain, reboot, force, Optional.of(timeout));
    }

    /** Waits until every domain answers or the shutdown is cancelled. */
    public ShutdownRequest withoutTimeout() {
        return new ShutdownRequest(domain, reboot, force, Optional.empty());
    }

    /** The target domain of a selective request; empty for a system-wide one. */
    public OptionalInt domain() {
        return domain;
    }

    public boolean isSystemWide() {
        return domain.isEmpty();
    }

    public boolean reboot() {
        return reboot;
    }

    public boolean force() {
        return force;
    }

    public Optional<Duration> timeout() {
        return timeout;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(reboot ? "reboot" : "shutdown");
        sb.append(domain.isPresent() ? " of domain " + domain.getAsInt() : " of the system");
        if (force) {
            sb.append(", forced");
        }
        timeout.ifPresent(t -> sb.append(", time-out ").append(t.toMillis()).append(" ms"));
        return sb.toString();
    }
}
