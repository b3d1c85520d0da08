package com.example.vshutdown.simulator.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

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
 *
 * <p>The guests' agents are the shipped agent's: for each guest whose agent runs (from the start, or
 * later for {@code late} and {@code appear}, until a {@code vanish} domain is destroyed) the simulator
 * registers the guest's native shutdown with its domain and {@link NativeShutdown#HOSTED_AGENT_PROPERTY},
 * and the agent bundle runs an agent for it on the vproperties of the same platform name, this
 * platform's. No ConfigAdmin is involved; without the agent bundle nobody answers in the simulated
 * domains, and installing it later puts the agents there at once.
 */
@Component(name = SimulatorComponent.PID, configurationPid = SimulatorComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = {}, immediate = true)
@Designate(ocd = SimulatorComponent.Config.class)
public final class SimulatorComponent {
    /** The component name and configuration pid. */
    public static final String PID = "com.example.vshutdown.simulator";

    /** Lowest: the simulator fits no real platform, so any real provider outranks it. */
    public static final int RANKING = -100;

    /** The platform's name ({@link VPropertyProvider#PROVIDER_PROPERTY}): hosted agents find its vproperties by it. */
    static final String NAME = "simulator";

    /** A framework property of earlier versions, which chose the simulator's own agents: now an error. */
    static final String REMOVED_AGENTS_PROPERTY = "vshutdown.sim.agents";

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorComponent.class);

    @ObjectClassDefinition(id = PID, name = "vshutdown simulated platform",
            description = "An in-memory hypervisor with simulated slave domains. Its native shutdown ends the app.")
    public @interface Config {
        @AttributeDefinition(name = "Domains", required = false,
                description = "Comma-separated <id>:<behaviour>[:<argument>] with behaviour ok[:ms], ignore,"
                        + " block[:reason], stopped, invalid, bounce[:ms], late:ms, vanish[:ms], fail[:reason],"
                        + " hang or appear:ms. When set, it overrides the framework property "
                        + SimulatorSpec.DOMAINS_PROPERTY + "; when neither is set: " + SimulatorSpec.DEFAULT_DOMAINS)
        String domains();
    }

    private final BundleContext context;
    private final Bundle systemBundle;
    // Guarded by this.
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    /** The native shutdowns of the guests whose agent runs now, by domain. */
    private final Map<Integer, ServiceRegistration<?>> agentRegistrations = new HashMap<>();
    private SimulatedPlatform platform;

    @Activate
    public SimulatorComponent(BundleContext context, Config config, Map<String, Object> properties) {
        this.context = context;
        this.systemBundle = context.getBundle(Constants.SYSTEM_BUNDLE_ID);
        apply(config, properties);
    }

    @Modified
    synchronized void modified(Config config, Map<String, Object> properties) {
        withdraw();
        apply(config, properties);
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

    /**
     * The agents setting of earlier versions chose the simulator's own stand-in agents, which are gone:
     * a leftover one is refused rather than ignored, so that nobody runs a platform they did not ask for.
     */
    static void refuseRemovedSettings(Map<String, Object> configured, String framework) throws MalformedSpecException {
        String why = ": this setting was removed; the simulated domains' agents are always the shipped agent's"
                + " (the agent bundle runs one for each guest): remove it";
        if (configured != null && configured.containsKey("agents")) {
            throw new MalformedSpecException("agents (configuration " + PID + ")" + why);
        }
        if (framework != null) {
            throw new MalformedSpecException(REMOVED_AGENTS_PROPERTY + why);
        }
    }

    private synchronized void apply(Config config, Map<String, Object> configured) {
        SimulatorSpec spec;
        try {
            refuseRemovedSettings(configured, context.getProperty(REMOVED_AGENTS_PROPERTY));
            spec = settings(config.domains(), context.getProperty(SimulatorSpec.DOMAINS_PROPERTY),
                    context.getProperty(SimulatorSpec.MASTER_DOMAIN_PROPERTY));
        } catch (MalformedSpecException e) {
            LOG.error("{}", e.getMessage());
            registrations.add(context.registerService(ConfigurationFault.class, new SimulatorFault(e.getMessage()),
                    properties(null, "simulated platform not started: malformed settings")));
            return;
        }
        SimulatedPlatform started = SimulatedPlatform.create(spec, new Host());
        platform = started;
        registrations.add(context.registerService(VPropertyProvider.class, started,
                properties(RANKING, started.description())));
        NativeShutdown nativeShutdown = new SimulatedNativeShutdown(this::stopFramework);
        registrations.add(context.registerService(NativeShutdown.class, nativeShutdown,
                properties(RANKING, nativeShutdown.description())));
        started.startGuests();
    }

    /** Unregisters first, the guests' native shutdowns before all (their agents stop), then closes the platform. */
    private void withdraw() {
        List<ServiceRegistration<?>> all = new ArrayList<>(agentRegistrations.values());
        all.addAll(registrations);
        agentRegistrations.clear();
        registrations.clear();
        for (ServiceRegistration<?> registration : all) {
            unregister(registration);
        }
        if (platform != null) {
            platform.close();
            platform = null;
        }
    }

    private static void unregister(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            LOG.debug("Service already unregistered: {}", e.getMessage());
        }
    }

    /** The guests' agents come and go with the registration of their native shutdowns. */
    private final class Host implements GuestHost {
        @Override
        public void agentStarts(int domain, NativeShutdown guest) {
            synchronized (SimulatorComponent.this) {
                // a platform replaced or closed meanwhile starts no agent
                if (platform == null || platform.guests().get(domain) != guest
                        || agentRegistrations.containsKey(domain)) {
                    return;
                }
                Dictionary<String, Object> properties = properties(RANKING, guest.description());
                properties.put(NativeShutdown.DOMAIN_PROPERTY, domain);
                properties.put(NativeShutdown.HOSTED_AGENT_PROPERTY, Boolean.TRUE);
                agentRegistrations.put(domain, context.registerService(NativeShutdown.class, guest, properties));
            }
        }

        @Override
        public void agentEnds(int domain, NativeShutdown guest) {
            synchronized (SimulatorComponent.this) {
                ServiceRegistration<?> registration = platform != null && platform.guests().get(domain) == guest
                        ? agentRegistrations.remove(domain) : null;
                if (registration != null) {
                    unregister(registration);
                }
            }
        }
    }

    private void stopFramework() {
        try {
            systemBundle.stop();
        } catch (BundleException | IllegalStateException | SecurityException e) {
            LOG.error("Cannot stop the framework to end the app: {}", e.getMessage());
        }
    }

    /** The service properties of what the simulator registers. */
    static Dictionary<String, Object> properties(Integer ranking, String description) {
        Dictionary<String, Object> properties = new Hashtable<>();
        if (ranking != null) {
            properties.put(Constants.SERVICE_RANKING, ranking);
        }
        properties.put(Constants.SERVICE_DESCRIPTION, description);
        properties.put(VPropertyProvider.PROVIDER_PROPERTY, NAME);
        return properties;
    }
}
