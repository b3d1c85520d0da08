package com.example.vshutdown.support.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real processes: what the policy of NativeShutdown promises, command by command. */
@Timeout(120)
class NativeCommandTest {
    private static final Duration GRACE = Duration.ofMillis(200);

    @TempDir
    Path dir;
    Scripts scripts;

    private NativeCommand command(Path script, Duration bound) {
        return new NativeCommand("shutdown", List.of(script.toString(), "now"), bound, GRACE);
    }

    private Scripts scripts() {
        if (scripts == null) {
            scripts = new Scripts(dir);
        }
        return scripts;
    }

    @Test
    void aCommandThatReturnsZeroIsDoneAndWhatItLeftRunningIsLeftAlone() throws Exception {
        Path log = dir.resolve("log");
        // the child keeps the command's output open after the command ended: the call must not wait for it
        Path script = scripts().script("native", "echo \"$1\" >> " + log + "; sleep 60 & echo $! >> " + log);
        command(script, Scripts.BOUND).run();
        List<String> lines = Files.readAllLines(log);
        assertEquals("now", lines.get(0));
        ProcessHandle child = ProcessHandle.of(Long.parseLong(lines.get(1))).orElseThrow();
        try {
            assertTrue(child.isAlive(), "a command that succeeded is not stopped, nor what it started");
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aFailingCommandIsReportedWithItsStatusAndWhatItPrinted() throws IOException {
        Path script = scripts().script("native", "echo 'Failed to power off system:' >&2; echo 'Access denied'; exit 3");
        CommandFailedException e = assertThrows(CommandFailedException.class, () -> command(script, Scripts.BOUND).run());
        assertEquals("native shutdown command '" + script + " now' failed with exit status 3: "
                + "Failed to power off system:; Access denied", e.getMessage());
        assertEquals("Failed to power off system:; Access denied", e.printed());
    }

    @Test
    void whatACommandPrintsIsQuotedBounded() throws IOException {
        Path script = scripts().script("native", "i=0; while [ $i -lt 200 ]; do echo 'line of forty characters.............'; "
                + "i=$((i+1)); done; exit 1");
        CommandFailedException e = assertThrows(CommandFailedException.class, () -> command(script, Scripts.BOUND).run());
        assertTrue(e.printed().endsWith("..."), e.printed());
        assertEquals(CommandOutput.QUOTED_CHARS + 3, e.printed().length());
    }

    @Test
    void aCommandThatCannotBeStartedSaysSo() {
        Path missing = dir.resolve("no-such-command");
        IOException e = assertThrows(CommandFailedException.class, () -> command(missing, Scripts.BOUND).run());
        assertTrue(e.getMessage().startsWith("native shutdown command '" + missing + " now' cannot be started: "),
                e.getMessage());
    }

    @Test
    void aCommandStillRunningAtTheBoundIsStoppedAndReportedWithWhatItPrinted() throws Exception {
        Path fifo = scripts().fifo("started");
        Path script = scripts().script("native", "echo 'waiting for logind'; echo $$ > " + fifo + "; exec sleep 60");
        CompletableFuture<List<String>> started = Scripts.read(fifo);
        IOException e = assertThrows(IOException.class, () -> command(script, Duration.ofSeconds(3)).run());
        assertEquals("native shutdown command '" + script + " now' did not finish within 3000 ms; it was stopped: "
                + "waiting for logind", e.getMessage());
        long pid = Long.parseLong(started.get(Scripts.BOUND.toMillis(), TimeUnit.MILLISECONDS).get(0));
        assertTrue(Scripts.ended(pid), "the command was stopped");
    }

    @Test
    void anInterruptedCallerStopsTheCommandWithItsWholeProcessTree() throws Exception {
        Path fifo = scripts().fifo("tree");
        // a child that ignores SIGTERM with a grandchild of its own, as a script's pipeline or a helper may be
        // fd 3 is the pipe: the test reads to its end, which comes once every writer has closed it
        Path script = scripts().script("native", """
                exec 3> %s
                echo $$ >&3
                sh -c 'trap "" TERM; sleep 60 3>&- & echo $! >&3; exec 3>&-; wait' &
                echo $! >&3
                exec 3>&-
                exec sleep 60""".formatted(fifo));
        CompletableFuture<List<String>> tree = Scripts.read(fifo);
        CompletableFuture<Thread> caller = new CompletableFuture<>();
        Future<?> run = CompletableFuture.runAsync(() -> {
            caller.complete(Thread.currentThread());
            try {
                command(script, Scripts.BOUND).run();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, Scripts.THREADS);
        List<String> pids = tree.get(Scripts.BOUND.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(3, pids.size(), pids.toString());

        caller.get().interrupt();

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> run.get(Scripts.BOUND.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(e.getCause().getCause() instanceof InterruptedIOException, String.valueOf(e.getCause()));
        assertTrue(e.getCause().getCause().getMessage().endsWith("was interrupted; it was stopped"),
                e.getCause().getCause().getMessage());
        for (String pid : pids) {
            assertTrue(Scripts.ended(Long.parseLong(pid)), "process " + pid + " of the tree was stopped");
        }
    }

    @Test
    void oneLineJoinsLinesDropsControlsAndCuts() {
        assertEquals("a; b", CommandOutput.oneLine("  a  \n\n b \n"));
        assertEquals("x".repeat(300) + "...", CommandOutput.oneLine("x".repeat(400)));
        assertEquals("bell rings", CommandOutput.oneLine("bell\u0007rings"));
    }
}
