package com.example.vshutdown.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.vshutdown.dist.VshutdownJar.Run;
import com.example.vshutdown.dist.VshutdownJar.Running;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The master service on a machine rather than on the simulated platform: the Linux provider on a
 * directory of property files (the test plays the hypervisor), harmless native commands, the
 * machine's lock and record in directories of the test. Clients and embedded one-shots are
 * separate processes, as on a vehicle: the service is killed with SIGKILL in the middle of a wait
 * and restarted, a one-shot runs while the service holds the machine, and the master OS's own path
 * ({@code --slaves-only}) and {@code --json} go through the socket.
 */
class ServiceOnAMachineIT {
    private static final ObjectMapper PARSER = new ObjectMapper();

    @TempDir
    Path root;

    private final PropertyDirectory machine = new PropertyDirectory().running(2);

    private MasterService start() throws Exception {
        return MasterService.start(MasterService.prepare(root), service -> {
            machine.options().forEach(service::jvmOption);
            return service;
        });
    }

    @Test
    void aServiceKilledMidWaitResumesTheShutdownWhenRestartedAndItCompletesWhenTheSlavesGoDown() throws Exception {
        long killedPid;
        try (MasterService service = start()) {
            Running client = service.client("vshutdown", "-t", "600000").start();
            client.awaitStdout("asked domain 2 to shut down (requested 2, running 1)", 0);
            killedPid = service.process().pid();
            service.kill();
            Run cut = client.awaitExit();
            assertEquals(4, cut.exitStatus(), cut::describe);
        }
        assertTrue(Files.exists(machine.record()), "the crash left the record");

        try (MasterService restarted = start()) {
            int resumed = restarted.awaitLog("Resuming the shutdown recorded on this machine: shutdown of the system, "
                    + "time-out 600000 ms");
            assertTrue(restarted.log().substring(resumed).contains("by pid " + killedPid), restarted::describe);
            // refused while the resumed run holds the master, through the socket as embedded
            Run second = restarted.run("vshutdown", "1");
            assertEquals(3, second.exitStatus(), second::describe);
            assertEquals("", machine.nativeCalls(), "nothing acknowledged yet");

            machine.write("nk.1.vm.state.running", "2");
            machine.write("nk.2.vm.state.running", "2");
            int done = restarted.awaitLog("Resumed: Done in ", resumed);

            assertTrue(restarted.log().substring(done).lines().findFirst().orElseThrow()
                    .contains("2 domains acknowledged"), restarted::describe);
            restarted.awaitLog("Resumed:   domain 2    acknowledged", resumed);
            assertEquals("shutdown\n", machine.nativeCalls(), "the master's own step ran, as it was asked");
            assertFalse(Files.exists(machine.record()), "the record went with the shutdown's end");
            assertEquals("2", machine.read("nk.1.vm.state.requested").orElseThrow(), "asked once, not again");
        }
    }

    @Test
    void aResumedShutdownWhoseDeadlinePassesIsCancelledAndItsRequestsWithdrawn() throws Exception {
        try (MasterService service = start()) {
            Running client = service.client("vshutdown", "-t", "5000", "1").start();
            client.awaitStdout("asked domain 1 to shut down (requested 2, running 1)", 0);
            service.kill();
            client.awaitExit();
        }
        assertEquals("2", machine.read("nk.1.vm.state.requested").orElseThrow());

        // whether it starts before or after the original deadline, what nobody answered ends as asked: cancelled
        try (MasterService restarted = start()) {
            int resumed = restarted.awaitLog("Resuming the shutdown recorded on this machine: shutdown of domain 1, "
                    + "time-out 5000 ms");
            int cancelled = restarted.awaitLog("Resumed: CANCELLED in ", resumed);

            assertEquals("1", machine.read("nk.1.vm.state.requested").orElseThrow(), "withdrawn: requested = running");
            assertTrue(restarted.log().substring(cancelled).lines().findFirst().orElseThrow()
                    .endsWith("nothing was forced; withdrawn: domain 1"), restarted::describe);
            assertFalse(Files.exists(machine.record()));
            assertEquals("", machine.nativeCalls());
            Run next = restarted.run("domains");
            assertEquals(0, next.exitStatus(), "the service runs on: " + next.describe());
        }
    }

    @Test
    void anEmbeddedOneShotWhileTheServiceHoldsTheMachineIsRefusedWith3NamingTheServicesPid() throws Exception {
        try (MasterService service = start()) {
            Running client = service.client("vshutdown", "1").start();
            client.awaitStdout("asked domain 1 to shut down (requested 2, running 1)", 0);

            // no socket given: the one-shot runs embedded, a second coordinator on the machine
            Run oneShot = machine.app("vshutdown", "2").run();

            assertEquals(3, oneShot.exitStatus(), oneShot::describe);
            assertEquals(List.of("vshutdown: refused: another vshutdown coordinates a shutdown on this machine (pid "
                    + service.process().pid() + ", lock " + machine.lock() + "); only one may write requests at a "
                    + "time"), oneShot.stderrLines(), oneShot::describe);
            assertFalse(machine.read("nk.2.vm.state.requested").isPresent(), "the one-shot wrote nothing");

            client.interrupt();
            Run cancelled = client.awaitExit();
            assertEquals(1, cancelled.exitStatus(), cancelled::describe);
            assertEquals("1", machine.read("nk.1.vm.state.requested").orElseThrow(), "withdrawn by the service");
        }
    }

    @Test
    void slavesOnlyThroughTheSocketTakesTheSlavesDownAndLeavesTheNativeCommandUnrun() throws Exception {
        try (MasterService service = start()) {
            Running client = service.client("vshutdown", "--slaves-only", "-t", "30000").start();
            client.awaitStdout("asked domain 1 to shut down (requested 2, running 1)", 0);
            client.awaitStdout("asked domain 2 to shut down (requested 2, running 1)", 0);
            machine.write("nk.1.vm.state.running", "2");
            machine.write("nk.2.vm.state.running", "2");
            Run run = client.awaitExit();

            assertEquals(0, run.exitStatus(), run::describe);
            assertTrue(run.stdout().contains("the master's native command was NOT run, by design"), run::describe);
            assertEquals("", machine.nativeCalls());
            assertTrue(service.process().isAlive(), "the service is not stopped by it: " + service.describe());
            service.awaitLog("Control socket: 'vshutdown --slaves-only -t 30000' ended with exit status 0");
        }
    }

    @Test
    void jsonThroughTheSocketIsOneDocumentOnStdoutWithTheLiveLinesOnStderr() throws Exception {
        try (MasterService service = start()) {
            Running client = service.client("vshutdown", "--json", "-t", "30000", "2").start();
            client.awaitStderr("asked domain 2 to shut down (requested 2, running 1)", 0);
            machine.write("nk.2.vm.state.running", "2");
            Run run = client.awaitExit();

            assertEquals(0, run.exitStatus(), run::describe);
            JsonNode doc = PARSER.readTree(run.stdout());
            assertEquals("vshutdown", doc.get("command").textValue());
            assertFalse(doc.get("simulated").booleanValue(), "a machine, not the simulator");
            assertEquals("completed", doc.get("outcome").textValue());
            assertEquals(0, doc.get("exitStatus").intValue());
            assertEquals(1, doc.get("domains").size(), run::describe);
            assertEquals(2, doc.get("domains").get(0).get("id").intValue());
            assertEquals("acknowledged", doc.get("domains").get(0).get("outcome").textValue());
        }
    }
}
