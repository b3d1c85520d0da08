package com.example.vshutdown.qnx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native commands with harmless stand-ins run by {@code sh}: never the real shutdown. */
class QnxNativeShutdownTest {
    @TempDir
    Path dir;

    private static List<String> sh(String script) {
        return List.of("sh", "-c", script);
    }

    @Test
    void shutdownAndRebootRunTheirOwnCommands() throws IOException {
        Path log = dir.resolve("log");
        QnxNativeShutdown target = new QnxNativeShutdown(sh("echo system >> " + log), sh("echo reboot >> " + log),
                Duration.ofSeconds(10));

        target.shutdown();
        target.reboot();

        assertEquals(List.of("system", "reboot"), Files.readAllLines(log));
    }

    @Test
    void aFailingCommandIsReportedWithItsStatusAndWhatItSaid() {
        QnxNativeShutdown target = new QnxNativeShutdown(sh("echo 'shutdown: not permitted' >&2; exit 3"),
                sh("true"), Duration.ofSeconds(10));

        IOException e = assertThrows(IOException.class, target::shutdown);

        assertEquals("native shutdown 'sh -c echo 'shutdown: not permitted' >&2; exit 3' failed with exit status 3: "
                + "shutdown: not permitted", e.getMessage());
    }

    @Test
    void aCommandThatHangsIsReportedAfterTheBoundAndLeftRunning() {
        QnxNativeShutdown target = new QnxNativeShutdown(sh("true"), sh("echo going down; exec sleep 3"),
                Duration.ofMillis(300));
        long start = System.nanoTime();

        IOException e = assertThrows(IOException.class, target::reboot);

        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.getMessage().endsWith("did not finish within 300 ms; it is left running: going down"),
                e.getMessage());
        assertTrue(tookMillis >= 300 && tookMillis < 10_000, "took " + tookMillis + " ms");
    }

    @Test
    void aMissingProgramIsReportedByName() {
        QnxNativeShutdown target = new QnxNativeShutdown(List.of(dir.resolve("no-such-shutdown").toString()),
                sh("true"), Duration.ofSeconds(5));

        IOException e = assertThrows(IOException.class, target::shutdown);

        assertTrue(e.getMessage().startsWith("native shutdown '" + dir.resolve("no-such-shutdown")
                + "' could not be started: "), e.getMessage());
    }

    @Test
    void anInterruptedCallerStopsWaitingAndKeepsItsInterrupt() throws Exception {
        QnxNativeShutdown target = new QnxNativeShutdown(sh("exec sleep 5"), sh("true"), Duration.ofSeconds(30));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                target.shutdown();
            } catch (IOException e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        // interrupting before the command starts is fine too: waitFor then throws at once
        caller.interrupt();
        caller.join(10_000);

        assertTrue(thrown.get() instanceof InterruptedIOException, String.valueOf(thrown.get()));
        assertEquals(Boolean.TRUE, stillInterrupted.get());
    }

    @Test
    void theDescriptionSaysWhatRunsAndForHowLong() {
        assertEquals("QNX native shutdown: 'shutdown -S system', reboot: 'shutdown -S reboot' (at most 30000 ms)",
                new QnxNativeShutdown(List.of("shutdown", "-S", "system"), List.of("shutdown", "-S", "reboot"),
                        Duration.ofSeconds(30)).description());
    }
}
