package com.example.vshutdown.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.example.vshutdown.dist.VshutdownJar.Run;
import com.example.vshutdown.dist.VshutdownJar.Running;

/**
 * One coordinator per machine, and an intent that survives a crash, as operators meet them: two
 * {@code vshutdown} processes on one platform (the Linux provider on a directory of property
 * files, harmless native commands), and a master killed with SIGKILL in the middle of its wait,
 * whose record the next one-shot reports and {@code vshutdown --cancel} withdraws.
 */
class MachineLockProcessIT {
    private static final Duration QUICKLY = Duration.ofSeconds(60);

    @Test
    void aSecondProcessIsRefusedWithExitStatusThreeNamingTheFirstsPid() throws Exception {
        PropertyDirectory machine = new PropertyDirectory().running(2);
        Running first = machine.app("vshutdown", "1").timeout(QUICKLY).start();
        first.awaitStdout("asked domain 1 to shut down (requested 2, running 1)", 0);

        Run second = machine.app("vshutdown", "2").timeout(QUICKLY).run();

        assertEquals(3, second.exitStatus(), second::describe);
        assertEquals(List.of("vshutdown: refused: another vshutdown coordinates a shutdown on this machine (pid "
                + first.pid() + ", lock " + machine.lock() + "); only one may write requests at a time"),
                second.stderrLines(), second::describe);
        assertEquals("", second.stdout(), second::describe);
        assertFalse(machine.read("nk.2.vm.state.requested").isPresent(), "the loser wrote nothing");

        first.interrupt();
        Run ended = first.awaitExit();
        assertEquals(1, ended.exitStatus(), ended::describe);
        assertEquals("1", machine.read("nk.1.vm.state.requested").orElseThrow(), "withdrawn by the first");
        assertEquals("", Files.readString(machine.lock()), "free again");
        assertFalse(Files.exists(machine.record()));
    }

    @Test
    void aMasterKilledMidWaitLeavesARecordTheNextOneShotReportsAndCancelWithdraws() throws Exception {
        PropertyDirectory machine = new PropertyDirectory().running(2);
        Running killed = machine.app("vshutdown", "-t", "600000").timeout(QUICKLY).start();
        killed.awaitStdout("asked domain 2 to shut down (requested 2, running 1)", 0);
        killed.kill();
        assertTrue(Files.exists(machine.record()), "left behind");

        Run next = machine.app("vshutdown", "1").timeout(QUICKLY).run();

        assertEquals(3, next.exitStatus(), next::describe);
        assertEquals(1, next.stderrLines().size(), next::describe);
        String line = next.stderrLines().get(0);
        assertTrue(line.startsWith("vshutdown: refused: a shutdown recorded on this machine did not end: shutdown of "
                + "the system, time-out 600000 ms started "), line);
        assertTrue(line.endsWith(" by pid " + killed.pid() + ", whose master is gone; 'vshutdown --cancel' "
                + "withdraws the requests of it that no agent picked up"), line);
        assertEquals("2", machine.read("nk.1.vm.state.requested").orElseThrow(), "nothing changed");

        Run cancel = machine.app("vshutdown", "--cancel").timeout(QUICKLY).run();

        assertEquals(0, cancel.exitStatus(), cancel::describe);
        assertTrue(cancel.stdoutLines().get(0).startsWith("CANCELLED in "), cancel::describe);
        assertTrue(cancel.stdoutLines().get(0).endsWith("by pid " + killed.pid() + "; its master is gone); withdrawn: "
                + "domains 1, 2"), cancel::describe);
        assertTrue(cancel.stdoutLines().contains("  request 2 of domain 1 withdrawn (requested set back to 1): an "
                + "agent that starts later does nothing"), cancel::describe);
        assertEquals("1", machine.read("nk.1.vm.state.requested").orElseThrow());
        assertEquals("1", machine.read("nk.2.vm.state.requested").orElseThrow());
        assertFalse(Files.exists(machine.record()));
        assertEquals("", machine.nativeCalls(), "the master's native command never ran");

        Run nothing = machine.app("vshutdown", "--cancel").timeout(QUICKLY).run();
        assertEquals(0, nothing.exitStatus(), nothing::describe);
        assertEquals(List.of("nothing to cancel: no shutdown runs in this master and none is recorded on this "
                + "machine"), nothing.stdoutLines(), nothing::describe);
    }

    @Test
    void aRunDirectoryThatCannotBeMadeIsExitStatusFourAndNothingIsAsked() throws Exception {
        PropertyDirectory machine = new PropertyDirectory().running(1);
        Files.writeString(machine.props().resolveSibling("not-a-dir"), "x");

        Run run = machine.app("vshutdown", "1")
                .jvmOption("-Dvshutdown.run.dir=" + machine.props().resolveSibling("not-a-dir").resolve("run"))
                .timeout(QUICKLY).run();

        assertEquals(4, run.exitStatus(), run::describe);
        assertEquals(1, run.stderrLines().size(), run::describe);
        assertTrue(run.stderrLines().get(0).startsWith("vshutdown: the machine-wide lock "), run::describe);
        assertFalse(machine.read("nk.1.vm.state.requested").isPresent());
    }
}
