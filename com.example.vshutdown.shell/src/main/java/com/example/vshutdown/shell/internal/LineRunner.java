package com.example.vshutdown.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the lines of the interactive shell, one at a time, and lets Ctrl-C stop the running one
 * without losing how it ended.
 * <p>
 * gosh's own loop answers Ctrl-C with {@link Job#interrupt()}: the line ends at once with an
 * {@code InterruptedException}, the prompt comes back, and the command, interrupted on its own
 * thread, goes on printing under the prompt; what it finally throws is lost. Here Ctrl-C
 * interrupts only the threads of the foreground job's commands ({@link PipeThreads}), and the shell
 * waits, for a bounded time, until the line has ended as the command chose: with its result or
 * with the exception it threw. A command that is still running when the time is up, or at a
 * second Ctrl-C, is left running as a background job, and the shell gets its prompt back.
 * <p>
 * Each line runs on a thread of its own; the shell's thread only waits for it, which is what makes
 * the bound possible.
 */
final class LineRunner {
    private static final Logger LOG = LoggerFactory.getLogger(LineRunner.class);

    private static final String THREAD_NAME = "vshutdown-line";
    /**
     * After Ctrl-C, how often to look for a command to interrupt that had not started yet (its
     * pipe thread is not named yet) or that the line started since (the next statement).
     */
    private static final long POLL_MILLIS = 20;
    /** How long the line's thread may take to end once told to stop waiting for its job. */
    private static final long LEAVE_MILLIS = 1_000;

    private final CommandSession session;
    private final ThreadGroup group;
    private final long graceMillis;
    private final Object lock = new Object();
    private Line current; // guarded by lock

    /**
     * @param session the session the lines run in
     * @param group the thread group in which {@code session} was created, and so its threads
     * @param graceMillis how long a command may take to end after Ctrl-C
     */
    LineRunner(CommandSession session, ThreadGroup group, long graceMillis) {
        this.session = session;
        this.group = group;
        this.graceMillis = graceMillis;
    }

    /** How a line ended: its result, the exception it threw, or not yet. */
    record Outcome(Object result, Throwable failure, List<Job> stillRunning) {

        boolean failed() {
            return failure != null;
        }

        /** Whether the line was left running, as the background jobs {@link #stillRunning()}. */
        boolean running() {
            return !stillRunning.isEmpty();
        }
    }

    /**
     * Runs one line and waits until it has ended, Ctrl-C included: see the class comment.
     *
     * @throws InterruptedException if the calling thread was interrupted (the shell is closing);
     *         the line's commands are interrupted too
     */
    Outcome run(CharSequence program) throws InterruptedException {
        Line line = new Line(program);
        Thread thread = new Thread(line, THREAD_NAME);
        // Only ever waits for Gogo: it must not keep the JVM up.
        thread.setDaemon(true);
        synchronized (lock) {
            current = line;
        }
        try {
            thread.start();
            return await(line, thread);
        } catch (InterruptedException e) {
            interruptForeground(null);
            thread.interrupt();
            throw e;
        } finally {
            synchronized (lock) {
                current = null;
            }
        }
    }

    /** Ctrl-C, from any thread: the first stops the running line's commands, a second the wait. */
    void interrupt() {
        synchronized (lock) {
            if (current != null && !current.done) {
                current.interrupts++;
                lock.notifyAll();
            }
        }
    }

    private Outcome await(Line line, Thread thread) throws InterruptedException {
        synchronized (lock) {
            while (!line.done && line.interrupts == 0) {
                lock.wait();
            }
            if (line.done) {
                return line.outcome();
            }
        }
        LOG.debug("Ctrl-C: interrupting '{}'", line.program);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        Job interrupted = null;
        while (true) {
            interrupted = interruptForeground(interrupted);
            synchronized (lock) {
                long left = deadline - System.nanoTime();
                if (line.done) {
                    return line.outcome();
                }
                if (line.interrupts > 1 || left <= 0) {
                    break;
                }
                lock.wait(Math.max(1, Math.min(POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(left))));
            }
        }
        return leave(line, thread);
    }

    /**
     * Interrupts the commands of the foreground job, unless it is {@code done} already.
     *
     * @return the job whose commands are now interrupted
     */
    private Job interruptForeground(Job done) {
        Job job = session.foregroundJob();
        if (job == null || job == done) {
            return done;
        }
        List<Thread> threads = PipeThreads.of(group, job);
        if (threads.isEmpty()) {
            // Its commands have not started yet: look again at the next turn.
            return done;
        }
        LOG.debug("Interrupting {}", threads);
        threads.forEach(Thread::interrupt);
        return job;
    }

    /** Stops waiting for a line whose command goes on: its job goes on in the background. */
    private Outcome leave(Line line, Thread thread) throws InterruptedException {
        // The line's thread waits for the job in the foreground: interrupted, it stops waiting and
        // runs nothing more of the line; the job stays in the foreground until moved.
        thread.interrupt();
        thread.join(LEAVE_MILLIS);
        List<Job> left = new ArrayList<>();
        for (Job job = session.foregroundJob(); job != null && !left.contains(job);
                job = session.foregroundJob()) {
            left.add(job);
            try {
                job.background();
            } catch (IllegalStateException e) {
                // It has just ended.
            }
        }
        left.removeIf(job -> job.status() == Job.Status.Done);
        synchronized (lock) {
            if (left.isEmpty() && line.done) {
                // The line ended while we gave up on it.
                return line.outcome();
            }
        }
        LOG.debug("'{}' is still running, left as {}", line.program, left);
        return new Outcome(null, null, left);
    }

    /** One line on its thread. */
    private final class Line implements Runnable {
        final CharSequence program;
        int interrupts; // guarded by lock
        boolean done; // guarded by lock
        private Object result; // guarded by lock
        private Throwable failure; // guarded by lock

        Line(CharSequence program) {
            this.program = program;
        }

        @Override
        public void run() {
            Object r = null;
            Throwable f = null;
            try {
                r = session.execute(program);
                awaitForegroundJobs();
            } catch (Exception | Error e) {
                f = e;
            }
            synchronized (lock) {
                result = r;
                failure = f;
                done = true;
                lock.notifyAll();
            }
        }

        /** A line may bring a job to the foreground ({@code fg}): the line lasts as long. */
        private void awaitForegroundJobs() throws InterruptedException {
            for (Job job = session.foregroundJob(); job != null; job = session.foregroundJob()) {
                synchronized (job) {
                    // Gogo notifies on the job when its status changes.
                    if (job.status() == Job.Status.Foreground) {
                        job.wait();
                    }
                }
            }
        }

        Outcome outcome() {
            return new Outcome(result, failure, List.of());
        }
    }
}
