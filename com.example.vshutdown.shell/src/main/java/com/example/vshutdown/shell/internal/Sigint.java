package com.example.vshutdown.shell.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ctrl-C where no terminal traps it (a one-shot command, a shell reading a pipe): SIGINT through
 * the JDK's {@code sun.misc.Signal}, until closed. Without it Ctrl-C ends the JVM at once and a
 * shutdown under way is neither cancelled nor reported.
 */
final class Sigint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sigint.class);

    private final Runnable restore;

    private Sigint(Runnable restore) {
        this.restore = restore;
    }

    /** Runs {@code handler} (on a JVM thread of its own) at every SIGINT until closed. */
    static Sigint trap(Runnable handler) {
        try {
            return Native.trap(handler);
        } catch (LinkageError | IllegalArgumentException e) {
            // sun.misc not wired to this bundle, or the JVM keeps SIGINT (-Xrs): Ctrl-C ends the JVM
            LOG.debug("Ctrl-C cannot be trapped: {}", e.toString());
            return new Sigint(() -> { });
        }
    }

    @Override
    public void close() {
        restore.run();
    }

    /** The only code that touches sun.misc, loaded only here, so that its absence is caught above. */
    private static final class Native {
        static Sigint trap(Runnable handler) {
            sun.misc.Signal sigint = new sun.misc.Signal("INT");
            sun.misc.SignalHandler previous = sun.misc.Signal.handle(sigint, signal -> handler.run());
            if (previous == sun.misc.SignalHandler.SIG_IGN) {
                // Inherited (a background job of a non-interactive shell): the JVM cannot undo it.
                LOG.debug("SIGINT is ignored by this process: Ctrl-C cannot reach the command");
            }
            return new Sigint(() -> sun.misc.Signal.handle(sigint, previous));
        }
    }
}
