package com.example.vshutdown.support.command;

import java.io.IOException;

/**
 * A native command that could not be started or exited with a status other than 0. It carries
 * what the command printed, so that a provider can tell a refusal of the guest (a veto) from a
 * failure by the command's own words.
 */
public final class CommandFailedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String printed;

    CommandFailedException(String message, String printed, Throwable cause) {
        super(message, cause);
        this.printed = printed;
    }

    /** What the command printed, on one line; empty when it printed nothing or did not start. */
    public String printed() {
        return printed;
    }
}
