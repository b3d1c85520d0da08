package com.example.vshutdown.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.vshutdown.dist.VshutdownJar.Run;
import com.example.vshutdown.dist.VshutdownJar.Running;

/**
 * {@code deploy/qnx/vshutdown-poweroff}, the QNX master's own shutdown path, run with {@code /bin/sh}
 * against a real master service on a directory of property files: the slaves go down through the
 * service, the master's native command in the service is not run, and the script's own
 * {@code shutdown} (a stand-in that notes its arguments) runs once, after the slaves' shutdown ended,
 * whatever that ended with.
 */
class QnxPoweroffIT {
    private static final Path SCRIPT = Paths.get(System.getProperty("vshutdown.units.dir", "../deploy"))
            .resolve("qnx").resolve("vshutdown-poweroff");

    @TempDir
    Path root;

    private final PropertyDirectory machine = new PropertyDirectory().running(2);

    /** The script with the test's java, jars, socket and a stand-in for QNX's shutdown. */
    private Running poweroff(Path socket, String timeoutMs, String... arguments) throws Exception {
        Path shutdown = root.resolve("qnx-shutdown.sh");
        Files.writeString(shutdown, "#!/bin/sh\necho \"qnx $*\" >> '" + root.resolve("qnx.ran") + "'\n");
        Files.setPosixFilePermissions(shutdown, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jar = Paths.get(System.getProperty("vshutdown.jar", "target/vshutdown.jar")).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of("/bin/sh", SCRIPT.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("VSHUTDOWN_ENV_FILE", root.resolve("no-such.env").toString());
        builder.environment().put("VSHUTDOWN_JAVA", Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        builder.environment().put("VSHUTDOWN_HOME", jar.getParent().toString());
        builder.environment().put("VSHUTDOWN_CONTROL_SOCKET", socket.toString());
        builder.environment().put("VSHUTDOWN_STOP_TIMEOUT_MS", timeoutMs);
        builder.environment().put("VSHUTDOWN_SHUTDOWN", shutdown + " -S system");
        builder.environment().put("VSHUTDOWN_REBOOT", shutdown + " -S reboot");
        Process process = builder.start();
        process.getOutputStream().close();
        return new Running(builder.command(), process, false, System.nanoTime() + TimeUnit.MINUTES.toNanos(2));
    }

    private String qnxCalls() throws Exception {
        Path ran = root.resolve("qnx.ran");
        return Files.exists(ran) ? Files.readString(ran) : "";
    }

    private MasterService service() throws Exception {
        return MasterService.start(MasterService.prepare(root.resolve("service")), service -> {
            machine.options().forEach(service::jvmOption);
            return service;
        });
    }

    @Test
    void theSlavesGoDownThroughTheServiceThenQnxShutsTheMasterDown() throws Exception {
        Files.createDirectories(root.resolve("service"));
        try (MasterService service = service()) {
            Running poweroff = poweroff(service.socket, "30000");
            poweroff.awaitStdout("asked domain 1 to shut down (requested 2, running 1)", 0);
            poweroff.awaitStdout("asked domain 2 to shut down (requested 2, running 1)", 0);
            assertEquals("", qnxCalls(), "not before the slaves' shutdown ended");
            machine.write("nk.1.vm.state.running", "2");
            machine.write("nk.2.vm.state.running", "2");
            Run run = poweroff.awaitExit();

            assertEquals(0, run.exitStatus(), run::describe);
            assertTrue(run.stdout().contains("the master's native command was NOT run, by design"), run::describe);
            assertEquals("qnx -S system\n", qnxCalls());
            assertEquals("", machine.nativeCalls(), "the service's own native command never ran");
            assertTrue(run.stderr().contains("vshutdown-poweroff: the slaves' shutdown ended with exit status 0; now: "),
                    run::describe);
            service.awaitLog("Control socket: 'vshutdown --slaves-only -t 30000' ended with exit status 0");
        }
    }

    @Test
    void aSlaveThatDoesNotAnswerIsWithdrawnAndTheMasterStillReboots() throws Exception {
        Files.createDirectories(root.resolve("service"));
        try (MasterService service = service()) {
            Run run = poweroff(service.socket, "1000", "reboot").awaitExit();

            assertEquals(0, run.exitStatus(), run::describe);
            assertTrue(run.stderr().contains("vshutdown-poweroff: the slaves' shutdown ended with exit status 1"),
                    run::describe);
            assertEquals("qnx -S reboot\n", qnxCalls());
            assertEquals("1", machine.read("nk.1.vm.state.requested").orElseThrow(), "withdrawn");
            assertEquals("", machine.nativeCalls());
        }
    }

    @Test
    void anUnknownArgumentIsOneLineAndNothingRuns() throws Exception {
        Run run = poweroff(root.resolve("none.sock"), "1000", "halt").awaitExit();

        assertEquals(2, run.exitStatus(), run::describe);
        assertEquals(List.of("vshutdown-poweroff: unknown argument 'halt'; usage: vshutdown-poweroff [reboot]"),
                run.stderrLines(), run::describe);
        assertEquals("", qnxCalls());
    }
}
