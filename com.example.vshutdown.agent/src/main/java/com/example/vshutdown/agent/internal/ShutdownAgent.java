package com.example.vshutdown.agent.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
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
import com.example.vshutdown.support.offer.MalformedSettingException;
import com.example.vshutdown.support.offer.SettingSource;

/**
 * The shutdown agent as a DS component: one instance per factory configuration, each the agent of
 * the domain its configuration names. It only validates the configuration and wires the services
 * into an {@link Agent}, which does the work.
 *
 * <p>Both references are mandatory, dynamic and greedy. Mandatory: an agent without vproperties or
 * without a native command can do nothing, and an unsatisfied component is what an operator can see
 * and look into (scr:info names the missing reference and its target), where an agent that pretends
 * to run cannot be. It also means the agent starts, and looks at once, as soon as both are there.
 * Dynamic and greedy: a better provider replaces the bound one without a restart, so a shutdown
 * under way is not lost; the agent reads each field once per check.
 *
 * <p>The native shutdown is the local domain's ({@link NativeShutdown#LOCAL_ONLY}) unless the
 * configuration's {@code nativeShutdown.target} says otherwise: a native shutdown that names a domain
 * belongs to that domain's agent. While any {@link ConfigurationFault} is registered the agent acts on
 * nothing (see {@link RequestDecision}).
 */
