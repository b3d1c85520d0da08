package com.example.vshutdown.support.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Shell scripts standing in for systemctl, reboot and QNX's shutdown, and a named pipe through which
 * a script tells the test what it started: a blocking read, so a test waits for the event itself.
 */
final class Scripts {
    static final Duration BOUND = Duration.ofSeconds(20);
    /**
     * A thread per task for what blocks (a read of a pipe, a command's run): the common pool may
     * have a single thread on a small machine, and a blocked reader would starve the command it
     * waits for.
     */
    static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "test-blocking");
        thread.setDaemon(true);
        return thread;
    });

    private final Path dir;

    Scripts(Path dir) {
        this.dir = dir;
    }

    Path script(String name, String body) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** A named pipe; a script that writes a line to it blocks until the test reads it. */
    Path fifo(String name) throws IOException, InterruptedException {
        Path fifo = dir.resolve(name);
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        if (!mkfifo.waitFor(BOUND.toMillis(), TimeUnit.MILLISECONDS) || mkfifo.exitValue() != 0) {
            throw new IOException("mkfifo " + fifo + " failed");
        }
        return fifo;
    }

    /** The lines a script writes to the pipe up to its first close, read on another thread. */
    static CompletableFuture<List<String>> read(Path fifo) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readAllLines(fifo, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, THREADS);
    }

    /** Waits, within the bound, for the process to have ended. */
    static boolean ended(long pid) throws Exception {
        var handle = ProcessHandle.of(pid);
        if (handle.isPresent()) {
            handle.get().onExit().get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        }
        return !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
