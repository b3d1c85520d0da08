package com.example.vshutdown.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.vshutdown.dist.VshutdownJar.Run;
import com.example.vshutdown.dist.VshutdownJar.Running;

/**
 * The {@code vshutdown} command line against a master service through its control socket: each a
 * separate process. The service serves the simulated platform, asked for explicitly by deploying
 * the simulator; its slaves are set by {@code vshutdown.sim.domains} on the service's command line.
 */
class ControlSocketIT {
    @TempDir
    Path root;

    private static UnaryOperator<VshutdownJar> simulated(String domains) {
        return service -> service.jvmOption("-Dvshutdown.sim.domains=" + domains);
    }

    /** A service on the simulated platform, once the simulator has started in it. */
    private MasterService simulatedService(String domains) throws Exception {
        return simulatedService(simulated(domains));
    }

    private MasterService simulatedService(UnaryOperator<VshutdownJar> options) throws Exception {
        MasterService service = MasterService.start(MasterService.prepare(root), options);
        service.deploy(MasterService.simulatorAgents());
        service.deploy(MasterService.simulator());
        service.awaitLog("Simulated platform started");
        return service;
    }

    @Test
    void aShutdownRunsInTheServiceAndItsOutputAndStatusComeBackWithoutAFrameworkInTheClient() throws Exception {
        try (MasterService service = simulatedService("1:ok:100,2:ok:200,3:ignore")) {
            Path classes = root.resolve("client-classes.txt");
            Run run = service.client("vshutdown", "-t", "20000", "2")
                    .jvmOption("-Xlog:class+load=info:file=" + classes).run();

            assertEquals(0, run.exitStatus(), run::describe);
            assertTrue(run.stdout().contains("asked domain 2 to shut down"), run::describe);
            assertTrue(run.stdout().contains("domain 2 acknowledged after"), run::describe);
            assertEquals(List.of(), run.stderrLines(), run::describe);
            // the client is thin: the line ran in the service, no framework here
            String loaded = Files.readString(classes);
            assertTrue(loaded.contains("com.example.vshutdown.control.client.RemoteLine"), "the client ran");
            assertFalse(loaded.contains("org.apache.felix"), "no Felix class in the client");
            assertFalse(loaded.contains("org.osgi"), "no OSGi class in the client");
            service.awaitLog("Control socket: 'vshutdown -t 20000 2' ended with exit status 0");
        }
    }

    @Test
    void aSystemWideShutdownOnTheSimulatedPlatformEndsTheServiceAfterItsClientHasTheStatus() throws Exception {
        try (MasterService service = simulatedService("1:ok:100,2:ok:100")) {
            Run run = service.run("vshutdown", "-t", "20000");

            assertEquals(0, run.exitStatus(), run::describe);
            assertTrue(run.stdout().contains("starting the master's native shutdown (simulated native shutdown"),
                    run::describe);
            assertTrue(run.stdout().contains("Done in"), run::describe);
            // the simulated native shutdown ends the app: here the service, never the machine
            Run ended = service.stop();
            assertFalse(ended.timedOut(), ended::describe);
        }
    }

    @Test
    void ctrlCInTheClientCancelsTheShutdownInTheService() throws Exception {
        try (MasterService service = simulatedService("1:ok,2:ignore")) {
            Run run = service.client("vshutdown", "2").interruptWhenOutputShows("asked domain 2").run();

            assertEquals(1, run.exitStatus(), run::describe);
            assertTrue(run.stdout().contains("CANCELLED"), run::describe);
            assertTrue(run.stdout().contains("request 2 of domain 2 withdrawn"), run::describe);
            assertEquals(1, run.stderrLines().size(), run::describe);
            assertTrue(run.stderrLines().get(0).startsWith("vshutdown: cancelled"), run::describe);
            // the service goes on: the next line runs
            assertEquals(0, service.run("domains").exitStatus());
        }
    }

    @Test
    void aSecondCtrlCAbandonsALineThatDidNotEndWith130() throws Exception {
        try (MasterService service = simulatedService(simulated("1:ok").andThen(s -> s.jvmOption(
                "-Dvshutdown.log.levels=com.example.vshutdown.lines=debug"))::apply)) {
            service.deploy(MasterService.example());
            service.awaitLog("[com.example.vshutdown.example] Events.Bundle - BundleEvent STARTED");
            // example:follow registers no cancel: the first Ctrl-C leaves it running, the second gives up on it
            Running client = service.client("example:follow").start();
            client.awaitStdout("following shutdowns", 0);

            client.interrupt();
            service.awaitLog("Ctrl-C: cancelling what 'example:follow' registered");
            client.interrupt();
            Run run = client.awaitExit();

            assertEquals(130, run.exitStatus(), run::describe);
            assertEquals(List.of("example:follow: abandoned at a second Ctrl-C, without waiting for it to end"),
                    run.stderrLines(), run::describe);
            service.awaitLog("Control socket: 'example:follow' ended with exit status 130");
        }
    }

    @Test
    void twoClientsAtOnceEachRunTheirLineAndASecondShutdownIsRefusedWith3() throws Exception {
        try (MasterService service = simulatedService("1:ok,2:ignore")) {
            Running first = service.client("vshutdown", "2").start();
            first.awaitStdout("asked domain 2", 0);

            Run second = service.run("vshutdown", "1");
            Run meanwhile = service.run("domains");
            first.interrupt();
            Run firstRun = first.awaitExit();

            assertEquals(3, second.exitStatus(), second::describe);
            assertEquals("", second.stdout(), second::describe);
            assertEquals(1, second.stderrLines().size(), second::describe);
            assertTrue(second.stderrLines().get(0).startsWith("vshutdown: refused: a shutdown is already in progress"),
                    second::describe);
            assertEquals(0, meanwhile.exitStatus(), meanwhile::describe);
            assertTrue(meanwhile.stdout().contains("2    running"), meanwhile::describe);
            assertEquals(1, firstRun.exitStatus(), firstRun::describe);
        }
    }

