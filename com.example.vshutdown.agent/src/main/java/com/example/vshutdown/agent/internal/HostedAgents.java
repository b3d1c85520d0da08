package com.example.vshutdown.agent.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
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
 * Runs an agent for every native shutdown that asks for one ({@link NativeShutdown#HOSTED_AGENT_PROPERTY}):
 * the agents of a platform that hosts its guests itself, as the simulator does. Each is the shipped
 * agent with its rules, for the domain its native shutdown names ({@link NativeShutdown#DOMAIN_PROPERTY}),
 * on the highest-ranked vproperty provider of the same name ({@link VPropertyProvider#PROVIDER_PROPERTY}:
 * the platform both belong to, whichever bundle offers it best now), for as long as it is registered.
 *
 * <p>Why services and not configurations: the platform says which domains have an agent and when
 * (a guest whose agent starts late, a domain destroyed with its agent) by registering and
 * unregistering, which needs no ConfigAdmin and leaves nothing persisted behind; and a platform that
 * started before this bundle gets its agents the moment this bundle starts. Per-domain factory
 * configurations ({@link ShutdownAgent}) stay the production way to run an agent; the explicit marker
 * keeps a production native shutdown of a domain from ever getting an agent nobody configured.
 *
 * <p>One agent per domain and platform: a second native shutdown asking for the same domain of the
 * same platform is refused in one log line (two agents would act twice on one request); so is one
 * that names no platform or a malformed domain.
 */
@Component(name = HostedAgents.PID, configurationPid = HostedAgents.PID, service = {}, immediate = true)
@Designate(ocd = HostedAgents.Config.class)
public final class HostedAgents {
    /** The component name and the pid of its optional configuration. */
    public static final String PID = "com.example.vshutdown.agent.hosted";

    /** The native shutdowns this component runs an agent for. */
    static final String FILTER = "(&(" + NativeShutdown.DOMAIN_PROPERTY + "=*)("
            + NativeShutdown.HOSTED_AGENT_PROPERTY + "=true))";

    private static final Logger LOG = LoggerFactory.getLogger(HostedAgents.class);

    @ObjectClassDefinition(id = PID, name = "vshutdown hosted agents",
            description = "The agents run for the guests of a platform that hosts them itself (the simulator).")
    public @interface Config {
        @AttributeDefinition(name = "Safety re-read (ms)", min = "1",
                description = "How often each hosted agent re-reads its request without a change notification.")
        long safety_reread_ms() default ShutdownAgent.Settings.DEFAULT_SAFETY_REREAD_MS;

        @AttributeDefinition(name = "Native time-out (ms)", min = "1",
                description = "How long a guest's native shutdown or reboot may take to start before it is "
                        + "reported as failed.")
        long native_timeout_ms() default ShutdownAgent.Settings.DEFAULT_NATIVE_TIMEOUT_MS;
    }

    /** A vproperty provider as bound. */
    private record Provider(ServiceReference<VPropertyProvider> reference, VPropertyProvider service) {
        boolean serves(String platform) {
            return platform.equals(reference.getProperty(VPropertyProvider.PROVIDER_PROPERTY));
        }
    }

    /** A running agent and what it was started for. */
    private record Hosted(Agent agent, String platform, int domain) {
    }

    private final Config config;
    private final List<Provider> providers = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<ConfigurationFault> faults;

    // Guarded by this.
    private final Map<ServiceReference<NativeShutdown>, Hosted> agents = new HashMap<>();
    /** Agents start once every reference is bound: SCR binds them one by one before {@link #start()}. */
    private boolean started;
    private boolean stopped;

    /** Checks the timings once, so that a malformed configuration is one line, not one per agent. */
    @Activate
    public HostedAgents(Config config) {
        try {
            ShutdownAgent.Settings.of(0, config.safety_reread_ms(), config.native_timeout_ms());
        } catch (IllegalArgumentException e) {
            String message = "Configuration " + PID + " refused, no hosted agent starts: " + e.getMessage();
            LOG.error("{}", message);
            throw new IllegalArgumentException(message);
        }
        this.config = config;
    }

    @Reference(name = "providers", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeProvider")
    void addProvider(VPropertyProvider provider, ServiceReference<VPropertyProvider> reference) {
        providers.add(new Provider(reference, provider));
        recheckAll();
    }

    void removeProvider(ServiceReference<VPropertyProvider> reference) {
        providers.removeIf(p -> p.reference().equals(reference));
        recheckAll();
    }

    @Reference(name = "hosted", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = FILTER, unbind = "removeHosted")
    void addHosted(NativeShutdown nativeShutdown, ServiceReference<NativeShutdown> reference) {
        if (!(reference.getProperty(VPropertyProvider.PROVIDER_PROPERTY) instanceof String platform)
                || platform.isBlank()) {
            LOG.error("No agent for {}: it names no platform ({})", nativeShutdown.description(),
                    VPropertyProvider.PROVIDER_PROPERTY);
            return;
        }
        int domain;
        try {
            domain = domainId(reference.getProperty(NativeShutdown.DOMAIN_PROPERTY));
        } catch (InvalidValueException e) {
            LOG.error("No agent for {} of platform {}: {}: {}", nativeShutdown.description(), platform,
                    NativeShutdown.DOMAIN_PROPERTY, e.getMessage());
            return;
        }
        synchronized (this) {
            if (stopped) {
                return;
            }
            if (agents.values().stream().anyMatch(h -> h.platform().equals(platform) && h.domain() == domain)) {
                LOG.error("No second agent for domain {} of platform {}: one already acts for it, two would act "
                        + "twice on one request ({} is left without one)", domain, platform,
                        nativeShutdown.description());
                return;
            }
            Agent agent = ShutdownAgent.Settings.of(domain, config.safety_reread_ms(), config.native_timeout_ms())
                    .agent(() -> providerOf(platform), () -> nativeShutdown, () -> Faults.line(faults));
            agents.put(reference, new Hosted(agent, platform, domain));
            if (started) {
                agent.start();
            }
        }
        LOG.info("Hosted agent for domain {} started: {}, on the vproperties of platform {}", domain,
                nativeShutdown.description(), platform);
    }

    void removeHosted(ServiceReference<NativeShutdown> reference) {
        Hosted hosted;
        synchronized (this) {
            hosted = agents.remove(reference);
        }
        if (hosted != null) {
            // outside the lock: closing waits, bounded, for a check in progress
            hosted.agent().close();
        }
    }

    /** Starts the agents bound so far, now that their providers are bound too. */
    @Activate
    void start() {
        synchronized (this) {
            started = true;
            agents.values().forEach(h -> h.agent().start());
        }
    }

    @Deactivate
    void stop() {
        List<Hosted> left;
        synchronized (this) {
            stopped = true;
            left = new ArrayList<>(agents.values());
            agents.clear();
        }
        left.forEach(h -> h.agent().close());
    }

    /** The highest-ranked vproperty provider of a platform, or null: read once per check. */
    private VPropertyProvider providerOf(String platform) {
        return providers.stream().filter(p -> p.serves(platform))
                .max(Comparator.comparing(Provider::reference)).map(Provider::service).orElse(null);
    }

    /** A provider that came or went is no notification: the agents look at once instead of at their re-read. */
    private void recheckAll() {
        List<Hosted> current;
        synchronized (this) {
            current = started ? new ArrayList<>(agents.values()) : List.of();
        }
        current.forEach(h -> h.agent().recheck());
    }

    /** The domain a native shutdown names: an unsigned integer, as a number or as its decimal text. */
    static int domainId(Object raw) throws InvalidValueException {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
            long id = ((Number) raw).longValue();
            if (id < 0 || id > Integer.MAX_VALUE) {
                throw new InvalidValueException("domain id " + id + " is out of range");
            }
            return (int) id;
        }
        if (raw instanceof String text) {
            return Values.parseDomainId(text);
        }
        throw new InvalidValueException(raw == null ? "missing"
                : "a " + raw.getClass().getSimpleName() + " is not a domain id");
    }
}
