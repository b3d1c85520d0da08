package com.example.vshutdown.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.example.vshutdown.dist.VshutdownJar.Run;

/**
 * The app as scripts use it: one command line per process, the outcome in the exit status, the
 * command's output alone on stdout, one line on stderr for a failure.
 */
class OneShotCommandIT {

    /** Generous for a JVM start on a loaded machine, yet far below the build's patience. */
    private static final Duration QUICKLY = Duration.ofSeconds(30);

    @Test
    void builtInCommandPrintsToStdoutAndSucceeds() throws Exception {
        Run run = VshutdownJar.command("lb").timeout(QUICKLY).run();

        assertEquals(0, run.exitStatus(), run::describe);
        assertTrue(run.stdout().contains("org.apache.felix.gogo.runtime")
                || run.stdout().contains("Apache Felix Gogo Runtime"), run::describe);
        assertTrue(run.stdout().contains("vshutdown shell"), run::describe);
        assertEquals(List.of(), run.stderrLines(), run::describe);
    }

    @Test
    void unknownCommandIsBadInputWithOneLineOnStderr() throws Exception {
        Run run = VshutdownJar.command("nosuchcommand").timeout(QUICKLY).run();

        assertEquals(2, run.exitStatus(), run::describe);
        assertEquals("", run.stdout(), run::describe);
        assertEquals(List.of("nosuchcommand: command not found"), run.stderrLines(), run::describe);
    }

    @Test
    void theErrorLineNamesTheCommandThatFailedNotTheFirstOfTheLine() throws Exception {
        for (String line : List.of("providers ; vshutdown 9", "echo a | vshutdown 9")) {
            Run run = VshutdownJar.command(line).timeout(QUICKLY).run();

            assertEquals(2, run.exitStatus(), run::describe);
            assertEquals(1, run.stderrLines().size(), run::describe);
            assertTrue(run.stderrLines().get(0).startsWith("vshutdown: domain 9 does not exist"), run::describe);
        }
    }

    @Test
    void argumentsThatDoNotFitTheCommandAreBadInput() throws Exception {
        Run run = VshutdownJar.command("headers", "not-a-bundle").timeout(QUICKLY).run();

        assertEquals(2, run.exitStatus(), run::describe);
        assertEquals("", run.stdout(), run::describe);
        assertEquals(1, run.stderrLines().size(), run::describe);
        assertTrue(run.stderrLines().get(0).startsWith("headers: "), run::describe);
    }

    @Test
    void eachArgumentReachesTheCommandAsOneWord() throws Exception {
        Run run = VshutdownJar.command("echo", "a  b", "it's", "$HOME", "x;y", "*").timeout(QUICKLY).run();

        assertEquals(0, run.exitStatus(), run::describe);
        assertEquals(List.of("a  b it's $HOME x;y *"), run.stdoutLines(), run::describe);
    }

    @Test
    void wholeLineInTheFirstArgumentRunsAsWritten() throws Exception {
        Run run = VshutdownJar.command("lb | grep -i jline").timeout(QUICKLY).run();

        assertEquals(0, run.exitStatus(), run::describe);
        assertFalse(run.stdout().contains("START LEVEL"), run::describe);
        assertTrue(run.stdout().contains("JLine"), run::describe);
    }

    @Test
    void logsGoToStderrEvenAtDebugLevel() throws Exception {
        Run quiet = VshutdownJar.command("lb").timeout(QUICKLY).run();
        Run chatty = VshutdownJar.command("lb")
                .jvmOption("-Dvshutdown.log.level=debug")
                .timeout(QUICKLY)
                .run();

        assertEquals(0, chatty.exitStatus(), chatty::describe);
        assertEquals(quiet.stdout(), chatty.stdout(), chatty::describe);
        assertTrue(chatty.stderr().contains("DEBUG"), chatty::describe);
    }

    @Test
    void withoutArgumentsTheShellReadsStdinAndEndsAtItsEnd() throws Exception {
        Run run = VshutdownJar.command().stdin("lb\n").timeout(QUICKLY).run();

        assertEquals(0, run.exitStatus(), run::describe);
        assertTrue(run.stdout().contains("START LEVEL"), run::describe);
        assertEquals(List.of(), run.stderrLines(), run::describe);
    }
}
