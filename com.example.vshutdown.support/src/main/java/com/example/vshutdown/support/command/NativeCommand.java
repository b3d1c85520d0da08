package com.example.vshutdown.support.command;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One native command of a provider (the OS's shutdown or reboot), run to its end within a bound.
 * The policy is the one {@code NativeShutdown} states for every provider:
 * <ul>
 * <li>exit status 0: done (for a shutdown command: the shutdown has started); whatever it left
 * running is left alone;</li>
 * <li>another exit status: a {@link CommandFailedException} with the status and what it printed;</li>
 * <li>still running at the bound, or the caller interrupted: the command and every process it
 * started are stopped ({@link ProcessTree}), and the call fails saying so, with what it printed.</li>
 * </ul>
 * Its stdin is {@code /dev/null}: nothing may wait for an answer that no operator can give.
 */
public final class NativeCommand {
    private static final Logger LOG = LoggerFactory.getLogger(NativeCommand.class);
    /** How long a command that was sent SIGTERM has before SIGKILL. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);

    /**
     * Drains output and escalates stops. Daemon threads that end when idle: a provider bundle that
     * is updated leaves nothing running behind.
     */
    private static final ExecutorService EXECUTOR = daemons();

    private final String what;
    private final List<String> words;
    private final Duration bound;
    private final Duration grace;

    /**
     * @param what what the command does, for messages ("shutdown", "reboot")
     * @param words the program and its arguments
     * @param bound how long it may run
     * @param grace how long it has between SIGTERM and SIGKILL when it is stopped
     */
    public NativeCommand(String what, List<String> words, Duration bound, Duration grace) {
        this.what = Objects.requireNonNull(what, "what");
        this.words = List.copyOf(words);
        if (this.words.isEmpty()) {
            throw new IllegalArgumentException("a native " + what + " command needs a program");
        }
        this.bound = requirePositive(bound, "bound");
        this.grace = requirePositive(grace, "grace");
    }

    public NativeCommand(String what, List<String> words, Duration bound) {
        this(what, words, bound, DEFAULT_GRACE);
    }

    /** The command as one would type it. */
    public String line() {
        return String.join(" ", words);
    }

    /**
     * Runs the command and waits for it, at most the bound.
     *
     * @throws CommandFailedException if it could not be started or exited with another status than 0
     * @throws InterruptedIOException if the caller was interrupted; the command has been stopped
     * @throws IOException if it did not end within the bound; it has been stopped
     */
    public void run() throws IOException {
        String shown = "native " + what + " command '" + line() + "'";
        LOG.info("Starting the {}", shown);
        Process process;
        try {
            process = new ProcessBuilder(words).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            throw new CommandFailedException(shown + " cannot be started: " + e.getMessage(), "", e);
        }
        CommandOutput output = new CommandOutput(process.getInputStream(), EXECUTOR);
        boolean ended;
        try {
            ended = process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(shown + " was interrupted; it was stopped" + output.quote());
        }
        if (!ended) {
            stop(process);
            throw new IOException(shown + " did not finish within " + bound.toMillis() + " ms; it was stopped"
                    + output.quote());
        }
        int status = process.exitValue();
        if (status != 0) {
            String printed = output.text();
            throw new CommandFailedException(shown + " failed with exit status " + status
                    + (printed.isEmpty() ? "" : ": " + printed), printed, null);
        }
        LOG.info("The {} returned 0", shown);
    }

    private void stop(Process process) {
        List<ProcessHandle> tree = ProcessTree.stop(process.toHandle(), grace, EXECUTOR);
        LOG.warn("Stopping the native {} command '{}' (processes {}): SIGTERM, SIGKILL after {} ms", what, line(),
                tree.stream().map(ProcessHandle::pid).toList(), grace.toMillis());
    }

    private static Duration requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
        return duration;
    }

    private static ExecutorService daemons() {
        // a thread per task, never a queue: a drain that lasts as long as its command must not hold up another's stop
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "vshutdown-native-command");
            thread.setDaemon(true);
            return thread;
        });
    }
}
