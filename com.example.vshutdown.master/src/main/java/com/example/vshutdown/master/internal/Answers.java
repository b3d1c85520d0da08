package com.example.vshutdown.master.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.api.DomainInfo;
import com.example.vshutdown.api.DomainState;
import com.example.vshutdown.api.DomainOutcome.Status;
import com.example.vshutdown.api.ShutdownEvent.Type;
import com.example.vshutdown.master.internal.Tracks.Ask;
import com.example.vshutdown.protocol.Counters;
import com.example.vshutdown.protocol.InvalidValueException;

/**
 * One look at the domains a shutdown waits for: each running counter is read and classified by
 * {@link Counters#answer}, and what answered is settled in the run's tracks.
 */
final class Answers {
    private static final Logger LOG = LoggerFactory.getLogger(Answers.class);

    private final Tracks tracks;
    private final Progress progress;
    private final Asker asker;
    private final LongSupplier nanoTime;

    Answers(Tracks tracks, Progress progress, Asker asker, LongSupplier nanoTime) {
        this.tracks = tracks;
        this.progress = progress;
        this.asker = asker;
        this.nanoTime = nanoTime;
    }

    void check(DomainReader reader) {
        for (Ask ask : tracks.pending()) {
            if (!ask.written()) {
                continue;
            }
            OptionalLong running;
            try {
                running = reader.running(ask.id());
            } catch (IOException | RuntimeException e) {
                LOG.warn("Reading the running counter of domain {} failed; will retry: {}", ask.id(), e.getMessage());
                LOG.debug("Read failure", e);
                continue;
            } catch (InvalidValueException e) {
                // a malformed counter is never taken for a stopped domain; the diagnosis names it
                continue;
            }
            if (running.isEmpty()) {
                gone(ask);
                continue;
            }
            switch (Counters.answer(ask.value(), running.getAsLong())) {
                case ACKNOWLEDGED -> acknowledged(ask, running.getAsLong());
                case CAME_BACK_UP -> cameBackUp(reader, ask, running.getAsLong());
                case PENDING -> { }
            }
        }
    }

    /** Its running counter disappeared: the domain was destroyed; nothing is left to wait for. */
    private void gone(Ask ask) {
        tracks.settle(ask.outcome(Status.GONE, Optional.empty(), TextFormat.GONE_REASON));
        progress.domain(Type.GONE, ask.id(), OptionalLong.empty(), tracks.pendingIds(),
                TextFormat.gone(ask.id(), tracks.pendingIds()));
    }

    /** Asked to shut down, it went down and runs again: asked again, within the same wait. */
    private void cameBackUp(DomainReader reader, Ask ask, long running) {
        progress.domain(Type.CAME_BACK_UP, ask.id(), OptionalLong.of(running), tracks.pendingIds(),
                TextFormat.cameBackUp(ask.id(), running, ask.value()));
        Optional<Plan.Target> again;
        try {
            Optional<DomainInfo> domain = reader.read(ask.id());
            if (domain.isEmpty() || domain.get().state() != DomainState.RUNNING) {
                return; // it moved on since: the next look sees where it is
            }
            again = Plan.target(reader, domain.get(), false);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Reading domain {} to ask it again failed; will retry: {}", ask.id(), e.getMessage());
            return;
        }
        if (again.isPresent()) {
            asker.ask(reader.provider(), again.get(), OptionalLong.of(ask.askedAtNanos()), ask.group());
        } else {
            asker.cannotAsk(ask, running, Plan.noRoom(running));
        }
    }

    private void acknowledged(Ask ask, long running) {
        Duration took = Duration.ofNanos(nanoTime.getAsLong() - ask.askedAtNanos());
        tracks.settle(ask.outcome(Status.ACKNOWLEDGED, Optional.of(took), ""));
        progress.domain(Type.ACKNOWLEDGED, ask.id(), OptionalLong.of(running), tracks.pendingIds(),
                TextFormat.acknowledged(ask.id(), took, tracks.pendingIds()));
    }
}
