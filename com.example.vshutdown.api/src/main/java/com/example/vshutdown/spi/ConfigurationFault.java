package com.example.vshutdown.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Registered by a provider that was configured but refuses to start because its configuration is
 * malformed. It lets the master answer "the platform is misconfigured: ..." instead of a bare
 * "no provider", without guessing at a corrected configuration.
 */
@ConsumerType
public interface ConfigurationFault {
    /** One line naming the setting and what is wrong with it. */
    String message();
}
