package com.example.vshutdown.master.internal;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;

import com.example.vshutdown.api.DomainInfo;
import com.example.vshutdown.api.DomainOutcome;
import com.example.vshutdown.api.DomainState;
import com.example.vshutdown.api.ShutdownEvent.Type;

/**
 * The re-check of a system-wide shutdown, just before the master's native command: every slave is
 * read again, and any that runs without a request of this shutdown ahead of it (stopped or
 * mid-reboot when the plan was made, created since, or started again after acknowledging) is asked
 * to shut down; the wait then goes on, within the same deadline, and the re-check comes again when
 * those have answered. Invalid slaves stay left alone: they never hold the master up.
 */
final class Recheck {
    private final Tracks tracks;
    private final Progress progress;
    private final Asker asker;

    Recheck(Tracks tracks, Progress progress, Asker asker) {
        this.tracks = tracks;
        this.progress = progress;
        this.asker = asker;
    }

    /**
     * @return whether a running slave was found and asked, so the wait goes on
     * @throws IOException if the slaves cannot be read: then nobody can say they are all stopped
     */
    boolean askWhoeverRuns(DomainReader reader) throws IOException {
        boolean asked = false;
        for (DomainInfo domain : reader.all()) {
            if (domain.master() || domain.state() != DomainState.RUNNING) {
                continue;
            }
            Optional<DomainOutcome> before = tracks.settled(domain.id());
            long running = domain.running().getAsLong();
            Optional<Plan.Target> target = Plan.target(reader, domain, false);
            if (target.isEmpty()) {
                tracks.settle(new DomainOutcome(domain.id(), DomainOutcome.Status.INVALID, OptionalLong.empty(),
                        Optional.empty(), Plan.noRoom(running) + "; left alone"));
                continue;
            }
            if (before.isPresent() && before.get().status() == DomainOutcome.Status.ACKNOWLEDGED) {
                long value = before.get().requested().getAsLong();
                progress.domain(Type.CAME_BACK_UP, domain.id(), OptionalLong.of(running), tracks.pendingIds(),
                        TextFormat.cameBackUp(domain.id(), running, value));
            } else {
                progress.domain(Type.RECHECK, domain.id(), OptionalLong.of(running), tracks.pendingIds(),
                        TextFormat.recheck(domain.id(), before.map(DomainOutcome::status)));
            }
            asker.ask(reader.provider(), target.get(), OptionalLong.empty());
            asked = true;
        }
        return asked;
    }
}
