package com.example.vshutdown.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.vshutdown.dist.VshutdownJar.Run;
import com.example.vshutdown.dist.VshutdownJar.Running;

/**
 * The systemd unit of the master service, {@code deploy/systemd/vshutdown-master.service}, kept
 * honest without systemd: its {@code ExecStart} and {@code ExecStop} are read with the defaults of
 * {@code vshutdown-master.default} as systemd expands them, and run as the processes systemd would
 * run, on a directory of property files. Only the paths of this build and of the test's machine are
 * set over the defaults, as an operator's environment file would; the stop's time-out and its
 * action are the shipped ones. {@code systemd-analyze verify} checks the unit where it exists.
 */
class MasterUnitIT {
    private static final Path UNITS = Paths.get(System.getProperty("vshutdown.units.dir", "../deploy"))
            .resolve("systemd");
    private static final Path UNIT = UNITS.resolve("vshutdown-master.service");
    private static final Path DEFAULTS = UNITS.resolve("vshutdown-master.default");
    private static final String JAVA = "/usr/bin/java";
    private static final String LINUX = "-Dvshutdown.linux.";
    private static final long BOUND = TimeUnit.MINUTES.toNanos(3);

    @TempDir
    Path root;

    private final PropertyDirectory machine = new PropertyDirectory().running(2);

    /** The shipped defaults, with this build's jars and the test's socket, directories and machine. */
    private Map<String, String> environment() throws IOException {
        Map<String, String> environment = new LinkedHashMap<>(SystemdUnit.environment(DEFAULTS));
        Path jar = Paths.get(System.getProperty("vshutdown.master.jar", "target/vshutdown-master.jar")).toAbsolutePath();
        environment.put("VSHUTDOWN_HOME", jar.getParent().toString());
        environment.put("VSHUTDOWN_CONTROL_SOCKET", root.resolve("run").resolve("control.sock").toString());
        // systemd splits $VSHUTDOWN_JAVA_OPTIONS at white space: the provider's commands go into its file
        MasterService.prepare(root);
        StringBuilder linux = new StringBuilder();
        List<String> options = new ArrayList<>();
        for (String option : machine.options()) {
            if (option.startsWith(LINUX)) {
                linux.append(option, LINUX.length(), option.length()).append('\n');
            } else {
                options.add(option);
            }
        }
        Files.writeString(root.resolve("etc").resolve("com.example.vshutdown.linux.cfg"), linux);
        options.add("-Dvshutdown.config.dir=" + root.resolve("etc"));
        options.add("-Dvshutdown.deploy.dir=" + root.resolve("deploy"));
        environment.put("VSHUTDOWN_JAVA_OPTIONS", String.join(" ", options));
        return environment;
    }

