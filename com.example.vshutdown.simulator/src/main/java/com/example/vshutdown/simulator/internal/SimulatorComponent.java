package com.example.vshutdown.simulator.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.protocol.InvalidValueException;
import com.example.vshutdown.protocol.Values;
import com.example.vshutdown.spi.ConfigurationFault;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * Runs the simulated platform in the framework and offers it as the provider services.
 *
 * <p>It registers them itself instead of letting DS do it, because what it registers depends on
 * the settings: a well-formed platform gives a {@link VPropertyProvider} and a
 * {@link NativeShutdown}; a malformed one gives only a {@link ConfigurationFault}, so the master
 * reports the misconfiguration instead of running on a platform the operator did not describe.
 */
@Component(name = SimulatorComponent.PID, configurationPid = SimulatorComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = {}, immediate = true)
@Designate(ocd = SimulatorComponent.Config.class)
public final class SimulatorComponent {
    /** The component name and configuration pid. */
    public static final String PID = "com.example.vshutdown.simulator";

    /** Lowest: the simulator fits no real platform, so any real provider outranks it. */
    public static final int RANKING = -100;

    /** Service property naming the provider bundle, for listings and test filters. */
    public static final String PROVIDER_PROPERTY = "vshutdown.provider";

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorComponent.class);

    @ObjectClassDefinition(id = PID, name = "vshutdown simulated platform",
            description = "An in-memory hypervisor with simulated slave domains. Its native shutdown ends the app.")
    public @interface Config {
        @AttributeDefinition(name = "Domains", required = false,
                description = "Comma-separated <id>:<behaviour>[:<argument>] with behaviour ok[:ms], ignore,"
                        + " block[:reason], stopped or invalid. When set, it overrides the framework property "
                        + SimulatorSpec.DOMAINS_PROPERTY + "; when neither is set: " + SimulatorSpec.DEFAULT_DOMAINS)
        String domains();
    }

    private final BundleContext context;
    private final Bundle systemBundle;
    // Guarded by this.
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private SimulatedPlatform platform;

    @Activate
    public SimulatorComponent(BundleContext context, Config config) {
        this.context = context;
        this.systemBundle = context.getBundle(Constants.SYSTEM_BUNDLE_ID);
        apply(config);
    }

    @Modified
    synchronized void modified(Config config) {
        withdraw();
        apply(config);
    }

    @Deactivate
    synchronized void deactivate() {
        withdraw();
    }

    /**
     * Which platform the settings describe: the configured list wins over the framework property,
     * which wins over the default; the master's domain comes from the framework property that the
     * master reads too, so both agree on it.
     */
    static SimulatorSpec settings(String configured, String frameworkDomains, String frameworkMaster)
            throws MalformedSpecException {
        int master = 0;
        if (frameworkMaster != null) {
            try {
                master = Values.parseDomainId(frameworkMaster.strip());
            } catch (InvalidValueException e) {
                throw new MalformedSpecException(SimulatorSpec.MASTER_DOMAIN_PROPERTY + ": " + e.getMessage());
            }
        }
        if (configured != null) {
            return SimulatorSpec.parse("domains (configuration " + PID + ")", configured, master);
        }
        if (frameworkDomains != null) {
            return SimulatorSpec.parse(SimulatorSpec.DOMAINS_PROPERTY, frameworkDomains, master);
        }
        return SimulatorSpec.parse("default " + SimulatorSpec.DOMAINS_PROPERTY,
                SimulatorSpec.defaultDomains(master), master);
    }

    private synchronized void apply(Config config) {
        SimulatorSpec spec;
        try {
            spec = settings(config.domains(), context.getProperty(SimulatorSpec.DOMAINS_PROPERTY),
                    context.getProperty(SimulatorSpec.MASTER_DOMAIN_PROPERTY));
        } catch (MalformedSpecException e) {
            LOG.error("{}", e.getMessage());
            registrations.add(context.registerService(ConfigurationFault.class, new SimulatorFault(e.getMessage()),
                    properties(null, "simulated platform not started: malformed settings")));
            return;
        }
        platform = SimulatedPlatform.start(spec);
        registrations.add(context.registerService(VPropertyProvider.class, platform,
                properties(RANKING, platform.description())));
        NativeShutdown nativeShutdown = new SimulatedNativeShutdown(this::stopFramework);
        registrations.add(context.registerService(NativeShutdown.class, nativeShutdown,
                properties(RANKING, nativeShutdown.description())));
    }

    /** Unregisters first, so nobody is handed a platform that is being closed. */
    private void withdraw() {
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                LOG.debug("Service already unregistered: {}", e.getMessage());
            }
        }
        registrations.clear();
        if (platform != null) {
            platform.close();
            platform = null;
        }
    }

    private void stopFramework() {
        try {
            systemBundle.stop();
        } catch (BundleException | IllegalStateException | SecurityException e) {
            LOG.error("Cannot stop the framework to end the app: {}", e.getMessage());
        }
    }

    private static Dictionary<String, Object> properties(Integer ranking, String description) {
        Dictionary<String, Object> properties = new Hashtable<>();
        if (ranking != null) {
            properties.put(Constants.SERVICE_RANKING, ranking);
        }
        properties.put(Constants.SERVICE_DESCRIPTION, description);
        properties.put(PROVIDER_PROPERTY, "simulator");
        return properties;
    }
}
