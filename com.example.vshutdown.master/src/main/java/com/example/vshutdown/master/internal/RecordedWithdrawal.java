package com.example.vshutdown.master.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.api.DomainInfo;
import com.example.vshutdown.api.DomainOutcome;
import com.example.vshutdown.api.DomainOutcome.Status;
import com.example.vshutdown.api.DomainState;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.MasterAction;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.api.ShutdownResult.WaitEnd;
import com.example.vshutdown.api.Withdrawal;
import com.example.vshutdown.master.internal.Tracks.Ask;
import com.example.vshutdown.master.internal.machine.IntentRecord;
import com.example.vshutdown.master.internal.machine.IntentRecord.Asked;
import com.example.vshutdown.protocol.Counters;
import com.example.vshutdown.protocol.InvalidValueException;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * The cancel of a shutdown whose master is gone, from its record: each domain it asked is read
 * once, what it did is reported as a cancelled shutdown's outcome would be, and every request of it
 * that still stands and that no agent picked up is withdrawn by the one cancel rule
 * ({@link Withdrawer}). The result is that of a cancelled shutdown; nothing else is written.
 */
final class RecordedWithdrawal {
    private static final Logger LOG = LoggerFactory.getLogger(RecordedWithdrawal.class);

    private final RunContext context;
    private final VPropertyProvider provider;

    RecordedWithdrawal(RunContext context, VPropertyProvider provider) {
        this.context = context;
        this.provider = provider;
    }

    ShutdownResult withdraw(IntentRecord record, Instant now) {
        Progress progress = new Progress(record.request(), context.events(), context.nanoTime());
        DomainReader reader = new DomainReader(provider, context.masterDomain());
        List<DomainOutcome> outcomes = new ArrayList<>();
        List<Ask> standing = new ArrayList<>();
        for (Asked asked : record.asked()) {
            Ask ask = new Ask(asked.domain(), asked.value(), asked.running(), context.nanoTime().getAsLong(),
                    Optional.empty(), asked.group(), Bounds.Bound.NONE);
            DomainOutcome outcome = outcome(reader, ask);
            outcomes.add(outcome);
            if (outcome.status() == Status.NOT_ACKNOWLEDGED) {
                standing.add(ask);
            }
        }
        List<Withdrawal> withdrawals = new Withdrawer(progress).withdraw(Optional.of(provider), standing);
        Duration since = Duration.between(record.started(), now);
        return new ShutdownResult(record.request(), Outcome.CANCELLED, WaitEnd.CANCELLED, outcomes, withdrawals,
                MasterAction.NONE, TextFormat.recordedWithdrawn(record) + TextFormat.withdrawals(withdrawals),
                since.isNegative() ? Duration.ZERO : since, List.of());
    }

    /** What the recorded request did, as far as one reading tells. */
    private DomainOutcome outcome(DomainReader reader, Ask ask) {
        int id = ask.id();
        try {
            Optional<DomainInfo> domain = reader.read(id);
            if (domain.isEmpty()) {
                return ask.outcome(Status.GONE, Optional.empty(), TakeOver.GONE_WHILE_UNWATCHED);
            }
            if (domain.get().state() == DomainState.INVALID) {
                return ask.outcome(Status.INVALID, Optional.empty(), domain.get().problem().orElse("") + "; left alone");
            }
            long running = domain.get().running().getAsLong();
            OptionalLong requested = reader.requested(id);
            if (!requested.equals(OptionalLong.of(ask.value()))) {
                return ask.outcome(Status.NOT_ASKED, Optional.empty(), TextFormat.notStanding(ask.value(), requested));
            }
            return switch (Counters.answer(ask.value(), running)) {
                case ACKNOWLEDGED -> ask.outcome(Status.ACKNOWLEDGED, Optional.empty(), "");
                case CAME_BACK_UP -> ask.outcome(Status.NOT_ACKNOWLEDGED, Optional.empty(),
                        "it went down and came back up (running counter " + running + ")");
                case PENDING -> ask.outcome(Status.NOT_ACKNOWLEDGED, Optional.empty(),
                        Diagnosis.explain(provider, id, ask.value(), ask.runningAtAsk()));
            };
        } catch (InvalidValueException e) {
            return ask.outcome(Status.INVALID, Optional.empty(), "requested " + e.getMessage() + "; left alone");
        } catch (IOException | RuntimeException e) {
            LOG.warn("Reading domain {} of the recorded shutdown failed", id, e);
            return ask.outcome(Status.NOT_ACKNOWLEDGED, Optional.empty(),
                    "its vproperties could not be read: " + e.getMessage());
        }
    }
}
