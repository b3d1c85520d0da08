package com.example.vshutdown.shell.internal;

/**
 * What runs for the launcher's main thread: the interactive shell or one command line. Either can
 * be cut short from outside, when the framework stops under it (the simulated platform's native
 * shutdown stops the framework from another thread while the command that asked for it is still
 * printing its summary).
 */
interface MainSession {

    /** Runs to the end on the calling thread and returns the process exit status. */
    int run();

    /**
     * Waits until no command of this session runs any more, so that the command which stopped the
     * framework can still report how it ended.
     *
     * @return whether the session became idle in time
     */
    boolean awaitIdle(long millis) throws InterruptedException;

    /** Ends the session soon: a command still running is interrupted, the shell is closed. */
    void close();
}
