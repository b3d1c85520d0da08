package com.example.vshutdown.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.osgi.util.promise.Promise;

/**
 * Coordinates the shutdown or reboot of slave domains and, for a system-wide request, of the
 * whole machine. One shutdown runs at a time.
 */
@ProviderType
public interface ShutdownService {
    /**
     * Starts a shutdown. Requests are validated and written before this returns; the promise
     * resolves when every involved domain acknowledged, the time-out passed, or the shutdown was
     * cancelled, and the result says which.
     *
     * @throws InvalidRequestException if the target is not a domain, is invalid, or is stopped and
     *         asked to reboot; nothing was written
     * @throws ShutdownRefusedException if a shutdown is already in progress
     * @throws ProviderUnavailableException if no vproperty provider is available
     * @throws ShutdownException with {@link ExitStatus#BAD_INPUT} ("the platform is misconfigured: ...")
     *         while any provider reports a {@code ConfigurationFault}, whatever provider is bound
     */
    Promise<ShutdownResult> submit(ShutdownRequest request) throws ShutdownException;

    /**
     * Runs a shutdown and waits for its result. Interrupting the waiting thread cancels this
     * shutdown, exactly as a time-out without force (and never another caller's shutdown that
     * started after this one ended); its result is returned and the thread's interrupt status is
     * set again. A thread that is interrupted already when it calls this starts nothing: it gets a
     * {@link ShutdownException} with {@link ExitStatus#CANCELLED} and keeps its interrupt status.
     */
    ShutdownResult run(ShutdownRequest request) throws ShutdownException;

    /**
     * Cancels the shutdown in progress, if any, as a time-out without force would: the master is
     * not shut down, and every request that no agent has picked up is withdrawn (see
     * {@link Withdrawal}); the result says which were and which could not be.
     *
     * @return whether a shutdown was in progress
     */
    boolean cancel();

    /**
     * What {@code vshutdown --cancel} does: cancels the shutdown in progress in this master as
     * {@link #cancel()} does and waits for its end; or, where none is, withdraws the shutdown
     * recorded on this machine by a master that did not end it (it was killed, or its machine lost
     * power): every request of the record that no agent has picked up is withdrawn, as a cancel
     * withdraws (see {@link Withdrawal}), and the record is removed. A simulated platform keeps no
     * record, so there only a shutdown in progress is cancelled.
     *
     * @return the result of what was cancelled; empty when nothing was running or recorded
     * @throws ShutdownRefusedException if the recorded shutdown is still coordinated by another
     *         process on this machine (that process holds the machine-wide lock): cancel it there
     * @throws ShutdownException with {@link ExitStatus#ERROR} when the record cannot be read or is
     *         corrupt (it is left in place, never guessed at), or the machine-wide lock cannot be taken;
     *         as {@link #submit} when the platform is misconfigured or unavailable
     */
    Optional<ShutdownResult> withdraw() throws ShutdownException;

    /** The request of the shutdown in progress, if one is. */
    Optional<ShutdownRequest> current();

    /**
     * Every domain the platform exposes, the master's own included, ordered by id.
     *
     * @throws ShutdownException as {@link #submit} does when the platform is misconfigured or unavailable
     */
    List<DomainInfo> domains() throws ShutdownException;

    /** The id of the master's own domain, which is never asked to shut down. */
    int masterDomain();
}
