package com.example.vshutdown.master.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.api.DomainOutcome;
import com.example.vshutdown.api.DomainOutcome.Status;
import com.example.vshutdown.api.ShutdownEvent.Type;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.master.internal.Tracks.Ask;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * Force, the last resort of 000: each domain that did not acknowledge within its bound is
 * hard-stopped where the platform can, and the live output says so plainly. A domain the platform
 * cannot stop, or whose hard stop fails, is reported as still running.
 */
final class HardStops {
    private static final Logger LOG = LoggerFactory.getLogger(HardStops.class);

    private final ShutdownRequest request;
    private final Progress progress;
    private final LongSupplier nanoTime;

    HardStops(ShutdownRequest request, Progress progress, LongSupplier nanoTime) {
        this.request = request;
        this.progress = progress;
        this.nanoTime = nanoTime;
    }

    /**
     * @param missing each domain to stop with the reason it did not acknowledge, in domain order
     * @return the outcome of each: {@link Status#HARD_STOPPED}, or {@link Status#NOT_ACKNOWLEDGED}
     *         when it still runs
     */
    Map<Integer, DomainOutcome> apply(VPropertyProvider provider, List<Ask> asks, Map<Integer, String> missing) {
        Map<Integer, DomainOutcome> outcomes = new TreeMap<>();
        for (Ask ask : asks) {
            int id = ask.id();
            String reason = missing.get(id);
            if (reason == null) {
                continue;
            }
            if (!provider.canHardStop()) {
                outcomes.put(id, ask.outcome(Status.NOT_ACKNOWLEDGED, Optional.empty(),
                        TextFormat.noHardStopReason(reason)));
                progress.domain(Type.HARD_STOP, id, OptionalLong.empty(), List.of(), TextFormat.cannotHardStop(id));
                continue;
            }
            try {
                provider.hardStop(id);
                // a hard stop pulls the power; nothing on the platform starts the domain again
                boolean notRestarted = !request.isSystemWide() && request.reboot();
                outcomes.put(id, ask.outcome(Status.HARD_STOPPED,
                        Optional.of(Duration.ofNanos(nanoTime.getAsLong() - ask.askedAtNanos())),
                        TextFormat.hardStoppedReason(reason, notRestarted)));
                progress.domain(Type.HARD_STOP, id, OptionalLong.empty(), List.of(),
                        TextFormat.hardStopped(id, reason, notRestarted));
            } catch (IOException | RuntimeException e) {
                LOG.warn("Hard stop of domain {} failed", id, e);
                outcomes.put(id, ask.outcome(Status.NOT_ACKNOWLEDGED, Optional.empty(),
                        TextFormat.hardStopFailedReason(reason, e.getMessage())));
                progress.domain(Type.HARD_STOP, id, OptionalLong.empty(), List.of(),
                        TextFormat.hardStopFailed(id, e.getMessage()));
            }
        }
        return outcomes;
    }
}
