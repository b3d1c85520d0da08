package com.example.vshutdown.api;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What to shut down and how: system-wide (no domain) or selective (one domain), shutdown or
 * reboot, whether to force completion, and how long to wait for acknowledgements (empty: until
 * every domain answers or the shutdown is cancelled). A system-wide request may be
 * {@linkplain #withSlavesOnly slaves-only}: the master's own OS is going down by its own path and
 * only the slaves are taken down first.
 */
public final class ShutdownRequest {
    /**
     * The longest time-out accepted: 365 days (31536000000 ms). A deadline is the time-out added to
     * a monotonic clock in nanoseconds; this bound keeps that sum far from overflowing, whatever the
     * clock reads, and no operator waits longer for a shutdown.
     */
    public static final Duration MAX_TIMEOUT = Duration.ofDays(365);

    private static final String REBOOT_AND_SLAVES_ONLY = "reboot and slaves-only do not go together: a slaves-only "
            + "shutdown runs no native command of the master, so nothing would reboot";

    private final OptionalInt domain;
    private final boolean reboot;
    private final boolean force;
    private final Optional<Duration> timeout;
    private final boolean slavesOnly;

    private ShutdownRequest(OptionalInt domain, boolean reboot, boolean force, Optional<Duration> timeout,
            boolean slavesOnly) {
        this.domain = domain;
        this.reboot = reboot;
        this.force = force;
        this.timeout = timeout;
        this.slavesOnly = slavesOnly;
    }

    /** Every running slave shuts down, then the master shuts down (or reboots, see {@link #withReboot}). */
    public static ShutdownRequest systemWide() {
        return new ShutdownRequest(OptionalInt.empty(), false, false, Optional.empty(), false);
    }

    /** Only the given slave domain shuts down (or reboots); the master is not touched. */
    public static ShutdownRequest selective(int domain) {
        if (domain < 0) {
            throw new IllegalArgumentException("domain id must not be negative: " + domain);
        }
        return new ShutdownRequest(OptionalInt.of(domain), false, false, Optional.empty(), false);
    }

    /**
     * @throws IllegalArgumentException for a reboot of a {@linkplain #slavesOnly() slaves-only}
     *         request, which runs no native command of the master
     */
    public ShutdownRequest withReboot(boolean reboot) {
        if (reboot && slavesOnly) {
            throw new IllegalArgumentException(REBOOT_AND_SLAVES_ONLY);
        }
        return new ShutdownRequest(domain, reboot, force, timeout, slavesOnly);
    }

    public ShutdownRequest withForce(boolean force) {
        return new ShutdownRequest(domain, reboot, force, timeout, slavesOnly);
    }

    /**
     * A system-wide shutdown that takes every slave down, exactly as {@link #systemWide()} does, but
     * does not run the master's native shutdown: the master's own OS is already going down by its
     * own path ({@code systemctl poweroff} stopping the master service, a power key, ignition-off),
     * and the slaves must be down before it gets there. Participants are still called, with
     * {@link ShutdownResult.MasterAction#NONE}; the result's master action is {@code NONE}.
     *
     * @throws IllegalArgumentException for a selective request (only a system-wide one can be
     *         slaves-only) or a reboot (nothing would reboot)
     */
    public ShutdownRequest withSlavesOnly(boolean slavesOnly) {
        if (slavesOnly && domain.isPresent()) {
            throw new IllegalArgumentException("slaves-only is system-wide: it takes no vmid (domain "
                    + domain.getAsInt() + " given)");
        }
        if (slavesOnly && reboot) {
            throw new IllegalArgumentException(REBOOT_AND_SLAVES_ONLY);
        }
        return new ShutdownRequest(domain, reboot, force, timeout, slavesOnly);
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
        return new ShutdownRequest(domain, reboot, force, Optional.of(timeout), slavesOnly);
    }

    /** Waits until every domain answers or the shutdown is cancelled. */
    public ShutdownRequest withoutTimeout() {
        return new ShutdownRequest(domain, reboot, force, Optional.empty(), slavesOnly);
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

    /** Whether this system-wide request leaves the master's native command out (see {@link #withSlavesOnly}). */
    public boolean slavesOnly() {
        return slavesOnly;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(reboot ? "reboot" : "shutdown");
        sb.append(domain.isPresent() ? " of domain " + domain.getAsInt()
                : slavesOnly ? " of the slaves only" : " of the system");
        if (force) {
            sb.append(", forced");
        }
        timeout.ifPresent(t -> sb.append(", time-out ").append(t.toMillis()).append(" ms"));
        return sb.toString();
    }
}
