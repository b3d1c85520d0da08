package com.example.vshutdown.spi;

import java.io.IOException;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The local domain's own shutdown and reboot (the "native" commands of 004). On the master it
 * takes the whole machine down, so it is called only at the end of a system-wide shutdown that
 * the rules allow to complete. It is a service so that tests and simulations bind their own.
 */
@ConsumerType
public interface NativeShutdown {
    /**
     * Service property naming the domain a native shutdown belongs to, where one framework hosts
     * several (a simulated platform runs an agent per slave). A native shutdown without it is the
     * local domain's; the master never binds one that names a domain.
     */
    String DOMAIN_PROPERTY = "vshutdown.domain";

    /**
     * Service property ({@code Boolean.TRUE}) asking the agent bundle to run an agent of its own for
     * the domain this native shutdown names ({@link #DOMAIN_PROPERTY}): set by a platform that hosts
     * its guests' agents itself, as the simulator does. That agent acts on the highest-ranked
     * {@link VPropertyProvider} of the same {@link VPropertyProvider#PROVIDER_PROPERTY} as this
     * service (the platform both belong to), for as long as this service is registered. A production
     * platform does not set it: there a domain's agent is configured explicitly, so that nothing
     * starts an agent by accident.
     */
    String HOSTED_AGENT_PROPERTY = "vshutdown.agent.hosted";

    /** The master's filter: only the local domain's own native shutdown. */
    String LOCAL_ONLY = "(!(" + DOMAIN_PROPERTY + "=*))";

    /** A short human-readable name of what this does, for logs and listings. */
    String description();

    /**
     * Starts the native shutdown; returns once it has been started, or throws if it could not be.
     *
     * @throws ShutdownVetoedException if the guest refuses to go down
     * @throws IOException if the command could not be started or failed
     */
    void shutdown() throws IOException;

    /**
     * Starts the native reboot; returns once it has been started, or throws if it could not be.
     *
     * @throws ShutdownVetoedException if the guest refuses to go down
     * @throws IOException if the command could not be started or failed
     */
    void reboot() throws IOException;
}
