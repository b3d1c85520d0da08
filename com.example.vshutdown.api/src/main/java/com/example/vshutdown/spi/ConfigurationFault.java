package com.example.vshutdown.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Registered by a provider that was explicitly configured and cannot serve as configured: a
 * malformed setting, or a platform library that a setting names and that cannot be used. Its
 * {@linkplain #message() message} names the setting and what is wrong with it, in one line.
 *
 * <h2>The refusal policy for a misconfigured platform (the same for every provider and consumer)</h2>
 * <ul>
 * <li>A provider that was explicitly configured and whose settings are malformed registers a
 * {@code ConfigurationFault} naming the setting, and <b>no provider services</b>: no
 * {@link VPropertyProvider}, no {@link NativeShutdown}, not even ones that refuse every call.</li>
 * <li>While any {@code ConfigurationFault} is registered, the master refuses every operation that
 * needs the platform (shutdowns and the listing of domains) with exit status 2 and
 * "the platform is misconfigured: " followed by that line, whatever provider is bound; an agent acts
 * on nothing and logs the line. So no lower-ranked provider (a simulator) can silently serve in
 * place of the one the operator configured.</li>
 * <li>A malformed choice of provider ({@code -Dvshutdown.provider}) is the same kind of fault: it is
 * registered as one, instead of letting the ranking decide.</li>
 * <li>A provider that nobody configured and that does not find its platform registers nothing,
 * neither services nor a fault: another provider serves.</li>
 * <li>A well-formed setting that names something absent (a vproperty root that does not exist yet)
 * is not a fault: the provider registers its services and every call says what is missing.</li>
 * </ul>
 * Nothing is ever guessed: a malformed setting is never replaced by its default.
 */
@ConsumerType
public interface ConfigurationFault {
    /** One line naming the setting and what is wrong with it. */
    String message();
}
