package com.example.vshutdown.master.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.ComponentInstance;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.protocol.Values;
import com.example.vshutdown.spi.ConfigurationFault;
import com.example.vshutdown.spi.VPropertyProvider;
import com.example.vshutdown.support.offer.ProviderFault;

/**
 * Lets an operator force the master onto one provider from the command line
 * ({@code -Dvshutdown.provider=linux}), where the app offers no configuration file: it sets the
 * standard DS target of the master's provider reference in the master's configuration, so the
 * ranking still orders providers of that name and a provider of another name is never bound.
 *
 * <p>A name that is not one (a filter built from arbitrary text could match anything, or nothing,
 * silently) is a {@link ConfigurationFault}, registered by DS as an instance of
 * {@link MalformedChoice}: the refusal policy of the SPI, so the master refuses to work rather than
 * let the ranking choose for an operator who chose.
 */
@Component(immediate = true, service = {})
public final class ProviderChoice {
    /** Framework property: the name a provider publishes in {@link VPropertyProvider#PROVIDER_PROPERTY}. */
    static final String PROPERTY = "vshutdown.provider";
    static final String MASTER_PID = MasterSettings.PID;
    static final String TARGET = "provider.target";

    private static final Logger LOG = LoggerFactory.getLogger(ProviderChoice.class);

    /** The fault of a malformed choice, or null. */
    private final ComponentInstance<MalformedChoice> fault;

    @Activate
    public ProviderChoice(BundleContext context, @Reference ConfigurationAdmin configurationAdmin,
            @Reference(name = "faults", target = "(component.factory=" + MalformedChoice.FACTORY + ")")
            ComponentFactory<MalformedChoice> faults) throws IOException {
        String name = context.getProperty(PROPERTY);
        if (name == null) {
            fault = null;
            return;
        }
        if (!name.strip().matches("[A-Za-z0-9._-]+")) {
            String message = PROPERTY + ": '" + Values.printable(name) + "' is not a provider name (letters, digits, "
                    + "'.', '_', '-')";
            LOG.error("{}; while this configuration fault is registered nothing is shut down", message);
            fault = faults.newInstance(ProviderFault.properties(message));
            return;
        }
        fault = null;
        Configuration configuration = configurationAdmin.getConfiguration(MASTER_PID, "?");
        Dictionary<String, Object> properties = configuration.getProperties();
        if (properties == null) {
            properties = new Hashtable<>();
        }
        properties.put(TARGET, "(" + VPropertyProvider.PROVIDER_PROPERTY + "=" + name.strip() + ")");
        configuration.updateIfDifferent(properties);
        LOG.info("The master uses only the vproperty provider named '{}' ({})", name.strip(), PROPERTY);
    }

    @Deactivate
    void deactivate() {
        if (fault != null) {
            fault.dispose();
        }
    }

    /** The configuration fault of a malformed {@value ProviderChoice#PROPERTY}: the providers' one type. */
    @Component(factory = MalformedChoice.FACTORY, service = ConfigurationFault.class,
            configurationPolicy = ConfigurationPolicy.IGNORE)
    public static final class MalformedChoice extends ProviderFault {
        static final String FACTORY = "com.example.vshutdown.master.providerchoice.fault";

        @Activate
        public MalformedChoice(Map<String, Object> properties) {
            super(properties);
        }
    }
}
