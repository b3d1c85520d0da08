package com.example.vshutdown.dist;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.stream.Collectors;

/**
 * Runs the packaged app, {@code java [jvm options] -jar vshutdown.jar [arguments]}, as a process of
 * its own and collects its exit status and output. Every run is bounded: a process still alive
 * after the time-out is destroyed and reported as timed out, so a hanging app fails a test
 * instead of hanging the build. Waits are for what the process prints, never for time to pass.
 * <p>
 * The app starts with SIGINT at its default ({@code env --default-signal=INT}): a build run as a
 * background job of a non-interactive shell passes SIGINT on ignored, and a JVM that starts with
 * SIGINT ignored can never trap it, so Ctrl-C could not reach the app at all.
 * <p>
 * The jar is taken from the system property {@code vshutdown.jar} (set by Failsafe), else from
 * {@code target/vshutdown.jar}; the JVM is the one running the tests. Its main class is the
 * {@code vshutdown} command line, which runs the line in a master service where one answers on the
 * control socket: unless a test names a socket, it is given one that does not exist, so that the
 * app runs embedded whatever runs on the machine.
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
    private static final String CTRL_C = "\u0003";
    /** A control socket that is never there: the command line runs embedded. */
    static final String NO_SERVICE = "/nonexistent/vshutdown-test/control.sock";

    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> arguments;
    private final java.util.Map<String, String> environment = new java.util.LinkedHashMap<>();
    private Path jar = jar("vshutdown.jar", "target/vshutdown.jar");
    private String controlSocket = NO_SERVICE;
    private List<String> user = List.of();
    private Duration timeout = DEFAULT_TIMEOUT;
    private String stdin = "";
    private String interruptMarker;
    private boolean terminal;

    private VshutdownJar(List<String> arguments) {
        this.arguments = arguments;
    }

    /** The app with these arguments: one Gogo command line, or none for the interactive shell. */
    public static VshutdownJar command(String... arguments) {
        return new VshutdownJar(List.of(arguments));
    }

    /**
     * The master service, {@code vshutdown-master.jar} (system property {@code vshutdown.master.jar}),
     * with no arguments: it runs until stopped. Its directories and socket are the test's to give.
     */
    public static VshutdownJar masterService() {
        VshutdownJar service = new VshutdownJar(List.of());
        service.jar = jar("vshutdown.master.jar", "target/vshutdown-master.jar");
        service.controlSocket = null;
        return service;
    }

    /** The control socket where the command line looks for a master service. */
    public VshutdownJar controlSocket(Path socket) {
        this.controlSocket = socket.toString();
        return this;
    }

    /** An environment variable of the process. */
    public VshutdownJar environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /**
     * Runs the process as another user and group (no supplementary groups), through util-linux
     * {@code setpriv}; only root may.
     */
    public VshutdownJar asUser(String name, String group) {
        this.user = List.of("setpriv", "--reuid=" + name, "--regid=" + group, "--clear-groups");
        return this;
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

    /**
     * Runs the app on a pseudo-terminal of 100 x 30 (through util-linux {@code script}), as an
     * operator's terminal: stdout and stderr both arrive as {@link Running#stdout()}, keys are
     * {@linkplain Running#type typed}, and {@link Running#interrupt()} types Ctrl-C.
     */
    public VshutdownJar onTerminal() {
        this.terminal = true;
        return this;
    }

    /** Runs the app to its end, or until the time-out. */
    public Run run() throws IOException, InterruptedException {
        Running running = start();
        if (interruptMarker != null && running.stdout.await(interruptMarker, 0, running.deadline) >= 0) {
            running.interrupt();
        }
        return running.awaitExit();
    }

    /** Starts the app, for a test that acts on it while it runs. */
    public Running start() throws IOException {
        List<String> java = new ArrayList<>(user);
        java.addAll(List.of("env", "--default-signal=INT"));
        environment.forEach((name, value) -> java.add(name + "=" + value));
        java.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        if (controlSocket != null) {
            java.add("-Dvshutdown.control.socket=" + controlSocket);
        }
        java.addAll(jvmOptions);
        java.add("-jar");
        java.add(jar.toString());
        java.addAll(arguments);
        List<String> commandLine = terminal
                ? List.of("script", "--quiet", "--flush", "--return", "--command",
                        "stty cols 100 rows 30 && exec " + shellWords(java), "/dev/null")
                : java;
        ProcessBuilder builder = new ProcessBuilder(commandLine);
        builder.environment().put("SHELL", "/bin/sh"); // script runs the command with it
        builder.environment().put("TERM", "xterm");
        Running running = new Running(commandLine, builder.start(), terminal, System.nanoTime() + timeout.toNanos());
        if (!terminal) {
            try (OutputStream in = running.process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the app may have exited without reading its input; its status tells why
            }
        }
        return running;
    }

    private static String shellWords(List<String> words) {
        return words.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
    }

    private static Path jar(String property, String fallback) {
        Path jar = Paths.get(System.getProperty(property, fallback));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No app at " + jar.toAbsolutePath());
        }
        return jar.toAbsolutePath();
    }

    /** The app while it runs. */
    public static final class Running {
        private final List<String> commandLine;
        private final Process process;
        private final boolean terminal;
        private final long started = System.nanoTime();
        private final long deadline;
        private final Output stdout;
        private final Output stderr;

        Running(List<String> commandLine, Process process, boolean terminal, long deadline) {
            this.commandLine = commandLine;
            this.process = process;
            this.terminal = terminal;
            this.deadline = deadline;
            this.stdout = new Output(process.getInputStream(), "stdout");
            this.stderr = new Output(process.getErrorStream(), "stderr");
        }

        public Output stdout() {
            return stdout;
        }

        public Output stderr() {
            return stderr;
        }

        /**
         * Waits until stdout shows {@code marker} after position {@code from} and returns where it
         * starts; fails the test if the app ends or the run's bound passes first.
         */
        public int awaitStdout(String marker, int from) throws InterruptedException {
            return found(stdout, marker, from);
        }

        public int awaitStderr(String marker) throws InterruptedException {
            return found(stderr, marker, 0);
        }

        /** Waits until stderr shows {@code marker} after position {@code from}, as {@link #awaitStdout}. */
        public int awaitStderr(String marker, int from) throws InterruptedException {
            return found(stderr, marker, from);
        }

        /** The process, for a test that signals it or looks at it in /proc. */
        public Process process() {
            return process;
        }

        private int found(Output output, String marker, int from) throws InterruptedException {
            int at = output.await(marker, from, deadline);
            if (at < 0) {
                throw new AssertionError("'" + marker + "' never showed on " + output.name + ": " + describe());
            }
            return at;
        }

        /** The app's pid (env has exec'ed java: it is the JVM's). */
        public long pid() {
            return process.pid();
        }

        /** SIGKILL: the app dies at once, as a master killed mid-wait, with no chance to clean up. */
        public void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Ctrl-C: SIGINT to the app, or the key on its terminal. */
        public void interrupt() throws IOException, InterruptedException {
            if (terminal) {
                type(CTRL_C);
                return;
            }
            // env has exec'ed java: the pid is the app's
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
            kill.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Keys on the app's terminal, as a person types them ({@code "\r"} is Enter). */
        public void type(String keys) throws IOException {
            OutputStream in = process.getOutputStream();
            in.write(keys.getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        /** Waits for the app's end, within the run's bound. */
        public Run awaitExit() throws InterruptedException {
            boolean exited = process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (!exited) {
                // the app under script too: once script is gone it is no longer found as its child
                List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
                tree.add(process.toHandle());
                tree.forEach(ProcessHandle::destroy);
                if (!process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    tree.forEach(ProcessHandle::destroyForcibly);
                    process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // already gone with the process
            }
            stdout.awaitEnd(deadline);
            stderr.awaitEnd(deadline);
            return new Run(commandLine, exited ? process.exitValue() : -1, !exited,
                    Duration.ofNanos(System.nanoTime() - started), stdout.text(), stderr.text());
        }

        public String describe() {
            return String.join(" ", commandLine) + "\n  still running after "
                    + Duration.ofNanos(System.nanoTime() - started)
                    + "\n  stdout: " + stdout.text().replace("\n", "\n          ")
                    + "\n  stderr: " + stderr.text().replace("\n", "\n          ");
        }
    }

    /** What the app has printed on one stream so far, read as it comes. */
    public static final class Output {
        private final String name;
        private final StringBuilder text = new StringBuilder(); // guarded by this
        private boolean ended; // guarded by this

        Output(InputStream stream, String name) {
            this.name = name;
            Thread reader = new Thread(() -> read(stream), "app " + name);
            reader.setDaemon(true);
            reader.start();
        }

        private void read(InputStream stream) {
            byte[] buffer = new byte[8192];
            try (stream) {
                for (int n = stream.read(buffer); n >= 0; n = stream.read(buffer)) {
                    append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the process is gone
            } finally {
                synchronized (this) {
                    ended = true;
                    notifyAll();
                }
            }
        }

        private synchronized void append(String chunk) {
            text.append(chunk);
            notifyAll();
        }

        /** Where {@code marker} starts at or after {@code from}, or -1 if the stream ended or time ran out first. */
        synchronized int await(String marker, int from, long deadline) throws InterruptedException {
            for (int at = text.indexOf(marker, from); ; at = text.indexOf(marker, from)) {
                long left = deadline - System.nanoTime();
                if (at >= 0 || ended || left <= 0) {
                    return at;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        synchronized void awaitEnd(long deadline) throws InterruptedException {
            while (!ended && deadline - System.nanoTime() > 0) {
                TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
            }
        }

        public synchronized String text() {
            return text.toString();
        }
    }

    /** What one run of the app did. */
    public static final class Run {
        private final List<String> commandLine;
        private final int exitStatus;
        private final boolean timedOut;
        private final Duration took;
        private final String stdout;
        private final String stderr;

        Run(List<String> commandLine, int exitStatus, boolean timedOut, Duration took, String stdout, String stderr) {
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
            return lines(stderr).stream().filter(line -> !isUnsafeWarning(line)).collect(Collectors.toList());
        }

        private static boolean isUnsafeWarning(String line) {
            return line.startsWith("WARNING: ")
                    && (line.contains("sun.misc.Unsafe") || line.contains("Please consider reporting"));
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
