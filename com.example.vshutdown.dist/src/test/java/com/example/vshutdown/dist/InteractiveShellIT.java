package com.example.vshutdown.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.vshutdown.dist.VshutdownJar.Run;
import com.example.vshutdown.dist.VshutdownJar.Running;

/**
 * The interactive shell as an operator meets it, on a pseudo-terminal: line editing and history,
 * Ctrl-C during a command, Ctrl-C at the prompt, Ctrl-D. Each step waits for what the shell
 * prints, keys at the prompt wait for the prompt, as a person would; the order of what it printed
 * is the judgement.
 */
class InteractiveShellIT {
    private static final Duration QUICKLY = Duration.ofSeconds(30);
    private static final String PROMPT = "vshutdown> ";
    private static final String CTRL_D = "\u0004";
    /** Ctrl-U: jline drops the whole line being edited. */
    private static final String KILL_LINE = "\u0015";
    /** The up arrow, as a terminal in the application cursor mode jline sets sends it. */
    private static final String UP = "\u001bOA";
    private static final String MIXED = "-Dvshutdown.sim.domains=1:ok:50,2:ignore,3:block:an update is being installed";

    @TempDir
    Path home;

    private Running shell(String... jvmOptions) throws Exception {
        VshutdownJar app = VshutdownJar.command().onTerminal().timeout(QUICKLY)
                .jvmOption("-Duser.home=" + home); // the history file lands there
        for (String option : jvmOptions) {
            app.jvmOption(option);
        }
        Running running = app.start();
        running.awaitStdout(PROMPT, 0);
        return running;
    }

    @Test
    void ctrlCCancelsTheShutdownAndThePromptComesBackAfterItsOutcome() throws Exception {
        Running shell = shell(MIXED);

        shell.type("vshutdown\r");
        int asked = shell.awaitStdout("asked domain 3", 0);
        shell.interrupt();
        int summary = shell.awaitStdout("CANCELLED", asked);
        int error = shell.awaitStdout("vshutdown: cancelled", summary);
        shell.awaitStdout(PROMPT, error);
        shell.type(CTRL_D);
        Run run = shell.awaitExit();

        assertEquals(0, run.exitStatus(), run::describe);
        assertTrue(run.stdout().contains("the master was NOT shut down"), run::describe);
        assertFalse(run.stdout().contains("starting the master's native"), run::describe);
    }

    @Test
    void ctrlCAtThePromptDropsTheLineAndCtrlDEndsTheShell() throws Exception {
        Running shell = shell();

        shell.type("nosuchcommand abc");
        // the typed words have been read once they are echoed (the command name comes highlighted)
        int typed = shell.awaitStdout("abc", 0);
        shell.interrupt();
        shell.awaitStdout(PROMPT, typed);
        shell.type("echo still here\r");
        shell.awaitStdout(PROMPT, shell.awaitStdout("still here\r\n", 0));
        shell.type(CTRL_D);
        Run run = shell.awaitExit();

        assertEquals(0, run.exitStatus(), run::describe);
        assertFalse(run.stdout().contains("command not found"), run::describe);
    }

    @Test
    void historyRecallsTheLastLineForEditing() throws Exception {
        Running shell = shell();

        shell.type("echo first\r");
        int first = shell.awaitStdout("first\r\n", 0);
        shell.awaitStdout(PROMPT, first);
        shell.type(UP + " second\r");
        shell.awaitStdout(PROMPT, shell.awaitStdout("first second\r\n", first));
        shell.type(CTRL_D);

        assertEquals(0, shell.awaitExit().exitStatus());
    }

    @Test
    void tabCompletesACommandName() throws Exception {
        Running shell = shell();

        shell.type("provid\t\r");
        shell.awaitStdout(PROMPT, shell.awaitStdout("vproperty providers:", 0));
        shell.type(CTRL_D);

        assertEquals(0, shell.awaitExit().exitStatus());
    }

    @Test
    void tabListsTheOptionsOfVshutdownWithTheirDescriptionsAndCompletesOne() throws Exception {
        Running shell = shell();

        shell.type("vshutdown -\t");
        // the candidates are listed with the words of the command's own @Descriptor
        int listed = shell.awaitStdout("force completion", 0);
        shell.type(KILL_LINE + "vshutdown --hel\t\r");
        shell.awaitStdout(PROMPT, shell.awaitStdout("EXIT STATUS", listed));
        shell.type(CTRL_D);

        assertEquals(0, shell.awaitExit().exitStatus());
    }

    @Test
    void tabCompletesTheVmidWithALiveDomainId() throws Exception {
        Running shell = shell("-Dvshutdown.sim.domains=7:ok:50");

        // the only slave, 7, is not one of the default domains: it comes from the running platform
        shell.type("vshutdown -r \t\r");
        shell.awaitStdout(PROMPT, shell.awaitStdout("asked domain 7 to reboot", 0));
        shell.type(CTRL_D);

        assertEquals(0, shell.awaitExit().exitStatus());
    }

    @Test
    void gogoStockCompletionsAreBack() throws Exception {
        Running shell = shell();

        // gogo.jline's own profile describes the options of its head command
        shell.type("head -\t");
        shell.awaitStdout("Print line counts", 0);
        shell.type(KILL_LINE + CTRL_D);

        assertEquals(0, shell.awaitExit().exitStatus());
    }

    @Test
    void aSystemWideShutdownEndsTheShellWithItsSummary() throws Exception {
        Running shell = shell();

        shell.type("vshutdown\r");
        Run run = shell.awaitExit();

        assertEquals(0, run.exitStatus(), run::describe);
        assertTrue(run.stdout().contains("Done in"), run::describe);
        assertTrue(run.stdout().contains("domain 3    acknowledged"), run::describe);
    }
}
