package com.example.vshutdown.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.vshutdown.dist.VshutdownJar.Run;

/**
 * The master service runtime as a process: what it holds, the configuration directory (files that
 * change settings while it runs) and the deploy directory (bundles installed, updated and removed
 * while it runs), and what it says about bad ones. Settings are looked at through its control
 * socket, as an operator would.
 */
class MasterServiceIT {
    @TempDir
    Path root;

    /** A directory of vproperty files in which domains 0, 1 and 2 run, as the Linux provider reads them. */
    private Path properties(String name) throws Exception {
        Path directory = Files.createDirectories(root.resolve(name));
        for (int id = 0; id <= 2; id++) {
            Files.writeString(directory.resolve("nk." + id + ".vm.state.running"), "1\n");
        }
        return directory;
    }

    /** The Linux provider's configuration: a directory of files, harmless native commands. */
    private static String linux(String rootSetting) {
        return "root = " + rootSetting + "\nshutdown.command = /bin/true\nreboot.command = /bin/true\n";
    }

    @Test
    void theServiceHoldsNoSimulatorNoShellAndNoTerminal() throws Exception {
        try (ZipFile jar = new ZipFile(System.getProperty("vshutdown.master.jar", "target/vshutdown-master.jar"))) {
            List<String> bundles = jar.stream().map(entry -> entry.getName()).filter(name -> name.startsWith("jar/"))
                    .toList();
            assertTrue(bundles.stream().anyMatch(name -> name.contains("com.example.vshutdown.master")), bundles::toString);
            assertTrue(bundles.stream().anyMatch(name -> name.contains("com.example.vshutdown.qnx")), bundles::toString);
            assertTrue(bundles.stream().noneMatch(name -> name.contains("simulator") || name.contains("shell")
                    || name.contains("jline")), bundles::toString);
        }
        try (MasterService service = MasterService.start(MasterService.prepare(root), UnaryOperator.identity())) {
            Run providers = service.run("providers");
            assertEquals(0, providers.exitStatus(), providers::describe);
            assertFalse(providers.stdout().contains("simulat"), providers::describe);
            // no /sys/nk/prop on the build machine, no provider configured: nothing to act on, and it says so
            Run domains = service.run("domains");
            assertEquals(4, domains.exitStatus(), domains::describe);
            assertTrue(domains.stderr().contains("no vproperty provider"), domains::describe);
        }
    }

    @Test
    void aConfigurationFileChangesTheMastersSettingWhileTheServiceRuns() throws Exception {
        MasterService.prepare(root);
        Path properties = properties("vp");
        Files.writeString(root.resolve("etc/com.example.vshutdown.linux.cfg"), linux(properties.toString()));
        Files.writeString(root.resolve("etc/com.example.vshutdown.master.cfg"), "master.domain = 0\n");
        try (MasterService service = MasterService.start(root, UnaryOperator.identity())) {
            assertEquals("0    running  running=1 requested=- (master)", service.run("domains").stdoutLines().get(0));

            service.configure("com.example.vshutdown.master.cfg", "master.domain = 1\n# changed\n");

            List<String> rows = service.awaitRun(run -> run.stdout().contains("1    running  running=1 requested=- "
                    + "(master)"), "domains").stdoutLines();
            assertEquals("0    running  running=1 requested=-", rows.get(0));
            assertEquals("1    running  running=1 requested=- (master)", rows.get(1));
        }
    }

    @Test
    void aConfigurationFileChangesTheLinuxProviderWhileTheServiceRunsWithTheEnvironmentAndPropertiesInIt()
            throws Exception {
        MasterService.prepare(root);
        Path first = properties("first");
        Path second = properties("second");
        Files.writeString(root.resolve("etc/com.example.vshutdown.linux.cfg"), linux("${env:VSHUTDOWN_TEST_VP}"));
        try (MasterService service = MasterService.start(root, s -> s.environment("VSHUTDOWN_TEST_VP",
                first.toString()).jvmOption("-Dvshutdown.test.vp=" + second))) {
            service.awaitLog("Linux provider offered with ranking 100 for " + first);
            assertTrue(service.run("providers").stdout().contains("Linux vproperties in " + first));

            service.configure("com.example.vshutdown.linux.cfg", linux("${vshutdown.test.vp}"));

            service.awaitLog("Linux provider offered with ranking 100 for " + second);
            Run providers = service.run("providers");
            assertTrue(providers.stdout().contains("Linux vproperties in " + second), providers::describe);
            assertTrue(providers.stdout().contains("'/bin/true'"), providers::describe);
        }
    }

    @Test
    void theQnxProviderTakesItsConfigurationFromTheDirectoryToo() throws Exception {
        MasterService.prepare(root);
        Files.writeString(root.resolve("etc/com.example.vshutdown.qnx.cfg"),
                "enabled = true\nlibrary = /nonexistent/libvshutdown_ddi.so\n");
        try (MasterService service = MasterService.start(root, UnaryOperator.identity())) {
            service.awaitLog("Configuration fault of the qnx provider");
            assertTrue(service.log().contains("/nonexistent/libvshutdown_ddi.so"), service::describe);

            // a provider's malformed setting is a configuration fault: nothing is shut down, and it says why
            Run domains = service.run("domains");
            assertEquals(2, domains.exitStatus(), domains::describe);
            assertTrue(domains.stderr().contains("the platform is misconfigured"), domains::describe);
        }
    }

