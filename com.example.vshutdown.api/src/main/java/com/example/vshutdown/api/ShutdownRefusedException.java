package com.example.vshutdown.api;

/** Another shutdown is in progress; this one was not started. */
public class ShutdownRefusedException extends ShutdownException {
    private static final long serialVersionUID = 1L;

    public ShutdownRefusedException(String message) {
        super(ExitStatus.REFUSED, message);
    }
}
