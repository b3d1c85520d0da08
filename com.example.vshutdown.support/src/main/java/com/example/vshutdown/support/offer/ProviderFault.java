package com.example.vshutdown.support.offer;

import java.util.Hashtable;
import java.util.Map;

import com.example.vshutdown.spi.ConfigurationFault;

/**
 * The one configuration fault of every provider: registered by DS as an instance of the provider
 * bundle's own fault factory component, which only declares itself (the factory name is the
 * bundle's, so that no bundle creates its fault through another's) and inherits all of this.
 * {@link ProviderOffer#fault} makes it (or, outside a provider, the component that found the
 * fault, with {@link #properties}); the message comes as the component property {@value #MESSAGE},
 * which is a service property too.
 */
public abstract class ProviderFault implements ConfigurationFault {
    /** Component and service property: the one line that names the setting and what is wrong. */
    public static final String MESSAGE = "vshutdown.fault";

    private final String message;

    /**
     * The component properties of a fault instance: what a fault factory's {@code newInstance} takes.
     *
     * @param message one line naming the setting and what is wrong with it
     */
    public static Hashtable<String, Object> properties(String message) {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("a configuration fault says what is wrong");
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(MESSAGE, message);
        return properties;
    }

    /** @param properties the component properties {@link ProviderOffer#fault} gave the instance */
    protected ProviderFault(Map<String, ?> properties) {
        if (!(properties.get(MESSAGE) instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("a provider fault is made by ProviderOffer.fault, with its message in "
                    + MESSAGE + "; got " + properties.get(MESSAGE));
        }
        this.message = text;
    }

    @Override
    public final String message() {
        return message;
    }

    @Override
    public String toString() {
        return message;
    }
}
