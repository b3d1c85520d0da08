package com.example.vshutdown.shell.internal;

import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ctrl-C while a one-shot command runs. Without a trap Ctrl-C would end the JVM at once or, on a
 * tty, be swallowed by the idle terminal of gogo.jline's activator; either way the command could
 * neither cancel cleanly nor report its exit status. With it, the first Ctrl-C asks the command
 * to stop and the second gives up on it. The trap needs {@code sun.misc.Signal}: where the
 * framework does not export it, or the JVM does not let go of the signal ({@code -Xrs}, or SIGINT
 * ignored by the parent, as for a background job), Ctrl-C keeps the meaning it had.
 */
final class SigintTrap implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SigintTrap.class);

    private final Runnable restore;

    private SigintTrap(Runnable restore) {
        this.restore = restore;
    }

    /**
     * Traps SIGINT until {@link #close()}.
     *
     * @param first runs on the first Ctrl-C
     * @param again runs on every later Ctrl-C
     */
    static SigintTrap install(Runnable first, Runnable again) {
        AtomicInteger count = new AtomicInteger();
        // Signal handlers run on a JVM thread of their own and must not block it.
        Runnable handler = () -> {
            if (count.incrementAndGet() == 1) {
                LOG.debug("SIGINT: interrupting the command");
                first.run();
            } else {
                LOG.debug("SIGINT again: giving up on the command");
                again.run();
            }
        };
        try {
            return new SigintTrap(NativeSigint.install(handler));
        } catch (LinkageError | IllegalArgumentException | IllegalStateException e) {
            // LinkageError: sun.misc is not wired to this bundle; IllegalArgumentException: the
            // JVM owns SIGINT (-Xrs) or the platform has no such signal.
            LOG.debug("Ctrl-C cannot be trapped, it ends the JVM: {}", e.toString());
            return new SigintTrap(() -> { });
        }
    }

    /** Gives SIGINT back to whoever handled it before. */
    @Override
    public void close() {
        try {
            restore.run();
        } catch (LinkageError | RuntimeException e) {
            LOG.debug("Could not restore the previous SIGINT handler: {}", e.toString());
        }
    }
}
