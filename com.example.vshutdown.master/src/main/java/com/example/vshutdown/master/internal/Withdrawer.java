package com.example.vshutdown.master.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.api.ShutdownEvent.Type;
import com.example.vshutdown.api.Withdrawal;
import com.example.vshutdown.api.Withdrawal.Result;
import com.example.vshutdown.master.internal.Tracks.Ask;
import com.example.vshutdown.protocol.AgentStatus;
import com.example.vshutdown.protocol.Counters;
import com.example.vshutdown.protocol.InvalidValueException;
import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * Takes back the requests of a shutdown that ended without them, so that an agent that starts
 * later (a guest waking up, a delayed agent) does not take its domain down long after the
 * operator cancelled. A request that an agent has picked up is left as it is: the domain may
 * still go down, and the operator is told so. {@code blocked} and {@code failed} mean the agent
 * is finished with it, so those are withdrawn too. Only a request that still stands is taken
 * back: one whose domain's {@code requested} no longer holds it (a value recorded by a master that
 * died before writing it, or a platform that started afresh) is not this shutdown's to touch.
 */
final class Withdrawer {
    private static final Logger LOG = LoggerFactory.getLogger(Withdrawer.class);

    private final Progress progress;

    Withdrawer(Progress progress) {
        this.progress = progress;
    }

    /**
     * @param provider the provider to write through; empty when none is left, and then nothing is
     *        written and each request is reported as not withdrawn
     */
    List<Withdrawal> withdraw(Optional<VPropertyProvider> provider, Collection<Ask> asks) {
        List<Withdrawal> withdrawals = new ArrayList<>();
        for (Ask ask : asks) {
            if (!ask.written()) {
                continue;
            }
            Optional<Withdrawal> withdrawal = provider.isEmpty()
                    ? Optional.of(notWritten(ask, "the vproperty provider is gone"))
                    : withdraw(new DomainReader(provider.get(), -1), ask);
            withdrawal.ifPresent(w -> {
                withdrawals.add(w);
                progress.domain(Type.WITHDRAWN, w.domain(), w.requestedNow(), List.of(), TextFormat.withdrawal(w));
            });
        }
        return withdrawals;
    }

    /** Empty when there is nothing to take back: the request is no longer ahead of the counter. */
    private Optional<Withdrawal> withdraw(DomainReader reader, Ask ask) {
        int id = ask.id();
        try {
            OptionalLong running = reader.running(id);
            if (running.isEmpty()) {
                return Optional.of(notWritten(ask, "its running counter is gone"));
            }
            // answered (or passed) since the master last looked, or no longer this shutdown's: nothing to take back
            if (!Counters.isNewRequest(ask.value(), running.getAsLong()) || !stands(reader, ask)) {
                return Optional.empty();
            }
            Optional<String> pickedUp = pickedUp(reader, ask);
            if (pickedUp.isPresent()) {
                return Optional.of(new Withdrawal(id, ask.value(), Result.ALREADY_PICKED_UP, OptionalLong.empty(),
                        "agent status '" + pickedUp.get() + "'"));
            }
            try {
                reader.provider().write(VProperties.requested(id), Long.toString(running.getAsLong()));
            } catch (IOException | RuntimeException e) {
                LOG.warn("Withdrawing the request of domain {} failed", id, e);
                return Optional.of(notWritten(ask, "could not be written: " + e.getMessage()));
            }
            // an agent that read the request an instant before the write may have picked it up after all
            Result result = pickedUp(reader, ask).isPresent() ? Result.WITHDRAWN_TOO_LATE : Result.WITHDRAWN;
            return Optional.of(new Withdrawal(id, ask.value(), result, running, ""));
        } catch (InvalidValueException e) {
            return Optional.of(notWritten(ask, "running " + e.getMessage()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Reading domain {} to withdraw its request failed", id, e);
            return Optional.of(notWritten(ask, "its vproperties could not be read: " + e.getMessage()));
        }
    }

    /** Whether the domain's {@code requested} still holds this request; a malformed one holds none. */
    private static boolean stands(DomainReader reader, Ask ask) throws IOException {
        try {
            return reader.requested(ask.id()).equals(OptionalLong.of(ask.value()));
        } catch (InvalidValueException e) {
            return false;
        }
    }

    /** The agent's status if it says this very request was picked up, and nothing more of it yet. */
    private static Optional<String> pickedUp(DomainReader reader, Ask ask) throws IOException {
        Optional<String> raw = reader.status(ask.id());
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            AgentStatus status = AgentStatus.parse(raw.get());
            return status.state() == AgentStatus.State.PICKED_UP && status.requested() == ask.value()
                    ? Optional.of(status.format()) : Optional.empty();
        } catch (InvalidValueException e) {
            // an unreadable status is no record of this request
            return Optional.empty();
        }
    }

    private static Withdrawal notWritten(Ask ask, String why) {
        return new Withdrawal(ask.id(), ask.value(), Result.NOT_WRITTEN, OptionalLong.empty(), why);
    }
}
