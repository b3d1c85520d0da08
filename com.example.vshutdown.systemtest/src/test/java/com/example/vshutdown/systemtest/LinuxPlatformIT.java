package com.example.vshutdown.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.systemtest.Hypervisor.Guest;

/**
 * The real mechanism, each party in its own JVM: the master's one-shot app and one agent runtime per
 * slave domain, all with the Linux provider pointed at property files in a temporary directory; a
 * test-side hypervisor keeps the running counters and multicasts change notifications on a real
 * netlink socket. A slave's native shutdown ends its agent's JVM, and the hypervisor advances its
 * counter when it sees the process end.
 *
 * <p>Domain 0 is the master's. Every wait is bounded; nothing sleeps in place of a condition.
 */
class LinuxPlatformIT {
    private static final Duration COMMAND = Duration.ofSeconds(60);
    private static final Duration GONE = Duration.ofSeconds(30);

    private Hypervisor hypervisor;

    @BeforeEach
    void platform() throws Exception {
        hypervisor = Hypervisor.start();
        hypervisor.domain(0, 1);
        hypervisor.domain(1, 1);
        hypervisor.domain(2, 1);
    }

    @AfterEach
    void tearDown() throws Exception {
        hypervisor.close();
    }

    private Supplier<String> describe(Jvm master) {
        return () -> master.describe() + "\n  hypervisor: " + String.join("\n              ", hypervisor.journal());
    }

    @Test
    void systemWideShutdownTakesEverySlaveDownThenTheMasterAndLeavesAMalformedDomainAlone() throws Exception {
        hypervisor.domain(3, 1);
        hypervisor.property(VProperties.running(3), "1x\n");
        Jvm agent1 = hypervisor.boot(1, Guest.ENDS_ITS_JVM);
        Jvm agent2 = hypervisor.boot(2, Guest.ENDS_ITS_JVM);
        // the real mechanism, not its fall-back: the agents listen on the kernel's netlink socket
        String listening = "Listening to vproperty change notifications on netlink protocol 2 group " + hypervisor.group;
        assertTrue(agent1.stderr().contains(listening), agent1::describe);
        assertTrue(agent2.stderr().contains(listening), agent2::describe);

        Jvm master = hypervisor.master(COMMAND, "vshutdown", "-t", "30000");

        assertEquals(0, master.process.exitValue(), describe(master));
        String out = master.stdout();
        assertTrue(out.contains("asked domain 1 to shut down (requested 2, running 1)"), describe(master));
        assertTrue(out.contains("asked domain 2 to shut down (requested 2, running 1)"), describe(master));
        assertTrue(out.contains("domain 3    invalid: running counter value '1x\\n' is not an unsigned decimal integer"),
                describe(master));
        assertTrue(out.contains("starting the master's native shutdown"), describe(master));
        assertEquals(List.of("shutdown"), verbs(hypervisor.masterLog()), describe(master));
        assertTrue(agent1.awaitExit(GONE) && agent2.awaitExit(GONE), "the slaves' native shutdowns ended their JVMs");
        assertEquals(2, hypervisor.running(1));
        assertEquals(2, hypervisor.running(2));
        assertEquals("1x\n", Files.readString(hypervisor.prop.resolve(VProperties.running(3))), "left alone");
        assertFalse(Files.exists(hypervisor.prop.resolve(VProperties.requested(3))), "never asked");
    }

    @Test
    void systemWideRebootShutsTheSlavesDownAndRebootsTheMaster() throws Exception {
        Jvm agent1 = hypervisor.boot(1, Guest.ENDS_ITS_JVM);
        Jvm agent2 = hypervisor.boot(2, Guest.ENDS_ITS_JVM);

        Jvm master = hypervisor.master(COMMAND, "vshutdown", "-r", "-t", "30000");

        assertEquals(0, master.process.exitValue(), describe(master));
        assertTrue(master.stdout().contains("asked domain 1 to shut down"), describe(master));
        assertTrue(master.stdout().contains("asked domain 2 to shut down"), describe(master));
        assertEquals(List.of("reboot"), verbs(hypervisor.masterLog()), describe(master));
        assertTrue(agent1.awaitExit(GONE) && agent2.awaitExit(GONE));
        assertEquals(2, hypervisor.running(1), "a system-wide reboot shuts the slaves down");
        assertEquals(2, hypervisor.running(2));
    }

    @Test
    void selectiveRebootAndShutdownTouchOnlyTheirDomainAndNeverTheMaster() throws Exception {
        Jvm first = hypervisor.boot(1, Guest.ENDS_ITS_JVM);
        Jvm agent2 = hypervisor.boot(2, Guest.ENDS_ITS_JVM);

        Jvm reboot = hypervisor.master(COMMAND, "vshutdown", "-t", "30000", "-r", "1");

        assertEquals(0, reboot.process.exitValue(), describe(reboot));
        assertTrue(reboot.stdout().contains("asked domain 1 to reboot (requested 3, running 1)"), describe(reboot));
        assertTrue(first.awaitExit(GONE), "the reboot ended the first agent's JVM");
        assertEquals(3, hypervisor.running(1), "stopped and started again");
        Jvm second = hypervisor.agent(1);
        assertTrue(second != null && second.awaitStderr("Shutdown agent for domain 1 started", COMMAND),
                "the hypervisor booted domain 1 again");

        Jvm shutdown = hypervisor.master(COMMAND, "vshutdown", "-t", "30000", "2");

        assertEquals(0, shutdown.process.exitValue(), describe(shutdown));
        assertTrue(agent2.awaitExit(GONE));
        assertEquals(2, hypervisor.running(2));
        assertEquals(3, hypervisor.running(1), "domain 1 untouched");
        assertTrue(second.process.isAlive(), "and its new agent does not act on the old request again");
        assertEquals(List.of(), hypervisor.masterLog(), "a selective command never touches the master");
        assertEquals("picked-up 3\n", Files.readString(hypervisor.prop.resolve(VProperties.status(1))));
    }

