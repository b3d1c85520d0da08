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
 * The commands' manual as an operator asks for it: {@code --help} and {@code -h} of each command
 * (stdout, exit status 0, nothing on stderr), Gogo's {@code help}, and the same through a master
 * service's control socket.
 */
class HelpIT {
    private static final Duration QUICKLY = Duration.ofSeconds(30);

    @TempDir
    Path root;

    @Test
    void everyCommandPrintsItsManualAtHelpAndSucceeds() throws Exception {
        for (List<String> line : List.of(List.of("vshutdown", "--help"), List.of("vshutdown", "-h"),
                List.of("domains", "--help"), List.of("providers", "-h"))) {
            Run run = VshutdownJar.command(line.toArray(String[]::new)).timeout(QUICKLY).run();

            assertEquals(0, run.exitStatus(), run::describe);
            assertTrue(run.stdout().startsWith("NAME\n       " + line.get(0) + " - "), run::describe);
            assertTrue(run.stdout().contains("\nEXIT STATUS\n"), run::describe);
            assertTrue(run.stdout().contains("\n       130\n"), run::describe);
            assertEquals(List.of(), run.stderrLines(), run::describe);
        }
    }

    @Test
    void vshutdownHelpHasEveryOptionTheOperandAndExamples() throws Exception {
        Run run = VshutdownJar.command("vshutdown", "--help").timeout(QUICKLY).run();

        for (String option : List.of("-r, --reboot", "-f, --force", "-t, --timeout ms", "--slaves-only", "--cancel",
                "--json", "-h, --help")) {
            assertTrue(run.stdout().contains("\n       " + option + "\n"), option + ": " + run.describe());
        }
        assertTrue(run.stdout().contains("OPERANDS\n       vmid\n"), run::describe);
        assertTrue(run.stdout().contains("EXAMPLES\n       vshutdown\n"), run::describe);
        // nothing was shut down: help only
        assertFalse(run.stdout().contains("asked domain"), run::describe);
    }

    @Test
    void gogoHelpNamesTheOperandVmid() throws Exception {
        Run run = VshutdownJar.command("help", "vshutdown").timeout(QUICKLY).run();

        assertEquals(0, run.exitStatus(), run::describe);
        assertTrue(run.stdout().contains("      vmid[]   the slave domain"), run::describe);
        assertFalse(run.stdout().contains("String[]"), run::describe);
        assertTrue(run.stdout().contains("130 a second Ctrl-C"), run::describe);
    }

    @Test
    void helpRunsInTheServiceThroughTheControlSocketAsEmbedded() throws Exception {
        Run embedded = VshutdownJar.command("vshutdown", "--help").timeout(QUICKLY).run();
        UnaryOperator<VshutdownJar> asIs = service -> service;
        try (MasterService service = MasterService.start(MasterService.prepare(root), asIs)) {
            Run remote = service.run("vshutdown", "--help");

            assertEquals(0, remote.exitStatus(), remote::describe);
            assertEquals(embedded.stdout(), remote.stdout(), remote::describe);
            assertEquals(List.of(), remote.stderrLines(), remote::describe);
            // it ran in the service, which logs every line it runs
            service.awaitLog("'vshutdown --help' ended with exit status 0");
        }
    }
}
