package com.example.vshutdown.master.internal;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.util.promise.Promise;
import org.osgi.util.promise.PromiseFactory;
import org.osgi.util.promise.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.api.DomainInfo;
import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ProviderUnavailableException;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.api.ShutdownRefusedException;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.master.internal.machine.Claim;
import com.example.vshutdown.master.internal.machine.Machine;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * The master's coordinator, free of OSGi so that it can be stepped in tests on a manual scheduler.
 * It admits one shutdown at a time: the gate holds the run in progress from admission until its
 * result is published. Each run plans and writes on the caller's thread and waits on the
 * coordinator's own serial executor ({@link Scheduling}), which has no thread while idle.
 */
public final class Coordinator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);
    /** How long {@link #run} waits for a shutdown it cancelled to end. */
    private static final Duration CANCEL_GRACE = Duration.ofSeconds(10);

    private final Bindings bindings;
    private final Scheduling scheduling;
    private final RunContext context;
    private final Optional<String> misconfiguration;
    private final Machine machine;
    private final boolean resume;
    /** The run admitted, from admission until its result is published. */
    private final AtomicReference<ShutdownRun> gate = new AtomicReference<>();
    /** Set once a resume has looked for a record (on the serial executor): a service resumes at most once. */
    private boolean resumeLooked;

    /**
     * A coordinator with the default policy (every request at once) and threads of its own (see
     * {@link Scheduling#ownThreads()}); {@link #close()} ends them.
     */
    public Coordinator(Bindings bindings, int masterDomain, Timing timing) {
        this(bindings, MasterSettings.of(masterDomain, timing, Policy.defaults(masterDomain)));
    }

    /** A coordinator with these settings and threads of its own; {@link #close()} ends them. */
    public Coordinator(Bindings bindings, MasterSettings settings) {
        this(bindings, settings, Scheduling.ownThreads());
    }

    Coordinator(Bindings bindings, MasterSettings settings, Scheduling scheduling) {
        this(bindings, settings, scheduling, settings.machine().machine());
    }

    /** @param machine the machine-wide lock and shutdown record of a platform that is not simulated */
    Coordinator(Bindings bindings, MasterSettings settings, Scheduling scheduling, Machine machine) {
        this.bindings = bindings;
        this.scheduling = scheduling;
        this.machine = machine;
        this.resume = settings.machine().resume();
        this.misconfiguration = settings.problem();
        PromiseFactory internal = new PromiseFactory(scheduling.serial(), scheduling.serial());
        this.context = new RunContext(bindings, settings.masterDomain(), settings.timing(), settings.policy(),
                scheduling, internal, new PromiseFactory(scheduling.delivery(), scheduling.serial()),
                new EventDelivery(bindings::listeners, scheduling.delivery(), internal));
    }

    public int masterDomain() {
        return context.masterDomain();
    }

    /** Where this master locks the machine and records a shutdown (on a platform that is not simulated). */
    public Machine machine() {
        return machine;
    }

    public Promise<ShutdownResult> submit(ShutdownRequest request) throws ShutdownException {
        return start(request).result();
    }

    /**
     * Runs a shutdown and waits for its result; an interrupt cancels this shutdown (a no-op once it
     * ended) and then waits, bounded, for its result, restoring the interrupt status. A caller that
     * is interrupted already (a Ctrl-C came before it got here) starts nothing: its writes would be
     * torn off one by one (a file channel closes under an interrupted writer), leaving some domains
     * asked and others not, for a shutdown that was cancelled before it began.
     *
     * @throws ShutdownException with {@link ExitStatus#CANCELLED} when the caller is interrupted on
     *         entry; its interrupt status is kept
     */
    public ShutdownResult run(ShutdownRequest request) throws ShutdownException {
        if (Thread.currentThread().isInterrupted()) {
            throw new ShutdownException(ExitStatus.CANCELLED, "cancelled before it started: the caller was "
                    + "interrupted (a Ctrl-C came first); nothing was asked");
        }
        ShutdownRun own = start(request);
        Promise<ShutdownResult> promise = own.result();
        try {
            return value(promise);
        } catch (InterruptedException e) {
            // its own shutdown only: the gate may already hold the next one, started by another caller
            own.cancel();
            try {
                return awaitCancelled(promise);
            } finally {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Admits a shutdown: one at a time in this process (the gate), then one at a time on the
     * machine (the claim: the lock, and no shutdown left recorded), then the run plans and writes.
     */
    private ShutdownRun start(ShutdownRequest request) throws ShutdownException {
        VPropertyProvider provider = platform();
        // only an early refusal: the master's step takes the native shutdown bound when it comes
        if (request.isSystemWide() && !request.slavesOnly() && bindings.nativeShutdown().isEmpty()) {
            throw new ProviderUnavailableException("no native shutdown service is available: "
                    + "the master could not shut itself down, so nothing was started");
        }
        boolean simulated = bindings.simulated(provider);
        ShutdownRun run = new ShutdownRun(request, context, context.policy().order(), simulated, this::ended);
        ShutdownRun running = gate.compareAndExchange(null, run);
        if (running != null) {
            throw new ShutdownRefusedException("refused: a shutdown is already in progress (" + running.request() + ")");
        }
        Claim claim = null;
        try {
            claim = simulated ? Claim.inProcess() : machine.claimForNew();
            run.start(provider, claim);
        } catch (Throwable e) {
            if (claim != null) {
                claim.close(false);
            }
            gate.compareAndSet(run, null);
            throw e;
        }
        return run;
    }

    private void ended(ShutdownRun run) {
        gate.compareAndSet(run, null);
    }

    /**
     * A master that runs as a service (its {@code resume} setting) resumes the shutdown that a master
     * left recorded on this machine: once, as soon as a provider of a real platform is bound. Queued
     * on the serial executor, never run on the caller's thread (a DS bind).
     */
    public void resumeRecorded() {
        if (resume) {
            try {
                scheduling.serial().execute(this::lookForRecord);
            } catch (RejectedExecutionException e) {
                LOG.debug("The coordinator is closed; nothing is resumed", e);
            }
        }
    }

    private void lookForRecord() {
        Optional<VPropertyProvider> provider = bindings.provider();
        if (resumeLooked || provider.isEmpty() || gate.get() != null || bindings.simulated(provider.get())) {
            // looked already, or nothing to resume with yet (a simulated platform keeps no record, and a
            // real provider may bind after it): the next bind of a provider looks again
            return;
        }
        resumeLooked = true;
        try {
            new Resumption(context, machine, gate, this::ended).resume(platform());
        } catch (ShutdownException e) {
            LOG.error("The recorded shutdown is not resumed: {}", e.getMessage());
        }
    }

    /**
     * {@code vshutdown --cancel}: the shutdown in progress here is cancelled and awaited; else the one
     * recorded on this machine by a master that is gone is withdrawn.
     */
    public Optional<ShutdownResult> withdraw() throws ShutdownException {
        ShutdownRun running = gate.get();
        if (running != null) {
            running.cancel();
            return Optional.of(awaitCancelled(running.result()));
        }
        VPropertyProvider provider = platform();
        if (bindings.simulated(provider)) {
            return Optional.empty();
        }
        return new Resumption(context, machine, gate, this::ended).withdraw(provider);
    }

    /** Waits for a cancelled shutdown to end, bounded; further interrupts cannot shorten it. */
    private static ShutdownResult awaitCancelled(Promise<ShutdownResult> promise) throws ShutdownException {
        Promise<ShutdownResult> bounded = promise.timeout(CANCEL_GRACE.toMillis());
        while (true) {
            try {
                return value(bounded);
            } catch (InterruptedException again) {
                // keep waiting: the caller's interrupt status is restored by run()
            }
        }
    }

    private static ShutdownResult value(Promise<ShutdownResult> promise)
            throws InterruptedException, ShutdownException {
        try {
            return promise.getValue();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof TimeoutException) {
                throw new ShutdownException(ExitStatus.ERROR, "the shutdown did not end "
                        + CANCEL_GRACE.toSeconds() + " s after being cancelled");
            }
            throw new ShutdownException(ExitStatus.ERROR, "the shutdown failed: " + e.getCause(), e.getCause());
        }
    }

    /** Tells a shutdown in progress that the bound provider changed, so that it looks at once. */
    public void providerChanged() {
        ShutdownRun run = gate.get();
        if (run != null) {
            run.wake();
        }
    }

    /** Cancels the shutdown in progress, if any. */
    public boolean cancel() {
        ShutdownRun run = gate.get();
        if (run == null) {
            return false;
        }
        run.cancel();
        return true;
    }

    public Optional<ShutdownRequest> current() {
        return Optional.ofNullable(gate.get()).map(ShutdownRun::request);
    }

    public List<DomainInfo> domains() throws ShutdownException {
        VPropertyProvider provider = platform();
        List<DomainInfo> domains;
        try {
            domains = new DomainReader(provider, context.masterDomain()).all();
        } catch (IOException e) {
            throw new ProviderUnavailableException("the vproperties could not be read (" + provider.description()
                    + "): " + e.getMessage(), e);
        }
        boolean simulated = bindings.simulated(provider);
        return context.policy().describe(domains).stream().map(d -> d.onSimulatedPlatform(simulated)).toList();
    }

    /** Cancels a shutdown in progress and lets the coordinator's threads end. */
    @Override
    public void close() {
        if (cancel()) {
            LOG.warn("The coordinator is closed during a shutdown: the shutdown is cancelled");
        }
        scheduling.shutdown();
    }

    /**
     * The provider to work with. While a setting of the master is malformed, or any provider
     * reports a configuration fault, nothing that needs the platform runs, whatever is bound: an
     * operator who ordered the shutdown never gets an unordered one, and a lower-ranked provider (a
     * simulator) must never silently serve in place of one an operator configured.
     */
    private VPropertyProvider platform() throws ShutdownException {
        if (misconfiguration.isPresent()) {
            throw Policy.misconfigured(misconfiguration.get());
        }
        Optional<String> fault = bindings.configurationFault();
        if (fault.isPresent()) {
            throw new ShutdownException(ExitStatus.BAD_INPUT, "the platform is misconfigured: " + fault.get());
        }
        return bindings.provider().orElseThrow(() -> new ProviderUnavailableException(
                "no vproperty provider is available: no platform provider (or simulator) is running"));
    }
}
