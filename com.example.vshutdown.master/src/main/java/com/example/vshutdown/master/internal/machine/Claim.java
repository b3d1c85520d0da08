package com.example.vshutdown.master.internal.machine;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.master.internal.machine.IntentRecord.Asked;

/**
 * One shutdown's hold on the machine, from before its first request is written to its end,
 * withdrawals included: the machine-wide lock, and the record of its intent, kept up to date as
 * requests are written. {@link #inProcess()} is the claim of a simulated platform: the lock is the
 * coordinator's own one-at-a-time gate and nothing is recorded. Confined to the thread the
 * shutdown is on at the time, as the rest of its state.
 */
public final class Claim {
    private static final Logger LOG = LoggerFactory.getLogger(Claim.class);

    private final Machine machine;
    private final MachineLock lock;
    private final Optional<IntentRecord> found;
    private IntentRecord record;
    private boolean ended;

    Claim(Machine machine, MachineLock lock, Optional<IntentRecord> found) {
        this.machine = machine;
        this.lock = lock;
        this.found = found;
        this.record = found.orElse(null);
    }

    /** The claim on a simulated platform: process-local, nothing recorded. */
    public static Claim inProcess() {
        return new Claim(null, null, Optional.empty());
    }

    /** Whether this claim holds the machine-wide lock (and keeps a record), rather than the process's alone. */
    public boolean machineWide() {
        return lock != null;
    }

    /** The record a master left under way, found when the machine was claimed. */
    public Optional<IntentRecord> recorded() {
        return found;
    }

    /** Whether the record found was written in an earlier boot of the machine. */
    public boolean ofAnotherBoot() {
        return found.isPresent() && BootId.another(found.get().boot(), machine.boot());
    }

    public Instant now() {
        return machine == null ? Instant.now() : machine.now();
    }

    /**
     * Records the intent of a new shutdown, before its first request is written.
     *
     * @param stopOrder the stop order it runs with, as {@code stop.order} writes it
     * @throws ShutdownException with exit status 4 when it cannot be recorded: then it must not begin
     */
    public void begin(ShutdownRequest request, String stopOrder, Instant started) throws ShutdownException {
        if (!machineWide()) {
            return;
        }
        IntentRecord intent = new IntentRecord(machine.pid(), machine.boot(), started, request, stopOrder, List.of());
        try {
            save(intent);
        } catch (IOException e) {
            throw new ShutdownException(ExitStatus.ERROR, "the shutdown cannot be recorded in "
                    + machine.store().file() + " (" + Problems.describe(e) + "): nothing was asked; set "
                    + "vshutdown.state.dir to a directory this user may write");
        }
    }

    /**
     * Takes over the record found: this process coordinates it from now on.
     *
     * @throws ShutdownException with exit status 4 when the record cannot be rewritten: then it is
     *         not resumed
     */
    public void resume() throws ShutdownException {
        if (machineWide() && record != null) {
            try {
                save(record.coordinatedBy(machine.pid()));
            } catch (IOException e) {
                throw new ShutdownException(ExitStatus.ERROR, "the shutdown record " + machine.store().file()
                        + " cannot be taken over (" + Problems.describe(e) + "): it is not resumed");
            }
        }
    }

    /**
     * Records requests before they are written, so that no request can stand on the platform
     * without the record of it; one recorded but never written (the master died in between) no
     * longer matches its domain's {@code requested}, and whoever follows leaves it alone.
     *
     * @throws IOException when the record cannot be updated: then the requests must not be written
     */
    public void asking(List<Asked> asked) throws IOException {
        if (machineWide() && !ended && record != null) {
            save(record.with(asked));
        }
    }

    /**
     * The shutdown has done what it was to do to the slaves, and the master's own step follows: the
     * record goes now, since a process killed by that step could not remove it, and the next master
     * must not take the machine down a second time.
     */
    public void fulfilled() {
        if (machineWide() && !ended) {
            ended = true;
            remove();
        }
    }

    /**
     * Ends the claim: removes the record unless it is to be kept, and releases the lock.
     *
     * @param keepRecord keep the record for whoever comes next (a shutdown that failed unexpectedly,
     *        whose requests may still stand)
     */
    public void close(boolean keepRecord) {
        if (!machineWide()) {
            return;
        }
        try {
            if (!keepRecord && !ended) {
                ended = true;
                remove();
            }
        } finally {
            lock.close();
        }
    }

    private void save(IntentRecord next) throws IOException {
        machine.store().write(next);
        record = next;
    }

    private void remove() {
        try {
            machine.store().remove();
        } catch (IOException e) {
            // the next master reports it, naming it; nothing else to do here
            LOG.error("The record of the ended shutdown could not be removed: {}", Problems.describe(e));
        }
    }
}
