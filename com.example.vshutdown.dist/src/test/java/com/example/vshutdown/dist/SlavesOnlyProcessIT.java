package com.example.vshutdown.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.example.vshutdown.dist.VshutdownJar.Run;
import com.example.vshutdown.dist.VshutdownJar.Running;

/**
 * {@code vshutdown --slaves-only}, the master OS's own shutdown path, as a process on the Linux
 * provider: the slaves are taken down, the master's native command (a script that notes it ran)
 * is not run, and exit status and summary say that this was by design; next to it, the plain
 * system-wide shutdown that does run it.
 */
class SlavesOnlyProcessIT {
    private static final Duration QUICKLY = Duration.ofSeconds(60);

    @Test
    void theSlavesGoDownAndTheMastersNativeCommandIsNotRunByDesign() throws Exception {
        PropertyDirectory machine = new PropertyDirectory().running(2);

        Run run = takeDown(machine, "vshutdown", "--slaves-only", "-t", "30000");

        assertEquals(0, run.exitStatus(), run::describe);
        assertEquals("", machine.nativeCalls());
        assertTrue(run.stdoutLines().stream().anyMatch(l -> l.startsWith("Done in ") && l.endsWith(": 2 domains "
                + "acknowledged; the master's native command was NOT run, by design (slaves-only: the master's own "
                + "OS goes down by its own path)")), run::describe);
        assertTrue(run.stdoutLines().stream().noneMatch(l -> l.contains("starting the master's native")),
                run::describe);
    }

    @Test
    void withoutItTheSameShutdownRunsTheMastersNativeCommand() throws Exception {
        PropertyDirectory machine = new PropertyDirectory().running(2);

        Run run = takeDown(machine, "vshutdown", "-t", "30000");

        assertEquals(0, run.exitStatus(), run::describe);
        assertEquals("shutdown\n", machine.nativeCalls());
    }

    @Test
    void aRebootOfTheSlavesOnlyIsBadInput() throws Exception {
        PropertyDirectory machine = new PropertyDirectory().running(1);

        Run run = machine.app("vshutdown", "-r", "--slaves-only").timeout(QUICKLY).run();

        assertEquals(2, run.exitStatus(), run::describe);
        assertEquals(List.of("vshutdown: reboot and slaves-only do not go together: a slaves-only shutdown runs no "
                + "native command of the master, so nothing would reboot; usage: vshutdown [-r] [-f] [-t ms] "
                + "[--slaves-only] [--json] [vmid], or vshutdown --cancel [--json]"), run.stderrLines(), run::describe);
        assertEquals("", machine.nativeCalls());
    }

    /** Runs the command and plays the hypervisor: each slave goes down once it has been asked. */
    private static Run takeDown(PropertyDirectory machine, String... command) throws Exception {
        Running running = machine.app(command).timeout(QUICKLY).start();
        running.awaitStdout("asked domain 1 to shut down (requested 2, running 1)", 0);
        running.awaitStdout("asked domain 2 to shut down (requested 2, running 1)", 0);
        machine.write("nk.1.vm.state.running", "2");
        machine.write("nk.2.vm.state.running", "2");
        return running.awaitExit();
    }
}
