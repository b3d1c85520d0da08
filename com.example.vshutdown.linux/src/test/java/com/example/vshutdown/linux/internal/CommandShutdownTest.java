package com.example.vshutdown.linux.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.vshutdown.spi.ShutdownVetoedException;

/** Real commands: small shell scripts standing in for systemctl and reboot. */
class CommandShutdownTest {
    private static final Duration BOUND = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Path script(String name, String body) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private CommandShutdown commands(Path script, Duration timeout) {
        return new CommandShutdown(List.of(script.toString(), "shutdown"), List.of(script.toString(), "reboot"),
                timeout, "configured");
    }

    @Test
    void aCommandThatReturnsZeroHasStartedTheShutdownOrReboot() throws IOException {
        Path log = dir.resolve("log");
        Path script = script("native", "echo \"$1\" >> " + log);
        CommandShutdown commands = commands(script, BOUND);
        commands.shutdown();
        commands.reboot();
        assertEquals(List.of("shutdown", "reboot"), Files.readAllLines(log));
        assertEquals("native shutdown (configured): '" + script + " shutdown', reboot: '" + script + " reboot'",
                commands.description());
    }

    @Test
    void aFailingCommandIsReportedWithItsStatusAndWhatItPrinted() throws IOException {
        Path script = script("native", "echo 'Failed to power off system:' >&2; echo 'Access denied'; exit 3");
        IOException e = assertThrows(IOException.class, () -> commands(script, BOUND).shutdown());
        assertEquals("native shutdown command '" + script + " shutdown' failed with exit status 3: "
                + "Failed to power off system:; Access denied", e.getMessage());
    }

    @Test
    void anInhibitorLockThatRefusesIsAVeto() throws IOException {
        Path script = script("native", "echo 'Operation inhibited by \"updater\" (PID 42), reason is \"update\".'; exit 1");
        ShutdownVetoedException e = assertThrows(ShutdownVetoedException.class, () -> commands(script, BOUND).reboot());
        assertTrue(e.getMessage().contains("Operation inhibited by \"updater\""), e.getMessage());
    }

    @Test
    void aCommandThatCannotBeStartedSaysSo() {
        CommandShutdown commands = new CommandShutdown(List.of(dir.resolve("no-such-command").toString()),
                List.of("reboot"), BOUND, "configured");
        IOException e = assertThrows(IOException.class, commands::shutdown);
        assertTrue(e.getMessage().startsWith("native shutdown command '" + dir.resolve("no-such-command")
                + "' cannot be started: "), e.getMessage());
    }

    @Test
    void aHangingCommandIsStoppedAfterTheTimeOutAndReported() throws Exception {
        Path pid = dir.resolve("pid");
        Path script = script("native", "echo $$ > " + pid + "; exec sleep 60");
        long started = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> commands(script, Duration.ofMillis(300)).shutdown());
        assertEquals("native shutdown command '" + script + " shutdown' did not finish within 300 ms; it was stopped",
                e.getMessage());
        assertTrue(System.nanoTime() - started < BOUND.toNanos(), "bounded");
        assertStopped(Long.parseLong(Files.readString(pid).strip()));
    }

    @Test
    void anInterruptedCallerStopsTheCommand() throws Exception {
        Path pid = dir.resolve("pid");
        Path started = dir.resolve("started");
        Path script = script("native", "echo $$ > " + pid + "; touch " + started + "; exec sleep 60");
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                commands(script, BOUND).reboot();
                outcome.complete(null);
            } catch (IOException e) {
                outcome.complete(e);
            }
        }, "caller");
        caller.start();
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!Files.exists(started) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(Files.exists(started), "the command started");
        caller.interrupt();
        Throwable thrown = outcome.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(thrown instanceof InterruptedIOException, String.valueOf(thrown));
        assertStopped(Long.parseLong(Files.readString(pid).strip()));
    }

    @Test
    void aHangingCommandIsStoppedWithItsWholeProcessTree() throws Exception {
        Path pids = dir.resolve("pids");
        // a child that ignores SIGTERM, and a grandchild: what systemctl's helpers or a script's pipeline leave
        Path script = script("native", "sh -c 'trap \"\" TERM; sleep 60 & echo $! >> " + pids + "; wait' &\n"
                + "echo $! >> " + pids + "\nexec sleep 60");
        assertThrows(IOException.class, () -> commands(script, Duration.ofMillis(300)).shutdown());
        List<String> tree = Files.readAllLines(pids);
        assertEquals(2, tree.size(), tree.toString());
        for (String pid : tree) {
            assertStopped(Long.parseLong(pid.strip()));
        }
    }

    private static void assertStopped(long pid) throws Exception {
        var handle = ProcessHandle.of(pid);
        if (handle.isPresent()) {
            handle.get().onExit().get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the command was stopped");
    }

    @Test
    void outputIsQuotedOnOneLineAndCut() {
        assertEquals("a; b", CommandShutdown.oneLine("  a  \n\n b \n"));
        assertEquals("x".repeat(300) + "...", CommandShutdown.oneLine("x".repeat(400)));
        assertEquals("bell rings", CommandShutdown.oneLine("bell\u0007rings"));
    }
}
