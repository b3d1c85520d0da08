package com.example.vshutdown.spi;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told that vproperties may have changed. Called on a provider's thread: implementations only
 * record the hint and return at once.
 */
@ConsumerType
@FunctionalInterface
public interface VPropertyListener {
    /**
     * @param name the property that changed, or empty when the provider cannot tell (for example
     *        after a lost notification), in which case everything of interest should be re-read
     */
    void changed(Optional<String> name);
}
