package com.example.vshutdown.linux.internal;

/**
 * A setting of the Linux provider that cannot be used as it is. The message is one line that names
 * the setting and what is wrong with it, fit to show an operator and to serve as the configuration
 * fault.
 */
final class MalformedSettingException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedSettingException(String message) {
        super(message);
    }
}
