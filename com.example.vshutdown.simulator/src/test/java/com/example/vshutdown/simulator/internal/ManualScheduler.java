package com.example.vshutdown.simulator.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler whose tasks run only when the test says so, on the test's thread: it lets a test put
 * a hard stop exactly between the stop and the start of a reboot, with no timing involved.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final LinkedBlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private volatile boolean shutdown;

    /** Waits for the next scheduled task (cancelled or not) and returns it without running it. */
    Task next() {
        try {
            Task task = queue.poll(ChangeRecorder.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return task != null ? task : fail("nothing was scheduled within " + ChangeRecorder.TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    /** The tasks scheduled and not yet taken. */
    List<Task> queued() {
        return List.copyOf(queue);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        if (shutdown) {
            throw new RejectedExecutionException("shut down");
        }
        Task task = new Task(command, unit.toMillis(delay));
        queue.add(task);
        return task;
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return shutdown;
    }

    /** A scheduled task; {@link #run()} runs it unless it was cancelled. */
    static final class Task implements ScheduledFuture<Object> {
        private final Runnable command;
        private final long delayMillis;
        private volatile boolean cancelled;
        private volatile boolean done;

        Task(Runnable command, long delayMillis) {
            this.command = command;
            this.delayMillis = delayMillis;
        }

        long delayMillis() {
            return delayMillis;
        }

        void run() {
            if (!cancelled) {
                command.run();
            }
            done = true;
        }

        /** Runs it even if cancelled: the task had already started when the cancellation came. */
        void runAnyway() {
            command.run();
            done = true;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(delayMillis, TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.MILLISECONDS), other.getDelay(TimeUnit.MILLISECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            cancelled = !done;
            return cancelled;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
