package com.example.vshutdown.api;

/**
 * Thrown by commands when a shutdown ended without doing what was asked (cancelled, forced but
 * incomplete, or the master's native command failed), so that scripts see a failure. Carries the
 * result; the status is the result's exit status.
 */
public class ShutdownCancelledException extends ShutdownException {
    private static final long serialVersionUID = 1L;
    private final transient ShutdownResult result;

    public ShutdownCancelledException(ShutdownResult result) {
        super(result.exitStatus(), result.message());
        this.result = result;
    }

    public ShutdownResult result() {
        return result;
    }
}
