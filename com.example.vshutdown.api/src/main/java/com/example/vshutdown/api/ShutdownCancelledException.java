package com.example.vshutdown.api;

/**
 * Thrown by commands when a shutdown ended without doing what was asked (cancelled, or forced
 * but incomplete), so that scripts see a failure. Carries the result.
 */
public class ShutdownCancelledException extends ShutdownException {
    private static final long serialVersionUID = 1L;
    private final transient ShutdownResult result;

    public ShutdownCancelledException(ShutdownResult result) {
        super(ExitStatus.CANCELLED, result.message());
        this.result = result;
    }

    public ShutdownResult result() {
        return result;
    }
}
