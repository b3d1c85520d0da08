package com.example.vshutdown.master.internal.machine;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.api.ShutdownRefusedException;

/**
 * The machine a master coordinates, as far as other processes on it are concerned (DESIGN.md "One
 * master per machine, and an intent that survives a crash"): one coordinator at a time across
 * processes, through the lock in the run directory, and the record in the state directory of the
 * shutdown it runs. A shutdown claims the machine before it writes anything and keeps the claim to
 * its end; a simulated platform is not the machine and claims only {@link Claim#inProcess()}.
 */
public final class Machine {
    private final Path runDir;
    private final IntentStore store;
    private final long pid;
    private final Supplier<Instant> clock;
    private final String boot;

    /**
     * @param clock the wall clock records and deadlines are stamped with
     * @param boot which boot of the machine this is ({@link BootId})
     */
    public Machine(Path runDir, Path stateDir, long pid, Supplier<Instant> clock, String boot) {
        this.runDir = runDir;
        this.store = new IntentStore(stateDir);
        this.pid = pid;
        this.clock = clock;
        this.boot = boot;
    }

    /** This process on this machine. */
    public static Machine of(Path runDir, Path stateDir) {
        return new Machine(runDir, stateDir, ProcessHandle.current().pid(), Instant::now, BootId.current());
    }

    public Instant now() {
        return clock.get();
    }

    long pid() {
        return pid;
    }

    String boot() {
        return boot;
    }

    IntentStore store() {
        return store;
    }

    /**
     * Claims the machine for a new shutdown of this process: the lock, and no record of a shutdown
     * that a master left under way.
     *
     * @throws ShutdownRefusedException when another process holds the lock, or a record is left: it
     *         is reported (when, by whom) and must be withdrawn first ({@code vshutdown --cancel})
     * @throws ShutdownException with exit status 4 when the lock cannot be taken or the record read
     */
    public Claim claimForNew() throws ShutdownException {
        Claim claim = claimRecorded();
        Optional<IntentRecord> left = claim.recorded();
        if (left.isPresent()) {
            claim.close(true);
            throw new ShutdownRefusedException("refused: a shutdown recorded on this machine did not end: "
                    + left.get().describe() + ", whose master is gone"
                    + (claim.ofAnotherBoot() ? " (it was recorded before the machine last started)" : "")
                    + "; 'vshutdown --cancel' withdraws the requests of it that no agent picked up");
        }
        return claim;
    }

    /**
     * Claims the machine and reads the record of a shutdown that a master left under way, if there
     * is one: to resume it, or to withdraw it.
     *
     * @throws ShutdownRefusedException when another process holds the lock: that one runs it
     * @throws ShutdownException with exit status 4 when the lock cannot be taken, or the record
     *         cannot be read or is corrupt (then it is left as it is)
     */
    public Claim claimRecorded() throws ShutdownException {
        MachineLock lock = MachineLock.acquire(runDir, pid);
        try {
            return new Claim(this, lock, store.read());
        } catch (ShutdownException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "machine (lock in " + runDir + ", record in " + store.file() + ")";
    }
}
