package com.example.vshutdown.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.vshutdown.dist.VshutdownJar.Run;

/**
 * Bad input of the master service that the other process tests do not meet: a setting that no
 * component knows (a misspelt key would otherwise leave the default in force, unnoticed), and a
 * configuration directory that is not a directory. Each is one line in the service's log, returned
 * to the client where a client asks; the service runs on, and nothing is shut down.
 */
class ServiceBadInputIT {
    @TempDir
    Path root;

    private final PropertyDirectory machine = new PropertyDirectory().running(1);

    @Test
    void aMisspeltProviderSettingIsOneLineNamingTheFileAndTheKeyAndNothingIsShutDown() throws Exception {
        MasterService.prepare(root);
        Path file = root.resolve("etc").resolve("com.example.vshutdown.linux.cfg");
        Files.writeString(file, "root = " + machine.props() + "\nshutdown.comand = /bin/true\n");
        String line = "configuration com.example.vshutdown.linux (" + file.toUri().toString().replace("file:///", "file:/")
                + "): unknown setting 'shutdown.comand'; a setting it does not know is refused, not ignored";
        try (MasterService service = MasterService.start(root, UnaryOperator.identity())) {
            service.awaitLog(line);
            assertEquals(1, service.count(line), service::describe);

            Run run = service.run("vshutdown", "1");

            assertEquals(2, run.exitStatus(), run::describe);
            assertEquals(1, run.stderrLines().size(), run::describe);
            assertTrue(run.stderrLines().get(0).contains(line), run::describe);
            assertFalse(machine.read("nk.1.vm.state.requested").isPresent(), "nothing asked");
            assertEquals("", machine.nativeCalls());

            // corrected while it runs: the provider is offered, the service never stopped
            service.configure("com.example.vshutdown.linux.cfg", "root = " + machine.props() + "\n");
            service.awaitLog("Linux provider offered with ranking 100 for " + machine.props());
        }
    }

    @Test
    void aMisspeltMasterSettingRefusesEveryShutdownWithTheLineUntilCorrected() throws Exception {
        MasterService.prepare(root);
        Files.writeString(root.resolve("etc").resolve("com.example.vshutdown.master.cfg"), "stop.ordr = *;1\n");
        String unknown = "unknown setting 'stop.ordr'; a setting it does not know is refused, not ignored";
        try (MasterService service = MasterService.start(root, service1 -> {
            machine.options().forEach(service1::jvmOption);
            return service1;
        })) {
            service.awaitLog("The master is misconfigured, and refuses every shutdown until this is corrected: "
                    + "configuration com.example.vshutdown.master (");

            Run run = service.run("vshutdown", "1");

            assertEquals(2, run.exitStatus(), run::describe);
            assertEquals(1, run.stderrLines().size(), run::describe);
            assertTrue(run.stderrLines().get(0).endsWith(unknown), run::describe);
            assertFalse(machine.read("nk.1.vm.state.requested").isPresent(), "nothing asked");
            assertTrue(service.process().isAlive(), service::describe);
        }
    }

    @Test
    void aMisspeltControlSettingIsOneLineAndTheServiceRunsWithoutASocketUntilCorrected() throws Exception {
        MasterService.prepare(root);
        Path file = root.resolve("etc").resolve("com.example.vshutdown.control.cfg");
        Files.writeString(file, "gruop = daemon\n");
        try (MasterService service = MasterService.starting(root, UnaryOperator.identity())) {
            String line = "No control socket: configuration com.example.vshutdown.control ("
                    + file.toUri().toString().replace("file:///", "file:/") + "): unknown setting 'gruop'; a setting "
                    + "it does not know is refused, not ignored; the service runs without it until this is corrected";
            service.awaitLog(line);
            assertEquals(1, service.count(line), service::describe);
            assertFalse(Files.exists(service.socket), "no socket on a guess");

            service.configure("com.example.vshutdown.control.cfg", "group = daemon\n");
            service.awaitLog("Control socket " + service.socket + " listening (mode rw-rw----, group daemon)");
            Run lb = service.run("lb");
            assertEquals(0, lb.exitStatus(), lb::describe);
        }
    }

    @Test
    void aConfigurationDirectoryThatIsAFileIsOneLineAndTheServiceRunsOn() throws Exception {
        MasterService.prepare(root);
        Path config = root.resolve("etc");
        Files.delete(config);
        Files.writeString(config, "not a directory");
        try (MasterService service = MasterService.start(root, UnaryOperator.identity())) {
            String line = "configuration directory " + config + " (vshutdown.config.dir) is not a directory";
            service.awaitLog(line);
            assertEquals(1, service.count(line), service::describe);

            Run lb = service.run("lb");
            assertEquals(0, lb.exitStatus(), lb::describe);
            assertEquals(List.of(), lb.stderrLines(), lb::describe);
        }
    }
}
