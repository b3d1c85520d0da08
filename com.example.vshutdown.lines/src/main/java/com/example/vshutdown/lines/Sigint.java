package com.example.vshutdown.lines;

import java.util.Optional;

/**
 * Ctrl-C where no terminal traps it (a one-shot command, a shell reading a pipe, the
 * {@code vshutdown} command line talking to the master service): SIGINT through the JDK's
 * {@code sun.misc.Signal}, until closed. Without it Ctrl-C ends the JVM at once and a shutdown under
 * way is neither cancelled nor reported. It logs nothing itself, because the thin command-line
 * client has no logging: a caller that has a log says what {@link #problem()} reports.
 */
public final class Sigint implements AutoCloseable {
    private final Runnable restore;
    private final String problem;

    private Sigint(Runnable restore, String problem) {
        this.restore = restore;
        this.problem = problem;
    }

    /** Runs {@code handler} (on a JVM thread of its own) at every SIGINT until closed. */
    public static Sigint trap(Runnable handler) {
        try {
            return Native.trap(handler);
        } catch (LinkageError | IllegalArgumentException e) {
            // sun.misc not wired to this bundle, or the JVM keeps SIGINT (-Xrs): Ctrl-C ends the JVM
            return new Sigint(() -> { }, "Ctrl-C cannot be trapped: " + e);
        }
    }

    /** Why Ctrl-C may not reach the handler, if it may not. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
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
            // Inherited (a background job of a non-interactive shell): the JVM cannot undo it.
            String problem = previous == sun.misc.SignalHandler.SIG_IGN
                    ? "SIGINT is ignored by this process: Ctrl-C cannot reach the command" : null;
            return new Sigint(() -> sun.misc.Signal.handle(sigint, previous), problem);
        }
    }
}