    @Test
    void aMalformedConfigurationFileIsOneLineAndChangesNothing() throws Exception {
        MasterService.prepare(root);
        Path properties = properties("vp");
        Files.writeString(root.resolve("etc/com.example.vshutdown.linux.cfg"), linux(properties.toString()));
        Files.writeString(root.resolve("etc/com.example.vshutdown.master.config"), "master.domain = I\"1\"\n");
        try (MasterService service = MasterService.start(root, UnaryOperator.identity())) {
            assertTrue(service.run("domains").stdoutLines().get(1).endsWith("(master)"));

            service.configure("com.example.vshutdown.master.config", "master.domain = I\"2x\"\n");

            service.awaitLog("com.example.vshutdown.master.config (java.lang.NumberFormatException");
            assertEquals(1, service.count("com.example.vshutdown.master.config (java.lang.NumberFormatException"),
                    service::describe);
            Run domains = service.run("domains");
            assertEquals(0, domains.exitStatus(), domains::describe);
            assertTrue(domains.stdoutLines().get(1).endsWith("(master)"), domains::describe);
        }
    }

    @Test
    void aMissingConfigurationDirectoryIsOneLineAndIsReadOnceItIsCreated() throws Exception {
        MasterService.prepare(root);
        Path config = root.resolve("etc");
        Files.delete(config);
        try (MasterService service = MasterService.start(root, UnaryOperator.identity())) {
            service.deploy(MasterService.example());
            service.awaitLog(config + " does not exist");
            assertEquals(1, service.count(config + " does not exist"), service::describe);
            assertEquals(0, service.run("lb").exitStatus());

            Files.createDirectories(config);
            service.configure("com.example.vshutdown.master.cfg", "master.domain = 7\n");

            // no provider here: "domains" fails, but the master it names is the configured one
            service.awaitRun(run -> run.stdout().contains("master domain 7"), "example:status");
        }
    }

    @Test
    void aPlatformBundleIsInstalledUpdatedAndRemovedFromTheDeployDirectoryWhileTheServiceRuns() throws Exception {
        try (MasterService service = MasterService.start(MasterService.prepare(root), UnaryOperator.identity())) {
            Path example = MasterService.example();

            service.deploy(example, "1.0.0");
            service.awaitLog("[com.example.vshutdown.example] Events.Bundle - BundleEvent STARTED");
            Run installed = service.run("example:status");
            assertEquals(0, installed.exitStatus(), installed::describe);
            assertEquals(List.of("example 1.0.0: master domain 0, shutdown in progress: no"), installed.stdoutLines());

            int mark = service.log().length();
            service.deploy(example, "1.0.1");
            service.awaitLog("[com.example.vshutdown.example] Events.Bundle - BundleEvent UPDATED", mark);
            service.awaitLog("[com.example.vshutdown.example] Events.Bundle - BundleEvent STARTED", mark);
            assertEquals(List.of("example 1.0.1: master domain 0, shutdown in progress: no"),
                    service.run("example:status").stdoutLines());

            service.undeploy(example.getFileName().toString());
            service.awaitLog("[com.example.vshutdown.example] Events.Bundle - BundleEvent UNINSTALLED");
            Run removed = service.run("example:status");
            assertEquals(2, removed.exitStatus(), removed::describe);
            assertEquals(List.of("example:status: command not found"), removed.stderrLines(), removed::describe);
        }
    }

    @Test
    void aProviderIsInstalledUpdatedAndRemovedFromTheDeployDirectoryWhileTheServiceRuns() throws Exception {
        try (MasterService service = MasterService.start(MasterService.prepare(root),
                s -> s.jvmOption("-Dvshutdown.sim.domains=1:ok"))) {
            service.deploy(MasterService.simulatorAgents());
            service.deploy(MasterService.simulator(), "1.0.0");
            // the simulator logs that it started before its provider service is registered: wait for the service
            Run providers = service.awaitRun(run -> run.stdout().contains("[com.example.vshutdown.simulator 1.0.0"),
                    "providers");
            assertTrue(providers.stdout().contains("simulated platform"), providers::describe);

            int mark = service.log().length();
            service.deploy(MasterService.simulator(), "1.0.1");
            service.awaitLog("Simulated platform started", mark);
            service.awaitRun(run -> run.stdout().contains("[com.example.vshutdown.simulator 1.0.1"), "providers");
            assertEquals(0, service.run("domains").exitStatus());

            service.undeploy(MasterService.simulator().getFileName().toString());
            service.awaitLog("[com.example.vshutdown.simulator] Events.Bundle - BundleEvent UNINSTALLED");
            Run gone = service.run("domains");
            assertEquals(4, gone.exitStatus(), gone::describe);
            assertTrue(gone.stderr().contains("no vproperty provider"), gone::describe);
        }
    }

    @Test
    void aBrokenBundleInTheDeployDirectoryIsOneLineAndTheServiceRunsOn() throws Exception {
        try (MasterService service = MasterService.start(MasterService.prepare(root), UnaryOperator.identity())) {
            Files.writeString(service.deploy.resolve("broken.jar"), "a copy cut short");

            service.awaitLog("Deploy directory: " + service.deploy.resolve("broken.jar") + " is not a bundle");
            service.deploy(MasterService.example());
            service.awaitLog("[com.example.vshutdown.example] Events.Bundle - BundleEvent STARTED");

            assertEquals(1, service.count("broken.jar"), service::describe);
            Run status = service.run("example:status");
            assertEquals(0, status.exitStatus(), status::describe);
        }
    }
}
