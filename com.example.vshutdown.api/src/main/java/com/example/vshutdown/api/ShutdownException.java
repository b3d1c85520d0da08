package com.example.vshutdown.api;

/**
 * A shutdown that could not be started or did not complete. The message is one line for an
 * operator; {@link #status()} is the exit status a one-shot command reports for it.
 */
public class ShutdownException extends Exception {
    private static final long serialVersionUID = 1L;
    private final ExitStatus status;

    public ShutdownException(ExitStatus status, String message) {
        super(message);
        this.status = status;
    }

    public ShutdownException(ExitStatus status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public ExitStatus status() {
        return status;
    }
}
