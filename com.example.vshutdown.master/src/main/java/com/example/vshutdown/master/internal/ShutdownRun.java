package com.example.vshutdown.master.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.osgi.util.promise.Deferred;
import org.osgi.util.promise.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.api.ProviderUnavailableException;
import com.example.vshutdown.api.ShutdownEvent.Type;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.api.ShutdownParticipant.Preparation;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.WaitEnd;
import com.example.vshutdown.master.internal.machine.Claim;
import com.example.vshutdown.master.internal.machine.IntentRecord;
import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * One shutdown, as a sequence of phases over the state in {@link Tracks}: plan and ask the first
 * group (on the caller's thread, so bad input is refused before anything changes and every request
 * of a group is written before any wait), wait (on the coordinator's serial executor, woken by
 * change notifications, with a slow safety re-read, each domain bounded as {@link Bounds} says),
 * ask each next group the moment the one before it is done, let the participants prepare, then
 * end ({@link Ending}) and hand the outcome over. After the hand-off every step runs on the serial
 * executor, one at a time, so the run's state needs no locks; other threads only queue work for it.
 */
final class ShutdownRun {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownRun.class);

    private final ShutdownRequest request;
    private final RunContext context;
    private final StopOrder order;
    private final boolean simulated;
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
    private Bounds bounds;
    private Claim claim;
    private final DeadlineTimer deadline;
    private final ProviderGrace grace;

    // only on the serial executor
    private Deferred<WaitEnd> answered;
    private String endWhy;
    private boolean waiting;
    private boolean completed;
    private boolean prepared;
    private boolean preparing;
    private Participants participants;
    private final List<Future<?>> timers = new ArrayList<>();

    /**
     * @param order the stop order it runs with: the master's, or a recorded shutdown's own
     * @param simulated whether it runs on a simulated platform, which every output says
     * @param release frees the coordinator's one-at-a-time gate; called once, before the result is published
     */
    ShutdownRun(ShutdownRequest request, RunContext context, StopOrder order, boolean simulated,
            Consumer<ShutdownRun> release) {
        this.request = request;
        this.context = context;
        this.order = order;
        this.simulated = simulated;
        this.release = release;
        this.result = context.results().deferred();
        this.progress = new Progress(request, context.events(), context.nanoTime());
        this.deadline = new DeadlineTimer(context.serial(), context.nanoTime(), () -> guarded(this::deadlinePassed));
        this.grace = new ProviderGrace(context.serial(), context.policy().providerGrace(), progress,
                () -> guarded(this::check));
    }

    ShutdownRequest request() {
        return request;
    }

    Promise<ShutdownResult> result() {
        return result.getPromise();
    }

    /**
     * Plans from one reading, records the intent, subscribes to change notifications, reports the
     * plan and writes the requests of the first group (or the one request of a selective shutdown),
     * on the caller's thread; then queues the wait.
     *
     * @param claim the machine, claimed for this shutdown until it ends
     * @throws ShutdownException for bad input, a misconfigured time-out, an unreadable platform or
     *         an intent that cannot be recorded; nothing was written then
     */
    void start(VPropertyProvider provider, Claim claim) throws ShutdownException {
        this.claim = claim;
        Opening opening = opening();
        bounds = opening.plan(provider, claim, order);
        subscribe(provider);
        begin(() -> opening.ask(asker(), groups()));
    }

    /**
     * Takes over a shutdown that a master left recorded, on the serial executor: its requests that
     * still stand are awaited from when they were written, its deadline is the recorded one, and it
     * goes on (next groups, re-check, participants, the master's step) and ends as it was asked.
     *
     * @param claim the machine, claimed with the record found
     * @throws ShutdownException when the platform cannot be read, or the record cannot be taken over
     */
    void resume(VPropertyProvider provider, Claim claim, IntentRecord record) throws ShutdownException {
        this.claim = claim;
        Opening opening = opening();
        bounds = opening.resume(provider, claim, record);
        subscribe(provider);
        begin(() -> opening.takeOver(record, asker(), bounds));
    }

    private Opening opening() {
        return new Opening(request, context, simulated, tracks, progress, watched);
    }

    /** A first step that may refuse, before the wait begins. */
    @FunctionalInterface
    private interface FirstStep {
        void run() throws ShutdownException;
    }

    /** Takes the first step, then queues the wait; a step that fails ends the subscription. */
    private void begin(FirstStep first) throws ShutdownException {
        try {
            first.run();
            execute(this::awaitAnswers);
        } catch (ShutdownException | RuntimeException | Error e) {
            link.close();
            throw e;
        }
    }

    /** Subscribed before the first write, so that no acknowledgement can slip by unnoticed. */
    private void subscribe(VPropertyProvider provider) throws ProviderUnavailableException {
        try {
            link = new ProviderLink(context.bindings()::provider, provider, this::changed);
        } catch (RuntimeException e) {
            throw new ProviderUnavailableException("change notifications are unavailable: " + e.getMessage(), e);
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
        long safety = context.timing().safetyReread().toNanos();
        long every = context.timing().progressInterval().toNanos();
        timers.add(context.serial().scheduleWithFixedDelay(() -> guarded(this::check), safety, safety,
                TimeUnit.NANOSECONDS));
        timers.add(context.serial().scheduleWithFixedDelay(() -> guarded(this::reportStillWaiting), every, every,
                TimeUnit.NANOSECONDS));
        check();
        if (cancelRequested) {
            endWait(WaitEnd.CANCELLED);
        }
        answered.getPromise().onSuccess(how -> guarded(() -> waitEnded(how))).onFailure(this::failed);
    }

    /** One look, through the provider bound now: who answered, and, when nobody is pending, what comes next. */
    private void check() {
        if (!waiting) {
            return;
        }
        Optional<VPropertyProvider> provider = link.current();
        if (provider.isEmpty()) {
            if (grace.lost(link.last().description(), tracks.pendingIds())) {
                endWait(WaitEnd.PROVIDER_LOST);
            }
            return;
        }
        grace.found(provider.get().description(), tracks.pendingIds());
        DomainReader reader = new DomainReader(provider.get(), context.masterDomain());
        new Answers(tracks, progress, asker(), context.nanoTime()).check(reader);
        if (tracks.nothingLeftToAwait()) {
            nothingPending(reader);
        }
        if (waiting) {
            deadline.arm(expiry().next());
        }
    }

    /**
     * Nobody is pending who could answer: the next group, a re-check, the participants, or the end.
     * A system-wide shutdown under force hard-stops a domain whose request could not be written and
     * goes on; otherwise such a domain ends the wait, as it can never answer.
     */
    private void nothingPending(DomainReader reader) {
        if (!tracks.pendingIds().isEmpty()) {
            if (!request.force() || !request.isSystemWide()) {
                endWait(WaitEnd.REQUEST_NOT_WRITTEN);
                return;
            }
            expiry().force(reader.provider(), tracks.pending(), TextFormat.why(WaitEnd.REQUEST_NOT_WRITTEN, request),
                    WaitEnd.REQUEST_NOT_WRITTEN);
        }
        if (!request.isSystemWide()) {
            endWait(WaitEnd.ANSWERED);
        } else if (!preparing && !groups().askWhoeverRuns(reader)) {
            if (prepared) {
                endWait(WaitEnd.ANSWERED);
            } else {
                prepareParticipants();
            }
        }
    }

    /** Every slave is down: the participants prepare, then the last re-check comes before the master's step. */
    private void prepareParticipants() {
        prepared = true;
        List<Bindings.Participant> registered = context.bindings().participants();
        if (registered.isEmpty()) {
            endWait(WaitEnd.ANSWERED);
            return;
        }
        preparing = true;
        participants = new Participants(registered, new Preparation(request, Ending.masterAction(request),
                context.policy().participantMax()),
                context.scheduling().delivery(), context.internal(), progress, context.nanoTime());
        participants.prepare().onResolve(() -> guarded(() -> {
            preparing = false;
            check();
        }));
    }

    /** A bound passed: the wait ends, or, forced, goes on without the domains hard-stopped. */
    private void deadlinePassed() {
        if (!waiting) {
            return;
        }
        Optional<VPropertyProvider> provider = link.current();
        if (provider.isEmpty()) {
            // nothing can be judged, forced or withdrawn without a provider, and the grace ends with the bound
            endWait(WaitEnd.PROVIDER_LOST);
            return;
        }
        Optional<String> ends = expiry().passed(provider.get());
        if (ends.isPresent()) {
            endWait(WaitEnd.TIMED_OUT, ends.get());
        } else {
            check();
        }
    }

    private void endWait(WaitEnd end) {
        endWait(end, switch (end) {
            case PROVIDER_LOST -> PolicyText.providerLost(grace.grace());
            case CANCELLED -> tracks.pendingIds().isEmpty() && request.isSystemWide()
                    ? TextFormat.cancelledBeforeMaster(request) : TextFormat.why(end, request);
            default -> TextFormat.why(end, request);
        });
    }

    /** Ends the wait at once: no later check changes what the ending is decided from. */
    private void endWait(WaitEnd end, String why) {
        if (waiting) {
            waiting = false;
            endWhy = why;
            answered.resolve(end);
        }
    }

    private void reportStillWaiting() {
        if (waiting && !grace.waiting()) {
            progress.stillWaiting(tracks, link.last());
        }
    }

    private void waitEnded(WaitEnd end) {
        waiting = false;
        stopTimers();
        Optional<VPropertyProvider> usable = end == WaitEnd.PROVIDER_LOST || grace.waiting() ? Optional.empty()
                : Optional.of(link.last());
        ShutdownResult outcome = new Ending(request, tracks, progress, context.nanoTime(),
                context.bindings()::nativeShutdown, participants == null ? List.of() : participants.outcomes(),
                claim::fulfilled).finish(end, usable, endWhy).onSimulatedPlatform(simulated);
        if (participants != null && !outcome.succeeded()) {
            participants.cancelled(outcome.message());
        }
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

    /**
     * Publishes the end once: the subscription ends, the record goes (unless the run failed: its
     * requests may still stand) and the machine is free again, the gate opens, then the result is
     * resolved.
     */
    private void complete(ShutdownResult outcome, Throwable failure) {
        if (completed) {
            return;
        }
        completed = true;
        try {
            link.close();
            claim.close(failure != null);
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
        deadline.stop();
        grace.stop();
        watched.clear();
    }

    private Asker asker() {
        return new Asker(tracks, progress, watched, context.nanoTime(), bounds, claim);
    }

    private Expiry expiry() {
        return new Expiry(request, tracks, progress, bounds, context.nanoTime());
    }

    private Groups groups() {
        return new Groups(tracks, progress, asker(), order);
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
