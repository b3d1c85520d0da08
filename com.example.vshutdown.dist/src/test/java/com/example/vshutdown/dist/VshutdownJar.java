package com.example.vshutdown.dist;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Runs the packaged app, {@code java [jvm options] -jar vshutdown.jar [arguments]}, as a process of
 * its own and collects its exit status and output. Every run is bounded: a process still alive
 * after the time-out is destroyed and reported as timed out, so a hanging app fails a test
 * instead of hanging the build.
 * <p>
 * The jar is taken from the system property {@code vshutdown.jar} (set by Failsafe), else from
 * {@code target/vshutdown.jar}; the JVM is the one running the tests.
 *
 * <pre>
 * Run run = VshutdownJar.command("vshutdown", "-t", "100", "2")
 *         .jvmOption("-Dvshutdown.sim.domains=1:ok,2:ignore")
 *         .run();
 * assertEquals(1, run.exitStatus(), run::describe);
 * </pre>
 */
public final class VshutdownJar {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> arguments;
    private Duration timeout = DEFAULT_TIMEOUT;
    private String stdin = "";
    private String interruptMarker;

    private VshutdownJar(List<String> arguments) {
        this.arguments = arguments;
    }

    /** The app with these arguments: one Gogo command line, or none for the interactive shell. */
    public static VshutdownJar command(String... arguments) {
        return new VshutdownJar(List.of(arguments));
    }

    /** A JVM option, placed before {@code -jar}: {@code -Dvshutdown.sim.domains=1:ok}. */
    public VshutdownJar jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** How long the process may run before it is destroyed; one minute unless set. */
    public VshutdownJar timeout(Duration limit) {
        this.timeout = limit;
        return this;
    }

    /** Text for the process's standard input, which is closed after it; empty unless set. */
    public VshutdownJar stdin(String text) {
        this.stdin = text;
        return this;
    }

    /**
     * Sends SIGINT (Ctrl-C) to the app once its stdout contains {@code marker}, as an operator
     * would interrupt a wait they had watched start.
     */
    public VshutdownJar interruptWhenOutputShows(String marker) {
        this.interruptMarker = marker;
        return this;
    }

    /** Runs the app to its end, or until the time-out. */
    public Run run() throws IOException, InterruptedException {
        Path dir = Files.createDirectories(Paths.get("target", "it-runs"));
        int number = RUNS.incrementAndGet();
        Path out = dir.resolve(number + ".stdout");
        Path err = dir.resolve(number + ".stderr");
        List<String> commandLine = commandLine();
        Process process = new ProcessBuilder(commandLine)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The app may have exited without reading its input; its status tells why.
        }
        long started = System.nanoTime();
        if (interruptMarker != null) {
            interruptOnMarker(process, out, started);
        }
        long left = timeout.toNanos() - (System.nanoTime() - started);
        boolean exited = process.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (!exited) {
            process.destroy();
            if (!process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        return new Run(commandLine, exited ? process.exitValue() : -1, !exited, took,
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Waits, within the time-out, for the marker on stdout or the process's end; then interrupts. */
    private void interruptOnMarker(Process process, Path out, long started) throws IOException, InterruptedException {
        while (System.nanoTime() - started < timeout.toNanos()) {
            if (Files.readString(out, StandardCharsets.UTF_8).contains(interruptMarker)) {
                Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
                kill.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            // bounded wait on the process itself: returns at once if it ends first
            if (process.waitFor(20, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    private List<String> commandLine() {
        List<String> line = new ArrayList<>();
        line.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        line.addAll(jvmOptions);
        line.add("-jar");
        line.add(jar().toString());
        line.addAll(arguments);
        return line;
    }

    private static Path jar() {
        Path jar = Paths.get(System.getProperty("vshutdown.jar", "target/vshutdown.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No app at " + jar.toAbsolutePath());
        }
        return jar;
    }

    /** What one run of the app did. */
    public static final class Run {
        private final List<String> commandLine;
        private final int exitStatus;
        private final boolean timedOut;
        private final Duration took;
        private final String stdout;
        private final String stderr;

        Run(List<String> commandLine, int exitStatus, boolean timedOut, Duration took,
                String stdout, String stderr) {
            this.commandLine = commandLine;
            this.exitStatus = exitStatus;
            this.timedOut = timedOut;
            this.took = took;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        /** The exit status, or -1 if the process was destroyed after its time-out. */
        public int exitStatus() {
            return exitStatus;
        }

        public boolean timedOut() {
            return timedOut;
        }

        public Duration took() {
            return took;
        }

        public String stdout() {
            return stdout;
        }

        public String stderr() {
            return stderr;
        }

        /**
         * The lines of stderr, without the empty one after the last line break and without the
         * JVM's own warning that Felix 7.0.5 uses sun.misc.Unsafe (JDK 24 and later print it).
         */
        public List<String> stderrLines() {
            return lines(stderr).stream()
                    .filter(line -> !isUnsafeWarning(line))
                    .collect(Collectors.toList());
        }

        private static boolean isUnsafeWarning(String line) {
            return line.startsWith("WARNING: ")
                    && (line.contains("sun.misc.Unsafe")
                            || line.contains("Please consider reporting"));
        }

        public List<String> stdoutLines() {
            return lines(stdout);
        }

        private static List<String> lines(String text) {
            return text.isEmpty() ? List.of() : Arrays.asList(text.split("\\R"));
        }

        /** Everything about the run, for assertion messages. */
        public String describe() {
            String end = timedOut ? "timed out" : "exit status " + exitStatus;
            return String.join(" ", commandLine)
                    + "\n  " + end + " after " + took
                    + "\n  stdout: " + stdout.replace("\n", "\n          ")
                    + "\n  stderr: " + stderr.replace("\n", "\n          ");
        }
    }
}
