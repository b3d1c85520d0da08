package com.example.vshutdown.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.vshutdown.dist.VshutdownJar.Run;

/**
 * The one logging pipeline as a process shows it (README, "Logging"): every runtime's logs, the
 * framework's, SCR's and ConfigAdmin's included, on stderr in one format; stdout holds the
 * command's output and nothing else; levels set at start and changed while the service runs.
 */
class LoggingProcessIT {
    private static final Duration QUICKLY = Duration.ofSeconds(60);
    private static final String EXAMPLE_STARTED = "[com.example.vshutdown.example] Events.Bundle - BundleEvent STARTED";
    private static final String EXAMPLE_UPDATED = "[com.example.vshutdown.example] Events.Bundle - BundleEvent UPDATED";

    @TempDir
    Path root;

    @Test
    void theOneShotsStdoutHoldsOnlyTheCommandsOutputWhileEverythingLogs() throws Exception {
        Run quiet = VshutdownJar.command("providers").timeout(QUICKLY).run();
        // everything at debug, SCR's included (through the log service: ds.loglevel is not needed),
        // every bundle, service and framework event, and an error of a bundle of the app
        Run chatty = VshutdownJar.command("providers")
                .jvmOption("-Dvshutdown.log.level=debug")
                .jvmOption("-Dorg.ops4j.pax.logging.service.frameworkEventsLogLevel=DEBUG")
                .jvmOption("-Dvshutdown.agent.domain=not-a-number")
                .timeout(QUICKLY)
                .run();

        assertEquals(0, quiet.exitStatus(), quiet::describe);
        assertEquals(List.of(), quiet.stderrLines(), quiet::describe);
        assertEquals(0, chatty.exitStatus(), chatty::describe);
        assertEquals(quiet.stdout(), chatty.stdout(), chatty::describe);
        assertTrue(chatty.stderrLines().stream().anyMatch(line -> line.startsWith("ERROR [com.example.vshutdown.agent] ")
                && line.contains("vshutdown.agent.domain: domain id 'not-a-number'")), chatty::describe);
        assertTrue(chatty.stderrLines().stream().anyMatch(line -> line.startsWith("DEBUG [org.apache.felix.scr] ")),
                chatty::describe);
        assertTrue(chatty.stderrLines().stream().anyMatch(line -> line.contains("Events.Bundle - BundleEvent STARTED")),
                chatty::describe);
    }

    @Test
    void aMalformedLevelIsOneLineOnStderrAndTheDefaultStays() throws Exception {
        Run run = VshutdownJar.command("log:level").jvmOption("-Dvshutdown.log.level=loud").timeout(QUICKLY).run();

        assertEquals(0, run.exitStatus(), run::describe);
        assertEquals(List.of("root warn"), run.stdoutLines(), run::describe);
        assertEquals(List.of("ERROR [com.example.vshutdown.logging] com.example.vshutdown.logging.internal.LoggingComponent"
                + " - vshutdown.log.level/vshutdown.log.levels: 'loud' is not a log level (trace, debug, info, warn, "
                + "error, off); the root logger stays at warn"), run.stderrLines(), run::describe);
    }

    @Test
    void aLevelChangedWhileTheServiceRunsTakesEffectAtOnce() throws Exception {
        MasterService.prepare(root);
        try (MasterService service = MasterService.start(root,
                jar -> jar.jvmOption("-Dvshutdown.log.levels=Events.Service=warn,Events.Bundle=warn"))) {
            Path example = MasterService.example();
            service.deploy(example, "1.0.0");
            service.awaitRun(run -> run.exitStatus() == 0, "example:status");
            assertFalse(service.log().contains(EXAMPLE_STARTED), service::describe);

            Run changed = service.run("log:level", "Events.Bundle", "info");
            assertEquals(0, changed.exitStatus(), changed::describe);
            assertEquals(List.of("Events.Bundle info"), changed.stdoutLines(), changed::describe);
            service.deploy(example, "1.0.1");

            service.awaitLog(EXAMPLE_UPDATED);
            Run levels = service.run("log:level");
            assertTrue(levels.stdoutLines().contains("Events.Bundle info"), levels::describe);
            assertTrue(levels.stdoutLines().contains("root info"), levels::describe);
        }
    }

    @Test
    void aBadLevelGivenToTheCommandIsRefusedAndChangesNothing() throws Exception {
        Run run = VshutdownJar.command("log:level com.example debug-ish; log:level")
                .timeout(QUICKLY).run();

        assertTrue(run.exitStatus() != 0, run::describe);
        assertEquals(List.of(), run.stdoutLines(), run::describe);
        assertEquals(List.of("log:level: 'debug-ish' is not a log level (trace, debug, info, warn, error, off)"),
                run.stderrLines(), run::describe);
    }
}
