package com.example.vshutdown.simulator.internal;

/**
 * A simulator setting that cannot be used as it is. The message is one line that names the setting
 * and the offending entry, fit to show an operator and to serve as the configuration fault.
 */
public final class MalformedSpecException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedSpecException(String message) {
        super(message);
    }
}