    @Test
    void aLineThatIsNotValidGogoIsOneLineAndStatus2() throws Exception {
        try (MasterService service = MasterService.start(MasterService.prepare(root), UnaryOperator.identity())) {
            Run run = service.run("domains {");

            assertEquals(2, run.exitStatus(), run::describe);
            assertEquals("", run.stdout(), run::describe);
            assertEquals(1, run.stderrLines().size(), run::describe);
            assertTrue(run.stderrLines().get(0).startsWith("domains: "), run::describe);
        }
    }

    @Test
    void theSocketIsTheServiceUsersWithMode0660InItsGroupAndNothingListensOnTheNetwork() throws Exception {
        String group = Files.readAttributes(root, PosixFileAttributes.class).group().getName();
        try (MasterService service = MasterService.start(MasterService.prepare(root),
                s -> s.jvmOption("-Dvshutdown.control.group=" + group))) {
            PosixFileAttributes socket = Files.readAttributes(service.socket, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);

            assertTrue(socket.isOther(), "a socket");
            assertEquals(System.getProperty("user.name"), socket.owner().getName());
            assertEquals(group, socket.group().getName());
            assertEquals(PosixFilePermissions.fromString("rw-rw----"), socket.permissions());

            long pid = service.process().pid();
            List<String> listening = ProcNet.networkSockets(pid);
            assertEquals(List.of(), listening, "no TCP or UDP socket of the service");
            // the socket was bound under a temporary name beside it, then renamed into place
            assertTrue(ProcNet.unixSockets(pid).stream()
                    .anyMatch(path -> path.startsWith(service.socket.getParent() + "/.control.sock.")),
                    "the same look finds the control socket");

            // SIGTERM, as a service manager stops it: the framework stops, the socket goes with it
            Run stopped = service.stop();
            assertFalse(stopped.timedOut(), stopped::describe);
            assertTrue(stopped.stderr().contains("The process is asked to end: stopping the framework"),
                    stopped::describe);
            assertFalse(Files.exists(service.socket, LinkOption.NOFOLLOW_LINKS), "the socket is removed");
        }
    }

    @Test
    void aUserWhoMayNotUseTheSocketIsToldSoAndNothingRunsEmbedded() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        // as root, a client of another user and group; as any other user, a socket that forbids its owner
        try (MasterService service = simulatedService(simulated("1:ok").andThen(
                s -> root ? s.jvmOption("-Dvshutdown.control.group=daemon") : s)::apply)) {
            if (!root) {
                Files.setPosixFilePermissions(service.socket, PosixFilePermissions.fromString("---------"));
            }
            VshutdownJar client = service.client("domains");
            Run denied = (root ? client.asUser("nobody", "nogroup") : client).run();

            assertEquals(4, denied.exitStatus(), denied::describe);
            assertEquals("", denied.stdout(), denied::describe);
            assertEquals(List.of("vshutdown: permission denied on the master service's control socket "
                    + service.socket + ": run as root or as a member of group '" + (root ? "daemon"
                            : Files.readAttributes(service.socket, PosixFileAttributes.class).group().getName())
                    + "'"), denied.stderrLines(), denied::describe);
            if (root) {
                // the group is what grants it
                Run member = service.client("domains").asUser("nobody", "daemon").run();
                assertEquals(0, member.exitStatus(), member::describe);
                assertTrue(member.stdout().startsWith("0    running"), member::describe);
            }
        }
    }

    @Test
    void aPathThatIsNotASocketIsLeftAloneAndTheServiceRunsOn() throws Exception {
        MasterService.prepare(root);
        Path socket = root.resolve("run").resolve("control.sock");
        Files.createDirectories(socket.getParent());
        Files.writeString(socket, "an operator's notes");
        try (MasterService service = MasterService.starting(root, UnaryOperator.identity())) {
            service.awaitLog("control socket path " + socket + " exists and is not a socket (a regular file)");
            // it goes on: the deploy directory is still read
            service.deploy(MasterService.example());
            service.awaitLog("[com.example.vshutdown.example] Events.Bundle - BundleEvent STARTED");

            assertTrue(service.process().isAlive(), service::describe);
            assertEquals("an operator's notes", Files.readString(socket));
            assertEquals(1, service.count("control socket path"), service::describe);
        }
        assertEquals("an operator's notes", Files.readString(socket));
    }

    @Test
    void theStaleSocketOfAServiceThatDiedIsReplacedAndALiveOneIsLeftAlone() throws Exception {
        MasterService.prepare(root);
        MasterService crashed = MasterService.start(root, UnaryOperator.identity());
        crashed.kill();
        assertTrue(Files.exists(crashed.socket, LinkOption.NOFOLLOW_LINKS), "a crash leaves the socket");

        try (MasterService restarted = MasterService.start(root, UnaryOperator.identity())) {
            restarted.awaitLog("Removing the stale control socket " + restarted.socket);
            Run served = restarted.run("lb");
            assertEquals(0, served.exitStatus(), served::describe);
            assertTrue(served.stdout().contains("vshutdown control socket"), served::describe);

            try (MasterService second = MasterService.starting(root, UnaryOperator.identity())) {
                second.awaitLog("control socket " + second.socket + " is in use by another process");
                // the first still serves: the second never removed its socket
                Run lb = restarted.run("lb");
                assertEquals(0, lb.exitStatus(), lb::describe);
            }
        }
    }
}
