package com.example.vshutdown.master.internal;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.osgi.util.promise.Deferred;
import org.osgi.util.promise.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.api.DomainInfo;
import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ProviderUnavailableException;
import com.example.vshutdown.api.ShutdownEvent;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.api.ShutdownRefusedException;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * The master's coordinator, free of OSGi so that it can be tested against a fake provider. It
 * admits one shutdown at a time, plans and writes it on the caller's thread (so bad input is
 * refused before anything changes), and waits for it on a thread of its own.
 *
 * <p>Providers are read from the suppliers once per operation: once to plan and write a shutdown,
 * then once per check of its wait, so that a wait follows a provider that is swapped under it.
 */
public final class Coordinator {
    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);
    private static final Duration CANCEL_GRACE = Duration.ofSeconds(10);

    private final Supplier<Optional<VPropertyProvider>> providers;
    private final Supplier<Optional<NativeShutdown>> nativeShutdowns;
    private final Supplier<Optional<String>> configurationFault;
    private final Consumer<ShutdownEvent> events;
    private final int masterDomain;
    private final Timing timing;
    /** The request admitted, from admission until its result; the gate of one shutdown at a time. */
    private final AtomicReference<ShutdownRequest> busy = new AtomicReference<>();
    private volatile ShutdownRun current;

    public Coordinator(Supplier<Optional<VPropertyProvider>> providers,
            Supplier<Optional<NativeShutdown>> nativeShutdowns, Supplier<Optional<String>> configurationFault,
            Consumer<ShutdownEvent> events, int masterDomain, Duration safetyReread, Duration progressInterval) {
        this.providers = providers;
        this.nativeShutdowns = nativeShutdowns;
        this.configurationFault = configurationFault;
        this.events = events;
        this.masterDomain = masterDomain;
        this.timing = new Timing(safetyReread, progressInterval);
    }

    public int masterDomain() {
        return masterDomain;
    }

    public Promise<ShutdownResult> submit(ShutdownRequest request) throws ShutdownException {
        VPropertyProvider provider = provider();
        Optional<NativeShutdown> nativeShutdown = nativeShutdowns.get();
        if (request.isSystemWide() && nativeShutdown.isEmpty()) {
            throw new ProviderUnavailableException("no native shutdown service is available: "
                    + "the master could not shut itself down, so nothing was started");
        }
        if (!busy.compareAndSet(null, request)) {
            throw new ShutdownRefusedException("refused: a shutdown is already in progress ("
                    + Optional.ofNullable(busy.get()).map(Object::toString).orElse("just finishing") + ")");
        }
        try {
            return start(request, provider, nativeShutdown);
        } catch (ShutdownException | RuntimeException e) {
            busy.set(null);
            throw e;
        }
    }

    private Promise<ShutdownResult> start(ShutdownRequest request, VPropertyProvider provider,
            Optional<NativeShutdown> nativeShutdown) throws ShutdownException {
        DomainReader reader = new DomainReader(provider, masterDomain);
        Plan plan;
        try {
            plan = Plan.of(request, reader, masterDomain);
        } catch (IOException e) {
            throw new ProviderUnavailableException("the vproperties could not be read (" + provider.description()
                    + "): " + e.getMessage(), e);
        }
        ShutdownRun run;
        try {
            run = new ShutdownRun(request, providers, provider, masterDomain, new Progress(request, events), timing,
                    plan);
        } catch (RuntimeException e) {
            throw new ProviderUnavailableException("change notifications are unavailable: " + e.getMessage(), e);
        }
        current = run;
        try {
            run.writeRequests();
        } catch (RuntimeException e) {
            current = null;
            run.close();
            throw e;
        }
        Deferred<ShutdownResult> deferred = new Deferred<>();
        Thread waiter = new Thread(() -> {
            ShutdownResult result = null;
            Throwable failure = null;
            try {
                result = run.awaitAndFinish(new Completion(nativeShutdown));
            } catch (RuntimeException | Error e) {
                LOG.error("The shutdown failed unexpectedly", e);
                failure = e;
            } finally {
                // released before the result is published, so that whoever sees it may start the next one
                run.close();
                current = null;
                busy.set(null);
            }
            if (failure == null) {
                deferred.resolve(result);
            } else {
                deferred.fail(failure);
            }
        }, "vshutdown-coordinator");
        waiter.setDaemon(true);
        waiter.start();
        return deferred.getPromise();
    }

    public ShutdownResult run(ShutdownRequest request) throws ShutdownException {
        Promise<ShutdownResult> promise = submit(request);
        try {
            return value(promise);
        } catch (InterruptedException e) {
            cancel();
            try {
                return awaitCancelled(promise);
            } finally {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits, bounded, for a cancelled shutdown to end; further interrupts cannot shorten it. */
    private static ShutdownResult awaitCancelled(Promise<ShutdownResult> promise) throws ShutdownException {
        CountDownLatch done = new CountDownLatch(1);
        promise.onResolve(done::countDown);
        long deadline = System.nanoTime() + CANCEL_GRACE.toNanos();
        while (done.getCount() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new ShutdownException(ExitStatus.ERROR, "the shutdown did not end "
                        + CANCEL_GRACE.toSeconds() + " s after being cancelled");
            }
            try {
                done.await(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException again) {
                // keep waiting: the caller's interrupt status is restored by run()
            }
        }
        try {
            return value(promise);
        } catch (InterruptedException e) {
            throw new IllegalStateException("a resolved promise blocked", e);
        }
    }

    private static ShutdownResult value(Promise<ShutdownResult> promise) throws InterruptedException, ShutdownException {
        try {
            return promise.getValue();
        } catch (InvocationTargetException e) {
            throw new ShutdownException(ExitStatus.ERROR, "the shutdown failed: " + e.getCause(), e.getCause());
        }
    }

    /** Tells a shutdown in progress that the bound provider changed, so that it looks at once. */
    public void providerChanged() {
        ShutdownRun run = current;
        if (run != null) {
            run.wake();
        }
    }

    public boolean cancel() {
        // read first: once signalled, the run may end and release the gate before we look again
        boolean inProgress = busy.get() != null;
        ShutdownRun run = current;
        if (run != null) {
            run.cancel();
        }
        return inProgress;
    }

    public Optional<ShutdownRequest> current() {
        return Optional.ofNullable(busy.get());
    }

    public List<DomainInfo> domains() throws ShutdownException {
        VPropertyProvider provider = provider();
        try {
            return new DomainReader(provider, masterDomain).all();
        } catch (IOException e) {
            throw new ProviderUnavailableException("the vproperties could not be read (" + provider.description()
                    + "): " + e.getMessage(), e);
        }
    }

    private VPropertyProvider provider() throws ShutdownException {
        Optional<VPropertyProvider> provider = providers.get();
        if (provider.isPresent()) {
            return provider.get();
        }
        Optional<String> fault = configurationFault.get();
        if (fault.isPresent()) {
            throw new ShutdownException(ExitStatus.BAD_INPUT, "the platform is misconfigured: " + fault.get());
        }
        throw new ProviderUnavailableException("no vproperty provider is available: "
                + "no platform provider (or simulator) is running");
    }
}
