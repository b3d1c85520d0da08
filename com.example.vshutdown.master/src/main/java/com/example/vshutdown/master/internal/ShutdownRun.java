package com.example.vshutdown.master.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.osgi.util.promise.Deferred;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.api.DomainOutcome;
import com.example.vshutdown.api.ProviderUnavailableException;
import com.example.vshutdown.api.ShutdownEvent.Type;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.WaitEnd;
import com.example.vshutdown.master.internal.Tracks.Ask;
import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * One shutdown, as a sequence of phases over the state in {@link Tracks}: plan and ask (on the
 * caller's thread, so bad input is refused before anything changes and every request is written
 * before any wait), wait (on the coordinator's serial executor, woken by change notifications,
 * with a slow safety re-read, bounded by the request's deadline), then end ({@link Ending}) and
 * hand the outcome over. After the hand-off every step runs on the serial executor, one at a
 * time, so the run's state needs no locks; other threads only queue work for it.
 */
final class ShutdownRun {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownRun.class);

    private final ShutdownRequest request;
    private final RunContext context;
    private final Consumer<ShutdownRun> release;
    private final Deferred<ShutdownResult> result;
    private final Progress progress;
    private final Tracks tracks = new Tracks();
    /** Domains whose named notifications wake the wait; read by providers' threads. */
    private final Set<Integer> watched = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean checkQueued = new AtomicBoolean();
    private volatile boolean cancelRequested;

    // written on the caller's thread before the wait is queued, then only on the serial executor
    private ProviderLink link;
    private long waitStartNanos;

    // only on the serial executor
    private Deferred<WaitEnd> answered;
    private boolean waiting;
    private boolean completed;
    private final List<Future<?>> timers = new ArrayList<>();

    /** @param release frees the coordinator's one-at-a-time gate; called once, before the result is published */
    ShutdownRun(ShutdownRequest request, RunContext context, Consumer<ShutdownRun> release) {
        this.request = request;
        this.context = context;
        this.release = release;
        this.result = context.results().deferred();
        this.progress = new Progress(request, context.events(), context.nanoTime());
    }

    ShutdownRequest request() {
        return request;
    }

    Promise<ShutdownResult> result() {
        return result.getPromise();
    }

    /**
     * Plans from one reading, subscribes to change notifications, reports the plan and writes every
     * request, on the caller's thread; then queues the wait.
     *
     * @throws ShutdownException for bad input or an unreadable platform; nothing was written then
     */
    void start(VPropertyProvider provider) throws ShutdownException {
        Plan plan;
        try {
            plan = Plan.of(request, new DomainReader(provider, context.masterDomain()), context.masterDomain());
        } catch (IOException e) {
            throw new ProviderUnavailableException("the vproperties could not be read (" + provider.description()
                    + "): " + e.getMessage(), e);
        }
        try {
            // subscribed before the first write, so that no acknowledgement can slip by unnoticed
            link = new ProviderLink(context.bindings()::provider, provider, this::changed);
        } catch (RuntimeException e) {
            throw new ProviderUnavailableException("change notifications are unavailable: " + e.getMessage(), e);
        }
        try {
            progress.general(Type.STARTED, plan.targets().stream().map(Plan.Target::id).toList(),
                    TextFormat.started(request, plan.targets().size()));
            for (DomainOutcome skipped : plan.skipped()) {
                tracks.settle(skipped);
                progress.domain(Type.SKIPPED, skipped.id(), OptionalLong.empty(), List.of(), TextFormat.skipped(skipped));
            }
            Asker asker = asker();
            plan.targets().forEach(target -> asker.ask(provider, target, OptionalLong.empty()));
            waitStartNanos = context.nanoTime().getAsLong();
            execute(this::awaitAnswers);
        } catch (RuntimeException | Error e) {
            link.close();
            throw e;
        }
    }

    /** Any thread: cancels the wait; the run then ends as cancelled, whatever -f says. */
    void cancel() {
        cancelRequested = true;
        execute(() -> endWait(WaitEnd.CANCELLED));
    }

    /** Any thread: look again soon, e.g. because the bound provider changed. */
    void wake() {
        if (checkQueued.compareAndSet(false, true)) {
            execute(() -> {
                checkQueued.set(false);
                check();
            });
        }
    }

    /** A provider's thread: a notification is a hint; one about an awaited domain wakes the wait. */
    private void changed(Optional<String> name) {
        if (name.isPresent()) {
            OptionalInt id = VProperties.domainOfRunning(name.get());
            if (id.isEmpty() || !watched.contains(id.getAsInt())) {
                return;
            }
        }
        wake();
    }

    private void awaitAnswers() {
        waiting = true;
        answered = context.internal().deferred();
        check();
        if (cancelRequested) {
            endWait(WaitEnd.CANCELLED);
        }
        Promise<WaitEnd> end = answered.getPromise();
        if (!end.isDone()) {
            long safety = context.timing().safetyReread().toNanos();
            long every = context.timing().progressInterval().toNanos();
            timers.add(context.serial().scheduleWithFixedDelay(() -> guarded(this::check), safety, safety,
                    TimeUnit.NANOSECONDS));
            timers.add(context.serial().scheduleWithFixedDelay(() -> guarded(this::reportStillWaiting), every, every,
                    TimeUnit.NANOSECONDS));
            if (request.timeout().isPresent()) {
                long left = waitStartNanos + request.timeout().get().toNanos() - context.nanoTime().getAsLong();
                if (left <= 0) {
                    endWait(WaitEnd.TIMED_OUT);
                } else {
                    end = end.timeout(TimeUnit.NANOSECONDS.toMillis(left + 999_999))
                            .recover(timedOut -> WaitEnd.TIMED_OUT, TimeoutException.class);
                }
            }
        }
        end.onSuccess(how -> guarded(() -> waitEnded(how))).onFailure(this::failed);
    }

    /** One look at the awaited domains, through the provider bound now. */
    private void check() {
        if (!waiting) {
            return;
        }
        Optional<VPropertyProvider> provider = link.current();
        if (provider.isEmpty()) {
            endWait(WaitEnd.PROVIDER_LOST);
            return;
        }
        DomainReader reader = new DomainReader(provider.get(), context.masterDomain());
        new Answers(tracks, progress, asker(), context.nanoTime()).check(reader);
        if (!tracks.nothingLeftToAwait()) {
            return;
        }
        if (!tracks.pendingIds().isEmpty()) {
            endWait(WaitEnd.REQUEST_NOT_WRITTEN);
        } else if (!request.isSystemWide() || !recheckFindsAnyoneRunning(reader)) {
            endWait(WaitEnd.ANSWERED);
        }
    }

    /** Whether the re-check before the master's command found (and asked) a running slave, or could not look. */
    private boolean recheckFindsAnyoneRunning(DomainReader reader) {
        try {
            boolean asked = new Recheck(tracks, progress, asker()).askWhoeverRuns(reader);
            tracks.recheckFailed(Optional.empty());
            return asked;
        } catch (IOException | RuntimeException e) {
            // the master must not go down on a guess: the safety re-read or a notification tries again
            LOG.warn("The re-check of the slaves before the master's native command failed; will retry: {}",
                    e.getMessage());
            tracks.recheckFailed(Optional.of(e.getMessage()));
            return true;
        }
    }

    /** Ends the wait at once: no later check changes what the ending is decided from. */
    private void endWait(WaitEnd end) {
        if (waiting) {
            waiting = false;
            answered.resolve(end);
        }
    }

    private void reportStillWaiting() {
        if (!waiting) {
            return;
        }
        Map<Integer, String> briefs = new TreeMap<>();
        for (Ask ask : tracks.pending()) {
            briefs.put(ask.id(), Diagnosis.brief(link.last(), ask.id(), ask.value()));
        }
        progress.general(Type.WAITING, tracks.pendingIds(), TextFormat.stillWaiting(briefs));
    }

    private void waitEnded(WaitEnd end) {
        waiting = false;
        stopTimers();
        ShutdownResult outcome = new Ending(request, tracks, progress, context.nanoTime(),
                context.bindings()::nativeShutdown).finish(end, link.last());
        link.close();
        // the result waits for FINISHED to reach every listener, but never longer than the bound
        progress.finished(outcome).timeout(EventDelivery.FINISHED_BOUND.toMillis())
                .onResolve(() -> guarded(() -> complete(outcome, null)));
    }

    private void failed(Throwable failure) {
        LOG.error("The shutdown failed unexpectedly", failure);
        waiting = false;
        stopTimers();
        complete(null, failure);
    }

    /** Publishes the end once: the subscription ends, the gate opens, then the result is resolved. */
    private void complete(ShutdownResult outcome, Throwable failure) {
        if (completed) {
            return;
        }
        completed = true;
        try {
            link.close();
        } finally {
            try {
                release.accept(this);
            } finally {
                if (failure == null) {
                    result.resolve(outcome);
                } else {
                    result.fail(failure);
                }
            }
        }
    }

    private void stopTimers() {
        timers.forEach(timer -> timer.cancel(false));
        timers.clear();
        watched.clear();
    }

    private Asker asker() {
        return new Asker(tracks, progress, watched, context.nanoTime());
    }

    /** Runs a step of the run; whatever escapes it ends the run as failed, with the gate released. */
    private void guarded(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | Error e) {
            failed(e);
        }
    }

    private void execute(Runnable step) {
        try {
            context.serial().execute(() -> guarded(step));
        } catch (RejectedExecutionException e) {
            LOG.debug("The coordinator is closed; a step of the shutdown is dropped", e);
        }
    }
}