    /**
     * Domain 1 is stopped and not involved: a domain that answers would have to answer within the
     * time-out that the killed one runs into, a race with the machine's load (the failure matrix and
     * the Pax Exam tests show a cooperative domain beside an unresponsive one).
     */
    @Test
    void aKilledAgentDoesNotAnswerTheMasterCancelsAndForceTakesTheMasterDownAnyway() throws Exception {
        hypervisor.domain(1, 2);
        Jvm agent2 = hypervisor.boot(2, Guest.ENDS_ITS_JVM);
        agent2.process.destroyForcibly();
        assertTrue(agent2.awaitExit(GONE));

        Jvm cancelled = hypervisor.master(COMMAND, "vshutdown", "-t", "2000");

        assertEquals(1, cancelled.process.exitValue(), describe(cancelled));
        assertTrue(cancelled.stdout().contains("domain 1    not involved: already stopped"), describe(cancelled));
        assertTrue(cancelled.stdout().contains("domain 2    NOT acknowledged: request never picked up"),
                describe(cancelled));
        assertEquals(List.of(), hypervisor.masterLog(), "cancelled: the master is not shut down");
        assertEquals(1, hypervisor.running(2), "the VM of the killed agent still runs");

        Jvm forced = hypervisor.master(COMMAND, "vshutdown", "-f", "-t", "2000");

        assertEquals(0, forced.process.exitValue(), describe(forced));
        assertTrue(forced.stdout().contains("domain 2 cannot be hard-stopped on this platform: it is still running"),
                describe(forced));
        assertTrue(forced.stdout().contains("starting the master's native shutdown"), describe(forced));
        assertEquals(List.of("shutdown"), verbs(hypervisor.masterLog()), describe(forced));
    }

    @Test
    void droppedNotificationsAreCoveredByTheSafetyReReads() throws Exception {
        Jvm agent1 = hypervisor.boot(1, Guest.ENDS_ITS_JVM);
        hypervisor.dropNotifications(true);

        Jvm master = hypervisor.master(COMMAND, "vshutdown", "-t", "30000", "1");

        assertEquals(0, master.process.exitValue(), describe(master));
        assertTrue(agent1.awaitExit(GONE));
        assertEquals(2, hypervisor.running(1));
        // the request, the agent's status and the new running counter: none was notified
        assertTrue(hypervisor.dropped() >= 3, describe(master));
    }

    @Test
    void aPropertyThatCannotBeWrittenIsReportedAndAMalformedOneRefused() throws Exception {
        hypervisor.property(VProperties.requested(2), "0\n");
        hypervisor.makeUnwritable(VProperties.requested(2));
        hypervisor.domain(3, 1);
        hypervisor.property(VProperties.running(3), "01\n");

        Jvm unwritable = hypervisor.master(COMMAND, "vshutdown", "-t", "2000", "2");

        assertTrue(unwritable.process.exitValue() != 0, describe(unwritable));
        assertTrue(unwritable.stdout().contains("could not ask domain 2 to shut down: vproperty "
                + VProperties.requested(2) + " cannot be written: " + hypervisor.prop.resolve(VProperties.requested(2))
                + ": Operation not permitted"), describe(unwritable));
        assertEquals(List.of(), hypervisor.masterLog());

        Jvm malformed = hypervisor.master(COMMAND, "vshutdown", "3");

        assertEquals(2, malformed.process.exitValue(), describe(malformed));
        assertTrue(malformed.stderr().contains("leading zeros"), describe(malformed));
        assertFalse(Files.exists(hypervisor.prop.resolve(VProperties.requested(3))), "nothing written");
    }

    @Test
    void aConfiguredRootThatDoesNotExistFailsEveryCommandAndSaysSo() throws Exception {
        Files.delete(hypervisor.prop.resolve(VProperties.running(0)));
        Files.delete(hypervisor.prop.resolve(VProperties.running(1)));
        Files.delete(hypervisor.prop.resolve(VProperties.running(2)));
        Files.delete(hypervisor.prop);

        Jvm master = hypervisor.master(COMMAND, "domains");

        assertEquals(4, master.process.exitValue(), describe(master));
        assertTrue(master.stderr().contains("vproperty root " + hypervisor.prop + " does not exist or is not a directory"),
                describe(master));
        assertEquals("", master.stdout(), describe(master));
    }

    private static List<String> verbs(List<String> records) {
        return records.stream().map(line -> line.substring(line.indexOf(' ') + 1)).toList();
    }
}
