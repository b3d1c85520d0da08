package com.example.vshutdown.api;

/** The platform cannot be reached: no vproperty provider, or one that failed. */
public class ProviderUnavailableException extends ShutdownException {
    private static final long serialVersionUID = 1L;

    public ProviderUnavailableException(String message) {
        super(ExitStatus.ERROR, message);
    }

    public ProviderUnavailableException(String message, Throwable cause) {
        super(ExitStatus.ERROR, message, cause);
    }
}
