package com.example.vshutdown.master.internal;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.master.internal.machine.Claim;
import com.example.vshutdown.master.internal.machine.IntentRecord;
import com.example.vshutdown.master.internal.machine.Machine;
import com.example.vshutdown.spi.VPropertyProvider;
import com.example.vshutdown.support.offer.MalformedSettingException;

/**
 * What becomes of a shutdown that a master left recorded on the machine (DESIGN.md "an intent that
 * survives a crash"): a master that starts as a service resumes it until its original deadline and
 * ends it as it was asked, participants and the master's own step included; {@code vshutdown
 * --cancel} withdraws it. Either claims the machine first, so that a process that still runs it
 * keeps it. A record of an earlier boot is not resumed: its machine went down since, whatever it
 * asked ended with it, and the hypervisor counts afresh; it is withdrawn (which finds nothing of it
 * standing, normally) and the log says so.
 */
final class Resumption {
    private static final Logger LOG = LoggerFactory.getLogger(Resumption.class);

    private final RunContext context;
    private final Machine machine;
    private final AtomicReference<ShutdownRun> gate;
    private final Consumer<ShutdownRun> ended;

    /**
     * @param gate the coordinator's one-at-a-time gate, which a resumed run holds as any other
     * @param ended what the run calls when it ends (the coordinator opens its gate)
     */
    Resumption(RunContext context, Machine machine, AtomicReference<ShutdownRun> gate, Consumer<ShutdownRun> ended) {
        this.context = context;
        this.machine = machine;
        this.gate = gate;
        this.ended = ended;
    }

    /**
     * Resumes the recorded shutdown, if there is one; its live lines and result go to the listeners
     * and the log.
     *
     * @throws ShutdownException when the machine cannot be claimed (another process runs the
     *         shutdown, or the record is unreadable or corrupt) or the run cannot be taken over
     */
    void resume(VPropertyProvider provider) throws ShutdownException {
        Claim claim = machine.claimRecorded();
        if (claim.recorded().isEmpty()) {
            claim.close(false);
            return;
        }
        IntentRecord record = claim.recorded().get();
        if (claim.ofAnotherBoot()) {
            ShutdownResult withdrawn = withdraw(provider, claim, record);
            LOG.warn("Not resumed, as it was recorded before the machine last started: {}; {}", record.describe(),
                    withdrawn.message());
            return;
        }
        ShutdownRun run;
        try {
            StopOrder order = StopOrder.parse(record.stopOrder(), "stop.order", context.masterDomain());
            run = new ShutdownRun(record.request(), context, order, false, ended);
        } catch (MalformedSettingException e) {
            claim.close(true);
            throw new ShutdownException(ExitStatus.ERROR, "the shutdown record " + machine + " is corrupt ("
                    + e.getMessage() + "): it was left as it is");
        }
        if (!gate.compareAndSet(null, run)) {
            claim.close(true);
            LOG.warn("The recorded shutdown is not resumed: another shutdown started in this master first");
            return;
        }
        try {
            run.resume(provider, claim, record);
        } catch (ShutdownException | RuntimeException | Error e) {
            claim.close(true);
            gate.compareAndSet(run, null);
            throw e;
        }
        LOG.warn("Resuming the shutdown recorded on this machine: {}", record.describe());
        run.result().onSuccess(result -> TextFormat.summary(result).forEach(line -> LOG.warn("Resumed: {}", line)));
    }

    /**
     * Withdraws the recorded shutdown, if there is one, and removes its record.
     *
     * @throws ShutdownException when the machine cannot be claimed: another process runs it (3), or
     *         the record is unreadable or corrupt (4), and then nothing is withdrawn
     */
    Optional<ShutdownResult> withdraw(VPropertyProvider provider) throws ShutdownException {
        Claim claim = machine.claimRecorded();
        if (claim.recorded().isEmpty()) {
            claim.close(false);
            return Optional.empty();
        }
        return Optional.of(withdraw(provider, claim, claim.recorded().get()));
    }

    private ShutdownResult withdraw(VPropertyProvider provider, Claim claim, IntentRecord record) {
        ShutdownResult result;
        try {
            result = new RecordedWithdrawal(context, provider).withdraw(record, claim.now());
        } catch (RuntimeException | Error e) {
            claim.close(true);
            throw e;
        }
        claim.close(false);
        return result;
    }
}
