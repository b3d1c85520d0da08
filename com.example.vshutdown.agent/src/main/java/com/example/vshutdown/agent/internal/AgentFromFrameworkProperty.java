package com.example.vshutdown.agent.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.protocol.InvalidValueException;
import com.example.vshutdown.protocol.Values;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * Configures the agent of a slave domain from framework properties, which is what a service
 * manager can pass on a command line (a systemd unit, an Android init service) without a
 * configuration file: {@code -Dvshutdown.agent.domain=3}, and, as for the master,
 * {@code -Dvshutdown.provider=linux} to use only the provider of that name. It only creates the configuration;
 * the agent itself validates it and refuses to start, in one log line, on a malformed id.
 *
 * <p>The configuration is named, so restarting the JVM updates it instead of adding a second
 * agent; without the property, an earlier one is deleted, so a persisted framework cannot keep
 * an agent nobody asked for.
 */
@Component(immediate = true, service = {})
public final class AgentFromFrameworkProperty {
    /** Framework property: the id of the domain this JVM runs in. */
    static final String DOMAIN = "vshutdown.agent.domain";
    /** Optional framework property: the bound on the native command, in milliseconds. */
    static final String NATIVE_TIMEOUT = "vshutdown.agent.native.timeout.ms";
    /**
     * Optional framework property, the master's too: the name of the only vproperty provider to use
     * ({@link VPropertyProvider#PROVIDER_PROPERTY}), set as the agent's DS target.
     */
    static final String PROVIDER = "vshutdown.provider";
    /** The name of the factory configuration this component owns. */
    static final String NAME = "framework";

    /** What a provider name may be, as the master's ProviderChoice accepts it. */
    static final String PROVIDER_NAME = "[A-Za-z0-9._-]+";

    private static final Logger LOG = LoggerFactory.getLogger(AgentFromFrameworkProperty.class);

    @Activate
    public AgentFromFrameworkProperty(BundleContext context, @Reference ConfigurationAdmin configurationAdmin)
            throws IOException {
        String domain = context.getProperty(DOMAIN);
        // "?" binds the configuration to no bundle location in particular: the agent bundle may be updated
        Configuration configuration = configurationAdmin.getFactoryConfiguration(ShutdownAgent.PID, NAME, "?");
        if (domain == null) {
            if (configuration.getProperties() != null) {
                configuration.delete();
                LOG.info("No {} framework property: the agent configured from it earlier is removed", DOMAIN);
            }
            return;
        }
        try {
            Values.parseDomainId(domain.strip());
        } catch (InvalidValueException e) {
            // refused here: the agent validates its id only once a provider is bound, which may be never
            LOG.error("{}: {}; no shutdown agent is configured", DOMAIN, e.getMessage());
            if (configuration.getProperties() != null) {
                configuration.delete();
            }
            return;
        }
        String provider = context.getProperty(PROVIDER);
        if (provider != null && !provider.strip().matches(PROVIDER_NAME)) {
            // a filter built from arbitrary text could match anything, or nothing, silently
            LOG.error("{}: '{}' is not a provider name (letters, digits, '.', '_', '-'); no shutdown agent is "
                    + "configured", PROVIDER, Values.printable(provider));
            if (configuration.getProperties() != null) {
                configuration.delete();
            }
            return;
        }
        configuration.updateIfDifferent(properties(domain.strip(), context.getProperty(NATIVE_TIMEOUT),
                provider == null ? null : provider.strip()));
        LOG.info("Shutdown agent configured for domain {} from the framework property {}; it starts once a "
                + "vproperty provider and a native shutdown are available", domain.strip(), DOMAIN);
    }

    static Dictionary<String, Object> properties(String domain, String nativeTimeout, String provider) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("domain.id", domain);
        if (provider != null) {
            // the standard DS target of the agent's provider reference: the ranking still orders
            // providers of that name, and one of another name is never bound
            properties.put("provider.target", "(" + VPropertyProvider.PROVIDER_PROPERTY + "=" + provider + ")");
        }
        if (nativeTimeout != null) {
            // passed as text: the agent's configuration type conversion refuses a malformed number
            properties.put("native.timeout.ms", nativeTimeout.strip());
        }
        return properties;
    }
}
