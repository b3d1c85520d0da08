package com.example.vshutdown.api;

/** Bad input: the request or its target cannot be acted on. Nothing was written. */
public class InvalidRequestException extends ShutdownException {
    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(ExitStatus.BAD_INPUT, message);
    }
}
