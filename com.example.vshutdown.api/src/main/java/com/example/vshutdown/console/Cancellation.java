package com.example.vshutdown.console;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What Ctrl-C cancels in the line a command runs in (see the package documentation for the
 * whole contract). A line runner publishes its cancellation in the Gogo session it runs lines in,
 * under {@link #SESSION_VARIABLE}; a command finds it there:
 *
 * <pre>
 * try (Registration ctrlC = Cancellation.register(session.get(Cancellation.SESSION_VARIABLE),
 *         Thread.currentThread()::interrupt)) {
 *     if (ctrlC.cancelled()) {
 *         throw ...; // Ctrl-C came first: do nothing
 *     }
 *     return service.run(request);
 * }
 * </pre>
 */
@ProviderType
public interface Cancellation {

    /** The session variable under which a line runner publishes its cancellation. */
    String SESSION_VARIABLE = ".vshutdown.cancellation";

    /** The registration where there is no line runner: nothing is ever cancelled. */
    Registration NONE = new Registration() {
        @Override
        public boolean cancelled() {
            return false;
        }

        @Override
        public void close() {
            // nothing was registered
        }
    };

    /**
     * Registers the calling command's cancel for Ctrl-C in the line it runs in. If that line has
     * already had its first Ctrl-C and the command runs in the foreground, {@code cancel} runs
     * before this returns.
     *
     * @param cancel quick and non-blocking; runs at most once
     * @return the registration, to be closed when the cancellable work is over
     */
    Registration register(Runnable cancel);

    /**
     * Registers {@code cancel} with the cancellation found in a session variable.
     *
     * @param variable the value of {@link #SESSION_VARIABLE} in the command's session, or null
     * @return the registration, or {@link #NONE} where the session has no line runner
     */
    static Registration register(Object variable, Runnable cancel) {
        return variable instanceof Cancellation ? ((Cancellation) variable).register(cancel) : NONE;
    }

    /** One command's cancel, registered until closed. */
    @ProviderType
    interface Registration extends AutoCloseable {

        /** Whether the cancel has run: Ctrl-C reached the command. */
        boolean cancelled();

        /** Withdraws the cancel: a later Ctrl-C no longer runs it. */
        @Override
        void close();
    }
}
