package com.example.vshutdown.master.internal;

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

import com.example.vshutdown.spi.VPropertyProvider;

/**
 * Lets an operator force the master onto one provider from the command line
 * ({@code -Dvshutdown.provider=linux}), where the app offers no configuration file: it sets the
 * standard DS target of the master's provider reference in the master's configuration, so the
 * ranking still orders providers of that name and a provider of another name is never bound.
 */
@Component(immediate = true, service = {})
public final class ProviderChoice {
    /** Framework property: the name a provider publishes in {@link VPropertyProvider#PROVIDER_PROPERTY}. */
    static final String PROPERTY = "vshutdown.provider";
    static final String MASTER_PID = "com.example.vshutdown.master";
    static final String TARGET = "provider.target";

    private static final Logger LOG = LoggerFactory.getLogger(ProviderChoice.class);

    @Activate
    public ProviderChoice(BundleContext context, @Reference ConfigurationAdmin configurationAdmin) throws IOException {
        String name = context.getProperty(PROPERTY);
        if (name == null) {
            return;
        }
        if (!name.strip().matches("[A-Za-z0-9._-]+")) {
            // a filter built from arbitrary text could match anything, or nothing, silently
            LOG.error("{}: '{}' is not a provider name (letters, digits, '.', '_', '-'); the ranking decides",
                    PROPERTY, name);
            return;
        }
        Configuration configuration = configurationAdmin.getConfiguration(MASTER_PID, "?");
        Dictionary<String, Object> properties = configuration.getProperties();
        if (properties == null) {
            properties = new Hashtable<>();
        }
        properties.put(TARGET, "(" + VPropertyProvider.PROVIDER_PROPERTY + "=" + name.strip() + ")");
        configuration.updateIfDifferent(properties);
        LOG.info("The master uses only the vproperty provider named '{}' ({})", name.strip(), PROPERTY);
    }
}