    /** A command of the unit, run as systemd runs it (with this test's JVM for /usr/bin/java). */
    private static Running start(SystemdUnit unit, String key, Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>(unit.command(key, environment));
        assertEquals(JAVA, command.get(0), key + " runs the system's java");
        command.set(0, Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        return new Running(command, process, false, System.nanoTime() + BOUND);
    }

    @Test
    void theStopTakesTheSlavesDownThroughTheServiceLeavingTheNativeCommandThenSigtermEndsIt() throws Exception {
        SystemdUnit unit = SystemdUnit.read(UNIT);
        Map<String, String> environment = environment();

        Running service = start(unit, "ExecStart", environment);
        try {
            service.awaitStderr("resumes a recorded shutdown");
            service.awaitStderr("Control socket " + environment.get("VSHUTDOWN_CONTROL_SOCKET") + " listening");

            Running stop = start(unit, "ExecStop", environment);
            stop.awaitStdout("asked domain 1 to shut down (requested 2, running 1)", 0);
            stop.awaitStdout("asked domain 2 to shut down (requested 2, running 1)", 0);
            machine.write("nk.1.vm.state.running", "2");
            machine.write("nk.2.vm.state.running", "2");
            Run stopped = stop.awaitExit();

            assertEquals(0, stopped.exitStatus(), stopped::describe);
            assertTrue(stopped.stdout().contains("slaves-only shutdown"),
                    stopped::describe);
            assertTrue(stopped.stdout().contains("the master's native command was NOT run, by design"),
                    stopped::describe);
            assertEquals("", machine.nativeCalls(), "the master's OS goes down by its own path");
            service.awaitStderr("Control socket: 'vshutdown --slaves-only -t "
                    + environment.get("VSHUTDOWN_STOP_TIMEOUT_MS") + "' ended with exit status 0");

            // then systemd's SIGTERM: the framework stops cleanly
            new ProcessBuilder("kill", "-TERM", Long.toString(service.pid())).inheritIO().start().waitFor();
            Run ended = service.awaitExit();
            assertFalse(ended.timedOut(), ended::describe);
            assertTrue(ended.stderr().contains("The process is asked to end: stopping the framework"), ended::describe);
        } finally {
            service.process().destroyForcibly();
        }
    }

    @Test
    void theStopAfterTheServiceDiedRunsNothingEmbedded() throws Exception {
        SystemdUnit unit = SystemdUnit.read(UNIT);
        Map<String, String> environment = environment();

        Run stopped = start(unit, "ExecStop", environment).awaitExit();

        assertEquals(4, stopped.exitStatus(), stopped::describe);
        assertEquals(List.of("vshutdown: no master service answers (no control socket "
                + environment.get("VSHUTDOWN_CONTROL_SOCKET") + ") and vshutdown.control.embedded=false: nothing ran"),
                stopped.stderrLines(), stopped::describe);
        assertEquals("", stopped.stdout(), stopped::describe);
    }

    @Test
    void systemdWaitsLongerForTheStopThanTheStopWaitsForTheSlaves() throws Exception {
        SystemdUnit unit = SystemdUnit.read(UNIT);
        Map<String, String> defaults = SystemdUnit.environment(DEFAULTS);

        Duration stopTimeout = Duration.ofMillis(Long.parseLong(defaults.get("VSHUTDOWN_STOP_TIMEOUT_MS")));
        String stopSec = unit.value("TimeoutStopSec");
        assertTrue(stopSec.matches("\\d+s"), stopSec);
        Duration systemdWaits = Duration.ofSeconds(Long.parseLong(stopSec.substring(0, stopSec.length() - 1)));
        // the client's start and the hard stops take the rest
        assertTrue(systemdWaits.compareTo(stopTimeout.plusSeconds(20)) >= 0, systemdWaits + " vs " + stopTimeout);
        List<String> stop = unit.command("ExecStop", defaults);
        assertTrue(stop.containsAll(List.of("vshutdown", "--slaves-only", "-t", defaults.get("VSHUTDOWN_STOP_TIMEOUT_MS"))),
                stop::toString);
        assertTrue(unit.value("ExecStop").startsWith("-"), "its exit status does not hold the host up");
    }

    @Test
    void systemdAnalyzeVerifiesTheUnitsWhereItExists() throws Exception {
        assumeTrue(onPath("systemd-analyze"), "systemd-analyze is not on this machine's PATH: the units are read "
                + "by the other tests only");
        assumeTrue(Files.isExecutable(Paths.get(JAVA)), JAVA + " is missing here: systemd-analyze would refuse the "
                + "unit for this machine, not for itself");
        // side by side, as installed: the agent's path unit names its service
        List<String> command = new ArrayList<>(List.of("systemd-analyze", "verify"));
        for (String name : List.of("vshutdown-master.service", "vshutdown-agent.service", "vshutdown-agent.path")) {
            Path copy = Files.createDirectories(root.resolve("units")).resolve(name);
            Files.copy(UNITS.resolve(name), copy);
            command.add(copy.toString());
        }
        Process verify = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(verify.waitFor(60, TimeUnit.SECONDS));
        // an unknown key is only a warning for it: any word it says is a finding
        assertEquals("", output.strip(), command::toString);
        assertEquals(0, verify.exitValue(), command::toString);
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Paths.get(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
