package com.example.vshutdown.support.offer;

/**
 * A provider setting that cannot be used as it is. The message is one line that names the setting
 * and what is wrong with it, fit to show an operator and to be the provider's
 * {@linkplain ProviderOffer#fault fault} as it is.
 */
public final class MalformedSettingException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedSettingException(String message) {
        super(message);
    }
}
