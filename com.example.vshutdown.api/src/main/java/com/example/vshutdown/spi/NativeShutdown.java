package com.example.vshutdown.spi;

import java.io.IOException;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The local domain's own shutdown and reboot (the "native" commands of 004). On the master it
 * takes the whole machine down, so it is called only at the end of a system-wide shutdown that
 * the rules allow to complete. It is a service so that tests and simulations bind their own.
 *
 * <h2>A native command that outlives its bound</h2>
 * A provider that runs an OS command ({@code systemctl poweroff}, Android's {@code reboot -p},
 * QNX's {@code shutdown -S system}) runs it with a bound, and the policy is the same in every
 * provider:
 * <ul>
 * <li>The command ends with status 0 within the bound: the shutdown has started; the call returns.
 * Whatever the command left running is left alone.</li>
 * <li>It ends with another status: the call throws an {@link IOException} (a
 * {@link ShutdownVetoedException} where the command's own words say that the guest refused),
 * naming the command and its status and quoting what it printed, bounded and on one line.</li>
 * <li>It is still running at the bound, or the caller is interrupted: the command is
 * <b>stopped</b> — SIGTERM to its whole process tree (the process and every descendant, taken
 * before any is signalled), then SIGKILL to whatever is left after a short grace — and the call
 * throws an {@link IOException} ({@link java.io.InterruptedIOException} when interrupted) saying
 * that it did not finish within the bound and was stopped, with what it printed so far.</li>
 * </ul>
 * Why stop it rather than leave it running: once the call has reported a failure, the command must
 * not take the domain down later. The master has told the operator that the shutdown failed, or
 * the shutdown was cancelled, and cancel means cancel; an agent has written {@code failed} and the
 * master may retry, which must not start a second command beside a stale one. A command that hangs
 * before it has done anything (a {@code systemctl} waiting for a logind that does not answer) must
 * be reported, and leaving it would only defer its effect to a moment nobody chose. Commands that
 * do the shutdown themselves or never return once it has started are not harmed by the policy,
 * because the bound is meant to exceed the time a command takes to <em>start</em> a shutdown, not
 * the shutdown: QNX's {@code shutdown} slays every process, the caller's JVM among the first, long
 * before the bound; Android's {@code reboot} only waits forever after it has set
 * {@code sys.powerctl}, which init acts on whatever becomes of that process. One still running at
 * the bound is stuck, and stopping it is what an operator would do.
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
