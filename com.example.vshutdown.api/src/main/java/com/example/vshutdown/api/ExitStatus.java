package com.example.vshutdown.api;

/** The exit status of a one-shot {@code vshutdown} command, which scripts rely on. */
public enum ExitStatus {
    /** Every involved domain acknowledged, or force completed what it could. */
    DONE(0),
    /** Some domain did not acknowledge, nothing was forced, the master was not shut down. */
    CANCELLED(1),
    /** Unknown option, malformed or unknown vmid or time-out, a target that cannot take the request. */
    BAD_INPUT(2),
    /** A shutdown is already in progress. */
    REFUSED(3),
    /** The platform could not be used: no vproperty provider, or an I/O failure. */
    ERROR(4);

    private final int code;

    ExitStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
