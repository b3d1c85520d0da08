package com.example.vshutdown.systemtest;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One JVM process of the system: {@code java [options] -jar <jar> [arguments]}, its output in files
 * of the platform's directory. Every wait is bounded; {@link #stop()} ends it for sure.
 */
final class Jvm {
    private static final Duration STOP_BOUND = Duration.ofSeconds(15);

    final Process process;
    final List<String> commandLine;
    final Path out;
    final Path err;

    private Jvm(Process process, List<String> commandLine, Path out, Path err) {
        this.process = process;
        this.commandLine = commandLine;
        this.out = out;
        this.err = err;
    }

    /** The executable jar that Failsafe names in {@code property}: an artifact of the dist module. */
    static Path jar(String property) {
        String file = System.getProperty(property);
        if (file == null) {
            throw new IllegalStateException("No system property " + property
                    + ": run the system test through Maven, which resolves the jar from com.example.vshutdown.dist");
        }
        Path jar = Paths.get(file);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No " + jar.toAbsolutePath() + " (system property " + property + ")");
        }
        return jar;
    }

    /** Starts it with stdout and stderr going to {@code <logs>/<name>.out|.err}; stdin is empty. */
    static Jvm start(Path jar, List<String> options, List<String> arguments, Path logs, String name)
            throws IOException {
        List<String> line = new ArrayList<>();
        line.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        line.addAll(options);
        line.add("-jar");
        line.add(jar.toString());
        line.addAll(arguments);
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        Process process = new ProcessBuilder(line).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        return new Jvm(process, line, out, err);
    }

    /**
     * Waits, within the bound, until stderr contains the text; false if it never does or the process
     * ends first. Woken by the kernel (inotify, through the JDK's watch service) when a log is
     * written, and by the process's end, which closes the watch.
     */
    boolean awaitStderr(String text, Duration bound) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        try (WatchService watch = err.getFileSystem().newWatchService()) {
            // registered before the first look, so that no write after it goes unseen
            err.getParent().register(watch, StandardWatchEventKinds.ENTRY_MODIFY);
            process.onExit().thenRun(() -> close(watch));
            while (!stderr().contains(text)) {
                long left = deadline - System.nanoTime();
                if (!process.isAlive() || left <= 0) {
                    return stderr().contains(text);
                }
                WatchKey key = watch.poll(left, TimeUnit.NANOSECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
            return true;
        } catch (ClosedWatchServiceException ended) {
            return stderr().contains(text);
        }
    }

    private static void close(WatchService watch) {
        try {
            watch.close();
        } catch (IOException e) {
            // the wait ends at its bound instead
        }
    }

    boolean awaitExit(Duration bound) throws InterruptedException {
        return process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGTERM, then SIGKILL if it does not end within the bound. */
    void stop() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(STOP_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    String stdout() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    /** Everything about the process, for assertion messages. */
    String describe() {
        try {
            String end = process.isAlive() ? "still running" : "exit status " + process.exitValue();
            return String.join(" ", commandLine) + "\n  " + end
                    + "\n  stdout: " + stdout().replace("\n", "\n          ")
                    + "\n  stderr: " + stderr().replace("\n", "\n          ");
        } catch (IOException e) {
            return String.join(" ", commandLine) + ": " + e;
        }
    }
}
