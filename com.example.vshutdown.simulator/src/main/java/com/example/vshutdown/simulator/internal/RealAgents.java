package com.example.vshutdown.simulator.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.spi.NativeShutdown;

/**
 * The shipped agents acting for the simulated domains: for every {@code ok} and {@code block} domain,
 * its guest OS registered as a {@link NativeShutdown} of that domain, and a named factory configuration
 * of the agent ({@code com.example.vshutdown.agent~sim-<id>}) that binds this native shutdown and the
 * simulator's vproperties. The agent bundle does the rest; this class only sets the stage and clears it.
 *
 * <p>The configurations carry the location {@code "?"}: bound to no bundle, so that the agent bundle
 * (not the simulator, which creates them) receives them, and still does after it is updated. They are
 * marked as the simulator's ({@value #MANAGED}), so that ones a killed JVM left in a persistent
 * framework are found and removed, never those of an operator.
 *
 * <p>The only class of the bundle that uses the ConfigurationAdmin API, whose import is optional:
 * it is loaded only once the simulator knows that the package is wired.
 */
final class RealAgents implements AutoCloseable {
    /** The factory pid of the shipped agent's configurations. */
    static final String AGENT_PID = "com.example.vshutdown.agent";
    /** The prefix of the names of the simulator's agent configurations. */
    static final String NAME_PREFIX = "sim-";
    /** Configuration property marking an agent configuration the simulator made. */
    static final String MANAGED = "vshutdown.sim.managed";

    private static final Logger LOG = LoggerFactory.getLogger(RealAgents.class);

    private final BundleContext context;
    private final ServiceReference<?> reference;
    private final ConfigurationAdmin configurationAdmin;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final List<Configuration> configurations = new ArrayList<>();

    private RealAgents(BundleContext context, ServiceReference<?> reference, ConfigurationAdmin configurationAdmin) {
        this.context = context;
        this.reference = reference;
        this.configurationAdmin = configurationAdmin;
    }

    /**
     * Registers the guests' native shutdowns, then configures one agent per guest, so that each agent
     * finds both of its services as soon as it is configured.
     *
     * @throws IllegalStateException if the ConfigurationAdmin service has gone
     */
    static RealAgents start(BundleContext context, ServiceReference<?> reference, SimulatedPlatform platform) {
        Object service = context.getService(reference);
        if (!(service instanceof ConfigurationAdmin)) {
            if (service != null) {
                context.ungetService(reference);
            }
            throw new IllegalStateException("the ConfigurationAdmin service is gone");
        }
        RealAgents agents = new RealAgents(context, reference, (ConfigurationAdmin) service);
        agents.removeStale(platform);
        for (GuestOs guest : platform.guests().values()) {
            agents.registrations.add(context.registerService(NativeShutdown.class, guest,
                    SimulatorComponent.properties(SimulatorComponent.RANKING, guest.description(), guest.spec().id())));
        }
        for (GuestOs guest : platform.guests().values()) {
            agents.configure(guest.spec().id());
        }
        return agents;
    }

    /** The name of the agent configuration of a domain. */
    static String name(int domain) {
        return NAME_PREFIX + domain;
    }

    /** The properties of the agent configuration of a domain. */
    static Dictionary<String, Object> configuration(int domain) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("domain.id", Integer.toString(domain));
        properties.put("nativeShutdown.target", "(" + NativeShutdown.DOMAIN_PROPERTY + "=" + domain + ")");
        properties.put("provider.target", "(" + SimulatorComponent.PROVIDER_PROPERTY + "=simulator)");
        properties.put(MANAGED, Boolean.TRUE);
        return properties;
    }

    private void configure(int domain) {
        try {
            // "?": a multi-location, so that the configuration reaches the agent bundle, not the simulator's
            Configuration configuration = configurationAdmin.getFactoryConfiguration(AGENT_PID, name(domain), "?");
            configuration.updateIfDifferent(configuration(domain));
            configurations.add(configuration);
            LOG.debug("Agent configuration {} for domain {}", configuration.getPid(), domain);
        } catch (IOException | RuntimeException e) {
            LOG.error("Domain {} gets no agent: its configuration cannot be made: {}", domain, e.toString());
        }
    }

    /** Removes the simulator's agent configurations that this platform does not need: left by a killed JVM. */
    private void removeStale(SimulatedPlatform platform) {
        Set<String> wanted = new HashSet<>();
        for (Integer domain : platform.guests().keySet()) {
            wanted.add(AGENT_PID + "~" + name(domain));
        }
        Configuration[] found;
        try {
            found = configurationAdmin.listConfigurations(
                    "(&(" + ConfigurationAdmin.SERVICE_FACTORYPID + "=" + AGENT_PID + ")(" + MANAGED + "=true))");
        } catch (IOException | InvalidSyntaxException | RuntimeException e) {
            LOG.warn("Cannot look for agent configurations left from an earlier run: {}", e.toString());
            return;
        }
        for (Configuration configuration : found == null ? new Configuration[0] : found) {
            if (!wanted.contains(configuration.getPid())) {
                LOG.info("Removing agent configuration {} left from an earlier run", configuration.getPid());
                delete(configuration);
            }
        }
    }

    /**
     * Unregisters the native shutdowns first, so that the agents stop at once (their references are
     * mandatory), then deletes the configurations.
     */
    @Override
    public void close() {
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                LOG.debug("Service already unregistered: {}", e.getMessage());
            }
        }
        registrations.clear();
        configurations.forEach(RealAgents::delete);
        configurations.clear();
        try {
            context.ungetService(reference);
        } catch (IllegalStateException e) {
            LOG.debug("ConfigurationAdmin already released: {}", e.getMessage());
        }
    }

    private static void delete(Configuration configuration) {
        try {
            configuration.delete();
        } catch (IOException | IllegalStateException e) {
            // already deleted, or ConfigurationAdmin is stopping: nothing left to clear here
            LOG.debug("Agent configuration not deleted: {}", e.toString());
        }
    }
}
