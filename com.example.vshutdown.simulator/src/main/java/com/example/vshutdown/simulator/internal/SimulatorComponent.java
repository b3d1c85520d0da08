package com.example.vshutdown.simulator.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
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
 *
 * <p>The agents of the {@code ok} and {@code block} domains are the shipped ones where they can run
 * ({@link RealAgents}), else the simulator's own ({@link BuiltInAgent}); see {@link AgentsSetting}.
 * ConfigurationAdmin is an optional, static, greedy reference: where it starts after the simulator
 * (no start levels, as in a test framework), SCR activates the simulator again once it is there, so
 * the choice is made again on a framework that has it; the platform it replaces has not been used yet.
 * It is taken as a {@link ServiceReference}, so that this class needs the optional ConfigurationAdmin
 * package only where {@link RealAgents} runs.
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
    private static final String CONFIGURATION_ADMIN = "org.osgi.service.cm.ConfigurationAdmin";

    @ObjectClassDefinition(id = PID, name = "vshutdown simulated platform",
            description = "An in-memory hypervisor with simulated slave domains. Its native shutdown ends the app.")
    public @interface Config {
        @AttributeDefinition(name = "Domains", required = false,
                description = "Comma-separated <id>:<behaviour>[:<argument>] with behaviour ok[:ms], ignore,"
                        + " block[:reason], stopped or invalid. When set, it overrides the framework property "
                        + SimulatorSpec.DOMAINS_PROPERTY + "; when neither is set: " + SimulatorSpec.DEFAULT_DOMAINS)
        String domains();

        @AttributeDefinition(name = "Agents", required = false, options = {
                @Option(value = "auto", label = "auto: the shipped agents where they can run"),
                @Option(value = "real", label = "real: the shipped agents, or a configuration fault"),
                @Option(value = "builtin", label = "builtin: the simulator's own") },
                description = "Who acts for the ok and block domains: real (the shipped agent, one instance per"
                        + " domain, configured by the simulator), builtin (the simulator's own stand-in), or auto"
                        + " (real where the bundle " + AgentsSetting.AGENT_BUNDLE + " is installed and"
                        + " ConfigurationAdmin is available, else builtin). When set, it overrides the framework"
                        + " property " + AgentsSetting.PROPERTY + "; when neither is set: auto")
        String agents();
    }

    private final BundleContext context;
    private final Bundle systemBundle;
    /** Null when there is none; a reference, not the service: see the class comment. */
    private final ServiceReference<?> configurationAdmin;
    // Guarded by this.
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private SimulatedPlatform platform;
    private AutoCloseable realAgents;

    @Activate
    public SimulatorComponent(BundleContext context, Config config,
            @Reference(name = "configurationAdmin", service = ConfigurationAdmin.class,
                    cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            ServiceReference<?> configurationAdmin) {
        this.context = context;
        this.systemBundle = context.getBundle(Constants.SYSTEM_BUNDLE_ID);
        this.configurationAdmin = configurationAdmin;
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
        AgentsSetting.Choice agents;
        try {
            spec = settings(config.domains(), context.getProperty(SimulatorSpec.DOMAINS_PROPERTY),
                    context.getProperty(SimulatorSpec.MASTER_DOMAIN_PROPERTY));
            agents = AgentsSetting.of(config.agents(), context.getProperty(AgentsSetting.PROPERTY))
                    .choose(agentBundleInstalled(), configurationAdminUsable());
        } catch (MalformedSpecException e) {
            LOG.error("{}", e.getMessage());
            registrations.add(context.registerService(ConfigurationFault.class, new SimulatorFault(e.getMessage()),
                    properties(null, "simulated platform not started: malformed settings", null)));
            return;
        }
        platform = SimulatedPlatform.start(spec, !agents.real());
        registrations.add(context.registerService(VPropertyProvider.class, platform,
                properties(RANKING, platform.description(), null)));
        NativeShutdown nativeShutdown = new SimulatedNativeShutdown(this::stopFramework);
        registrations.add(context.registerService(NativeShutdown.class, nativeShutdown,
                properties(RANKING, nativeShutdown.description(), null)));
        if (agents.real()) {
            try {
                realAgents = RealAgents.start(context, configurationAdmin, platform);
            } catch (IllegalStateException e) {
                // ConfigurationAdmin went between binding and use: SCR activates the simulator again
                LOG.error("No agent acts for domains {}: {}", platform.guests().keySet(), e.getMessage());
                return;
            }
            LOG.info("Simulated agents: the shipped agent {} acts for domains {}, one configuration each ({})",
                    AgentsSetting.AGENT_BUNDLE, platform.guests().keySet(), agents.why());
        } else {
            LOG.info("Simulated agents: the simulator's built-in agents act for domains {} ({})",
                    platform.guests().keySet(), agents.why());
        }
    }

    private boolean agentBundleInstalled() {
        for (Bundle bundle : context.getBundles()) {
            if (AgentsSetting.AGENT_BUNDLE.equals(bundle.getSymbolicName())
                    && bundle.getState() != Bundle.UNINSTALLED) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a ConfigurationAdmin service is bound and its package is wired to this bundle: the import
     * is optional, so a bundle resolved before ConfigurationAdmin was installed cannot use it until
     * it is refreshed.
     */
    private boolean configurationAdminUsable() {
        if (configurationAdmin == null) {
            return false;
        }
        try {
            Class.forName(CONFIGURATION_ADMIN, false, SimulatorComponent.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.warn("ConfigurationAdmin is registered but its package is not wired to the simulator bundle"
                    + " (refresh it to use the shipped agents): {}", e.toString());
            return false;
        }
    }

    /** Unregisters first, so nobody is handed a platform that is being closed. */
    private void withdraw() {
        if (realAgents != null) {
            try {
                realAgents.close();
            } catch (Exception e) {
                LOG.warn("The agents' configurations could not all be removed: {}", e.toString());
            }
            realAgents = null;
        }
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

    /**
     * The service properties of what the simulator registers.
     *
     * @param domain the domain a native shutdown belongs to ({@value NativeShutdown#DOMAIN_PROPERTY}), or null
     */
    static Dictionary<String, Object> properties(Integer ranking, String description, Integer domain) {
        Dictionary<String, Object> properties = new Hashtable<>();
        if (ranking != null) {
            properties.put(Constants.SERVICE_RANKING, ranking);
        }
        if (domain != null) {
            properties.put(NativeShutdown.DOMAIN_PROPERTY, domain);
        }
        properties.put(Constants.SERVICE_DESCRIPTION, description);
        properties.put(PROVIDER_PROPERTY, "simulator");
        return properties;
    }
}
