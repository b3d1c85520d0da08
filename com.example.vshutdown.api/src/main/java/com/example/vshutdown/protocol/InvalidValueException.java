package com.example.vshutdown.protocol;

/**
 * A vproperty value or a domain id that is not what the protocol allows. The message is one line
 * that quotes the offending text, fit to show an operator as it is.
 */
public final class InvalidValueException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidValueException(String message) {
        super(message);
    }
}
