package com.example.vshutdown.master.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;

import org.osgi.util.promise.Deferred;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.PromiseFactory;
import org.osgi.util.promise.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.api.ParticipantOutcome;
import com.example.vshutdown.api.ParticipantOutcome.Status;
import com.example.vshutdown.api.ShutdownEvent.Type;
import com.example.vshutdown.api.ShutdownParticipant.Preparation;
import com.example.vshutdown.master.internal.Bindings.Participant;

/**
 * Calls the {@link com.example.vshutdown.api.ShutdownParticipant}s before the master's step, as
 * their contract states: one after another in ranking order, each on the delivery executor (a
 * participant that blocks holds its own thread, never the run's), each bounded by
 * {@code participant.max.ms} on the run's clock. Whatever one does, the next is called and the
 * shutdown goes on; nobody vetoes.
 */
final class Participants {
    private static final Logger LOG = LoggerFactory.getLogger(Participants.class);

    private final List<Participant> participants;
    private final Preparation preparation;
    private final Executor delivery;
    private final PromiseFactory internal;
    private final Progress progress;
    private final LongSupplier nanoTime;
    /** Filled on the run's thread as each ends; read when the run ends, maybe half-way. */
    private final List<ParticipantOutcome> outcomes = new CopyOnWriteArrayList<>();
    private final List<Participant> called = new CopyOnWriteArrayList<>();
    /** Set when the shutdown ended: the participants not called yet are never called. */
    private volatile boolean ended;

    /**
     * @param internal the run's promises: callbacks and time-outs on its serial executor
     * @param delivery where participants are called, off the run's thread
     */
    Participants(List<Participant> participants, Preparation preparation, Executor delivery, PromiseFactory internal,
            Progress progress, LongSupplier nanoTime) {
        this.participants = List.copyOf(participants);
        this.preparation = preparation;
        this.delivery = delivery;
        this.internal = internal;
        this.progress = progress;
        this.nanoTime = nanoTime;
    }

    boolean isEmpty() {
        return participants.isEmpty();
    }

    /** Calls every participant in turn; resolves, on the run's thread, once the last is ready or given up on. */
    Promise<List<ParticipantOutcome>> prepare() {
        progress.general(Type.PARTICIPANT, List.of(), PolicyText.participantsCalled(participants.size(),
                preparation.masterAction()));
        Promise<Void> chain = internal.resolved(null);
        for (Participant participant : participants) {
            chain = chain.flatMap(done -> ended ? internal.resolved(null) : call(participant).map(outcome -> {
                outcomes.add(outcome);
                return null;
            }));
        }
        return chain.map(done -> outcomes());
    }

    /** The participants that ended their preparation so far, in the order they were called. */
    List<ParticipantOutcome> outcomes() {
        return new ArrayList<>(outcomes);
    }

    /**
     * Tells every participant called so far that the master stays up, each on a thread of its own;
     * the ones not called yet never are.
     */
    void cancelled(String reason) {
        ended = true;
        for (Participant participant : called) {
            deliver(() -> {
                try {
                    participant.service().cancelled(preparation, reason);
                } catch (Throwable t) {
                    LOG.warn("Shutdown participant {} failed when told that the shutdown was cancelled",
                            participant.name(), t);
                }
            }, participant);
        }
    }

    private Promise<ParticipantOutcome> call(Participant participant) {
        long start = nanoTime.getAsLong();
        called.add(participant);
        progress.general(Type.PARTICIPANT, List.of(), PolicyText.participantCalled(participant.name(),
                preparation.masterAction(), preparation.maxWait()));
        Deferred<Object> ready = internal.deferred();
        deliver(() -> {
            try {
                Promise<?> promise = participant.service().prepare(preparation);
                if (promise == null) {
                    ready.resolve(null);
                } else {
                    ready.resolveWith(promise);
                }
            } catch (Throwable t) {
                ready.fail(new Threw(t));
            }
        }, participant);
        return ready.getPromise().timeout(preparation.maxWait().toMillis())
                .map(value -> ended(participant, start, Status.READY, ""))
                .recover(failed -> ended(participant, start, failure(failed.getFailure()), detail(failed.getFailure())));
    }

    private ParticipantOutcome ended(Participant participant, long start, Status status, String detail) {
        Duration took = Duration.ofNanos(nanoTime.getAsLong() - start);
        ParticipantOutcome outcome = new ParticipantOutcome(participant.name(), status, Optional.of(took),
                detail);
        progress.general(Type.PARTICIPANT, List.of(), PolicyText.participantEnded(outcome, preparation.maxWait()));
        return outcome;
    }

    private static Status failure(Throwable failure) {
        return failure instanceof TimeoutException ? Status.TIMED_OUT : Status.FAILED;
    }

    private static String detail(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return "";
        }
        Throwable cause = failure instanceof Threw threw ? threw.getCause() : failure;
        String what = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return (failure instanceof Threw ? "threw " : "its promise failed: ") + what;
    }

    private void deliver(Runnable call, Participant participant) {
        try {
            delivery.execute(call);
        } catch (RejectedExecutionException e) {
            // the master is stopping: the run ends with it, and the participant is given up on at its bound
            LOG.debug("Shutdown participant {} is not called: the master is stopping", participant.name());
        }
    }

    /** What {@code prepare} threw, told apart from a promise that failed. */
    private static final class Threw extends Exception {
        private static final long serialVersionUID = 1L;

        Threw(Throwable cause) {
            super(cause);
        }
    }
}
