package com.example.vshutdown.lines.gogo;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.apache.felix.service.command.Job;
import org.apache.felix.service.command.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.console.Cancellation;
import com.example.vshutdown.lines.CommandLine;

/**
 * Runs command lines in one Gogo session, one at a time, and owns their Ctrl-C: a line and its
 * {@link CtrlC} give an exit status and at most one error line, the result going to the session's
 * console. It knows no terminal, so the one-shot command, the interactive shell and a control
 * socket can all use it. It publishes the session's {@link Cancellations}: the first Ctrl-C runs
 * what the line's commands registered; the second abandons the line (status 130) without
 * waiting for it.
 */
public final class LineRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LineRunner.class);

    /** The exit status of a line abandoned at a second Ctrl-C, the shells' 128 + SIGINT. */
    public static final int ABANDONED = 130;
    /** How long Gogo may take to end the job of an abandoned line, so that the session is free. */
    private static final long RELEASE_MILLIS = 1_000;

    private final CommandSession session;
    private final Cancellations cancellations = new Cancellations();
    private final ExecutorService lines = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "vshutdown-line");
        thread.setDaemon(true); // an abandoned command must not keep the JVM up
        return thread;
    });
    /** The command whose job threw an exception first: the one an error line names. */
    private final Map<Throwable, CharSequence> thrownBy = Collections.synchronizedMap(new IdentityHashMap<>());
    private volatile int lastError;

    /** How a line ended: its exit status and the one line for stderr, if it failed. */
    public record Outcome(int status, String error) {
    }

    public LineRunner(CommandSession session) {
        this.session = session;
        session.put(Cancellation.SESSION_VARIABLE, cancellations);
        session.setJobListener(this::jobChanged);
    }

    /** Runs {@code line} until it ends, or until its second Ctrl-C. */
    public Outcome run(CharSequence line, CtrlC ctrlC) throws InterruptedException {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        cancellations.reset();
        thrownBy.clear();
        lastError = 0;
        ctrlC.listen(count -> {
            if (count == 1) {
                LOG.debug("Ctrl-C: cancelling what '{}' registered", line);
                cancellations.interrupt();
            } else if (count == 2) {
                abandon(line, outcome);
            }
        });
        try {
            Future<?> executing = outcome.isDone() ? null : lines.submit(() -> outcome.complete(execute(line)));
            Outcome ended = get(outcome, Long.MAX_VALUE);
            if (executing != null) {
                get(executing, RELEASE_MILLIS); // at once unless abandoned: then until Gogo freed the session
            }
            return ended;
        } finally {
            ctrlC.stopListening();
            cancellations.reset();
        }
    }

    private Outcome execute(CharSequence line) {
        try {
            Object result = session.execute(line);
            session.put("_", result);
            if (result != null && !Boolean.FALSE.equals(session.get(".Gogo.format"))) {
                session.getConsole().println(session.format(result, Converter.INSPECT));
            }
            return new Outcome(CommandFailure.exitStatus(lastError, cancellations.lineInterrupted()), null);
        } catch (Exception | Error e) {
            // the profile's "e" prints the stack trace of $exception
            session.put("exception", e);
            int status = CommandFailure.exitStatus(e);
            LOG.debug("'{}' failed with exit status {}", line, status, e);
            return new Outcome(status, CommandFailure.describe(CommandFailure.command(e, thrownBy.getOrDefault(e, line)), e));
        } finally {
            session.getConsole().flush();
        }
    }

    /**
     * Stops waiting for the line, then lets Gogo interrupt its job, as gosh does at Ctrl-C: in this
     * order, or the job, ending at the interrupt, could report first. A line that has just ended
     * by itself keeps its outcome.
     */
    private void abandon(CharSequence line, CompletableFuture<Outcome> outcome) {
        Job job = session.foregroundJob();
        CharSequence command = job == null ? line : job.command();
        LOG.debug("Ctrl-C again: abandoning '{}'", command);
        boolean abandoned = outcome.complete(new Outcome(ABANDONED, CommandLine.commandName(command)
                + ": abandoned at a second Ctrl-C, without waiting for it to end"));
        if (abandoned && job != null) {
            job.interrupt();
        }
    }

    /** Keeps what Gogo drops: which command threw, and the error code of the last statement. */
    private void jobChanged(Job job, Job.Status previous, Job.Status current) {
        if (current != Job.Status.Done || previous != Job.Status.Foreground) {
            return; // not one of the line's own, which it waits for
        }
        Result result = job.result();
        if (result != null && result.exception() != null) {
            thrownBy.putIfAbsent(result.exception(), job.command());
        }
        if (job.parent() == null) {
            // commands may fail without throwing: they print a message and set an error code
            lastError = result == null ? 0 : result.error();
        }
    }

    private static <T> T get(Future<T> future, long millis) throws InterruptedException {
        try {
            return future.get(millis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return null; // the line itself reports its failures; a slow release is not one
        }
    }

    @Override
    public void close() {
        lines.shutdownNow();
    }
}