@Component(name = ShutdownAgent.PID, configurationPid = ShutdownAgent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {}, immediate = true)
@Designate(ocd = ShutdownAgent.Config.class, factory = true)
public final class ShutdownAgent {
    /** The component name and the factory pid of its configurations. */
    public static final String PID = "com.example.vshutdown.agent";

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownAgent.class);

    @ObjectClassDefinition(id = PID, name = "vshutdown shutdown agent",
            description = "The shutdown agent of one slave domain: it runs the domain's native shutdown or "
                    + "reboot once for each new request the master writes. One configuration per domain.")
    public @interface Config {
        @AttributeDefinition(name = "Domain id",
                description = "Id of the domain this agent acts for: an unsigned decimal integer. The agent "
                        + "reads and writes only this domain's vproperties.")
        String domain_id();

        @AttributeDefinition(name = "Safety re-read (ms)", min = "1",
                description = "How often the request is re-read without a change notification, in case one was lost.")
        long safety_reread_ms() default Settings.DEFAULT_SAFETY_REREAD_MS;

        @AttributeDefinition(name = "Native time-out (ms)", min = "1",
                description = "How long the native shutdown or reboot may take to start before it is reported as failed.")
        long native_timeout_ms() default Settings.DEFAULT_NATIVE_TIMEOUT_MS;

        // Read by SCR, not by this class: declared so that configuration tools offer it.
        @AttributeDefinition(name = "Native shutdown filter", required = false,
                description = "LDAP filter choosing the native shutdown service this agent uses, e.g. "
                        + "(vshutdown.domain=3) where one framework hosts agents for several domains. "
                        + "Default: the local domain's own, " + NativeShutdown.LOCAL_ONLY + ".")
        String nativeShutdown_target();

        // Read by SCR, not by this class: declared so that configuration tools offer it.
        @AttributeDefinition(name = "Vproperty provider filter", required = false,
                description = "LDAP filter choosing the vproperty provider this agent uses, e.g. "
                        + "(vshutdown.provider=linux); set from the framework property vshutdown.provider for the "
                        + "agent configured from vshutdown.agent.domain. Default: the highest-ranked provider.")
        String provider_target();
    }

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile VPropertyProvider provider;

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            target = NativeShutdown.LOCAL_ONLY)
    private volatile NativeShutdown nativeShutdown;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<ConfigurationFault> faults;

    private final Agent agent;

    /**
     * Validates the configuration; a bad one is logged in one line and refused, so the component does
     * not start. Nothing runs yet: SCR injects the references only after the constructor returns.
     * Takes the configuration as its properties, not as {@link Config}: SCR's conversion to a typed
     * configuration would truncate {@code 1.5} to 1 and let a key it does not know pass unnoticed.
     */
    @Activate
    public ShutdownAgent(Map<String, Object> properties) {
        Settings settings;
        try {
            settings = Settings.of(properties);
        } catch (IllegalArgumentException e) {
            String message = "Shutdown agent configuration " + configurationName(properties)
                    + " refused, the agent does not start: " + e.getMessage();
            LOG.error("{}", message);
            // no cause: SCR logs what the constructor throws, and the message already says it all
            throw new IllegalArgumentException(message);
        }
        agent = settings.agent(() -> provider, () -> nativeShutdown, () -> Faults.line(faults));
    }

    @Activate
    void start() {
        agent.start();
    }

    @Deactivate
    void stop() {
        agent.close();
    }

    private static Object configurationName(Map<String, Object> properties) {
        Object pid = properties == null ? null : properties.get(Constants.SERVICE_PID);
        return pid == null ? PID : pid;
    }

    /** A configuration that has been checked; never guessed at when it is malformed. */
    record Settings(int domain, Duration safetyReread, Duration nativeTimeout) {
        static final long DEFAULT_SAFETY_REREAD_MS = 5000;
        static final long DEFAULT_NATIVE_TIMEOUT_MS = 30_000;

        /** The longest bound a configuration may give: a year, as the master's. */
        static final long MAX_MS = 365L * 24 * 3600 * 1000;
        static final String DOMAIN_ID = "domain.id";
        static final String SAFETY_REREAD = "safety.reread.ms";
        static final String NATIVE_TIMEOUT = "native.timeout.ms";

        /**
         * Reads a configuration strictly, through the platform's one rule ({@link SettingSource}); the
         * framework properties do not enter here: {@link AgentFromFrameworkProperty} turns them into a
         * configuration.
         */
        static Settings of(Map<String, ?> properties) {
            SettingSource source = new SettingSource(PID, "", properties, key -> null);
            try {
                source.refuseUnknown(Set.of(DOMAIN_ID, SAFETY_REREAD, NATIVE_TIMEOUT)::contains);
                Object id = source.value(DOMAIN_ID);
                if (id == null) {
                    throw new IllegalArgumentException("domain.id is missing");
                }
                int domain;
                try {
                    domain = Values.parseDomainId(id instanceof Integer || id instanceof Long ? id.toString()
                            : id instanceof String text ? text : "");
                } catch (InvalidValueException e) {
                    throw new IllegalArgumentException("domain.id: " + (id instanceof String ? e.getMessage()
                            : "'" + Values.printable(String.valueOf(id)) + "' is not a domain id"));
                }
                return new Settings(domain, source.millis(SAFETY_REREAD, DEFAULT_SAFETY_REREAD_MS, 1, MAX_MS),
                        source.millis(NATIVE_TIMEOUT, DEFAULT_NATIVE_TIMEOUT_MS, 1, MAX_MS));
            } catch (MalformedSettingException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }

        /** Settings of the agent of a domain, with the timings checked as a configuration's are. */
        static Settings of(int domain, long safetyRereadMillis, long nativeTimeoutMillis) {
            return new Settings(domain, positive("safety.reread.ms", safetyRereadMillis),
                    positive("native.timeout.ms", nativeTimeoutMillis));
        }

        /** An agent with these settings on its own check thread, not started yet. */
        Agent agent(Supplier<VPropertyProvider> providers, Supplier<NativeShutdown> natives,
                Supplier<Optional<String>> faults) {
            return new Agent(domain, providers, natives, faults, safetyReread, nativeTimeout,
                    Agent.checkThread(domain));
        }

        private static Duration positive(String name, long millis) {
            if (millis < 1) {
                throw new IllegalArgumentException(name + " must be at least 1 ms, not " + millis);
            }
            return Duration.ofMillis(millis);
        }
    }
}
