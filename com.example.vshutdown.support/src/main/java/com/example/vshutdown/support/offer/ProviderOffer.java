package com.example.vshutdown.support.offer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.osgi.framework.Constants;
import org.osgi.service.component.ComponentException;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.ComponentInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.spi.ConfigurationFault;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * What a provider offers where it runs, decided by the provider's detection component and
 * registered by DS: nothing (not this provider's platform), its services, or its
 * {@link ConfigurationFault} alone — the refusal policy that {@code ConfigurationFault} states.
 *
 * <p>The services are instances of the provider bundle's factory components, so DS registers them
 * (and the bundle's manifest advertises them without hand-written headers), with the properties
 * decided here: the provider's {@code service.ranking} as an Integer, its name
 * ({@value VPropertyProvider#PROVIDER_PROPERTY}), and the checked settings as the private
 * component property {@value #SETTINGS}, which is never a service property (DS keeps properties
 * that start with a dot from the registration).
 *
 * <p>Whatever can fail (a platform library that does not load, a device that does not open) is
 * done by the detection component <em>before</em> it offers, and a failure is offered as the fault
 * that says why ({@link #cannotStart}); the services' constructors only wire what was checked.
 * SCR registers a factory instance's service before it constructs the object, so a constructor
 * that throws shows other bundles a registered service that yields null, is tried again by the
 * next bundle that asks for it, and reaches the offer only as a {@link ComponentException} that
 * carries neither the exception nor its message.
 *
 * <p>Closing withdraws in the reverse order of the offer; the detection component closes its offer
 * when it is deactivated or reconfigured, before it offers again.
 */
public final class ProviderOffer implements AutoCloseable {
    /** The private component property that hands the checked settings to the service components. */
    public static final String SETTINGS = ".vshutdown.settings";

    private static final Logger LOG = LoggerFactory.getLogger(ProviderOffer.class);

    private final List<ComponentInstance<?>> instances;

    private ProviderOffer(List<ComponentInstance<?>> instances) {
        this.instances = new ArrayList<>(instances);
    }

    /** What a detection component decides from its settings, which it reads strictly. */
    @FunctionalInterface
    public interface Decision {
        ProviderOffer decide() throws MalformedSettingException;
    }

    /**
     * The offer a detection component decides, or, where a setting is malformed, the fault alone
     * that names it: the refusal policy of {@link ConfigurationFault}, decided here once.
     */
    public static ProviderOffer decide(String provider, ComponentFactory<? extends ConfigurationFault> faults,
            Decision decision) {
        try {
            return decision.decide();
        } catch (MalformedSettingException e) {
            return fault(provider, faults, e.getMessage());
        }
    }

    /** Not this provider's platform: another provider serves. */
    public static ProviderOffer nothing() {
        return new ProviderOffer(List.of());
    }

    /**
     * The fault alone: the provider was configured and cannot serve as configured.
     *
     * @param provider the provider's name ("linux")
     * @param message one line naming the setting and what is wrong with it
     */
    public static ProviderOffer fault(String provider, ComponentFactory<? extends ConfigurationFault> faults,
            String message) {
        LOG.error("Configuration fault of the {} provider, which offers no services: {}", provider, message);
        Hashtable<String, Object> properties = ProviderFault.properties(message);
        properties.put(VPropertyProvider.PROVIDER_PROPERTY, provider);
        return new ProviderOffer(List.of(faults.newInstance(properties)));
    }

    /**
     * The provider's services, one instance of each factory in this order, or, should one of them
     * fail to start, its fault naming why (what was already started is withdrawn first).
     *
     * @param settings the checked settings, handed to each instance as {@value #SETTINGS}
     */
    public static ProviderOffer services(String provider, int ranking, Object settings,
            List<ComponentFactory<?>> services, ComponentFactory<? extends ConfigurationFault> faults) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, Integer.valueOf(ranking));
        properties.put(VPropertyProvider.PROVIDER_PROPERTY, provider);
        properties.put(SETTINGS, Objects.requireNonNull(settings, "settings"));
        ProviderOffer offer = new ProviderOffer(List.of());
        for (ComponentFactory<?> factory : services) {
            try {
                offer.instances.add(factory.newInstance(properties));
            } catch (ComponentException e) {
                // a bug of the service: what could fail was to be checked before the offer
                offer.close();
                return cannotStart(provider, faults, reason(e));
            }
        }
        return offer;
    }

    /**
     * The fault alone, because the provider was configured (or found its platform) and what it
     * needs cannot be used: a library that does not load, a device that does not open.
     *
     * @param reason one line saying what cannot be used and why
     */
    public static ProviderOffer cannotStart(String provider, ComponentFactory<? extends ConfigurationFault> faults,
            String reason) {
        return fault(provider, faults, "the " + provider + " provider cannot start: " + reason);
    }

    /**
     * The settings {@link #services} handed to a service component.
     *
     * @throws IllegalStateException when the instance was not made by an offer (another bundle
     *         used the factory): it has no settings to run with
     */
    public static <T> T settings(Map<String, ?> properties, Class<T> type) {
        Object settings = properties.get(SETTINGS);
        if (!type.isInstance(settings)) {
            throw new IllegalStateException("only the provider's own detection component creates its services; "
                    + "this instance has no " + type.getSimpleName());
        }
        return type.cast(settings);
    }

    /**
     * The offered service of a type, once DS has made it: for a provider that sets its platform
     * going only once its services are registered (the simulator starts its guests' agents, which
     * look for its vproperties), never from a service's own constructor.
     */
    public <S> Optional<S> instance(Class<S> type) {
        return instances.stream().map(ComponentInstance::getInstance).filter(type::isInstance).map(type::cast)
                .findFirst();
    }

    /** Withdraws what was offered, last first: nobody is handed a service whose partner is gone. */
    @Override
    public void close() {
        List<ComponentInstance<?>> offered = new ArrayList<>(instances);
        Collections.reverse(offered);
        for (ComponentInstance<?> instance : offered) {
            try {
                instance.dispose();
            } catch (RuntimeException e) {
                LOG.debug("Already withdrawn: {}", e.toString());
            }
        }
        instances.clear();
    }

    /** The innermost message, as far as SCR passes one on (the constructor's exception is only in its log). */
    private static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
