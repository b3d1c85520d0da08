package com.example.vshutdown.master.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A scheduled executor on virtual time, for the coordinator's tests: nothing runs until the test
 * says so. {@link #runDue()} runs every task that is due now (and those they submit), in order of
 * their due time, then of submission; {@link #advance(Duration)} moves the clock forward and runs
 * what falls due on the way, each at its own time. Other threads may submit tasks; the test
 * thread runs them. It is the coordinator's serial executor, its listener executor and its clock.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private long now = 1_000_000_000L;
    private long sequence;
    private boolean shutdown;

    synchronized long nanoTime() {
        return now;
    }

    /** Runs every task due now, including those they schedule for now. */
    void runDue() {
        Task<?> task;
        while ((task = next(nanoTime())) != null) {
            task.runAndReschedule();
        }
    }

    /** Moves virtual time forward by {@code step}, running each task at its due time on the way. */
    void advance(Duration step) {
        long target;
        synchronized (this) {
            target = now + step.toNanos();
        }
        Task<?> task;
        while ((task = next(target)) != null) {
            task.runAndReschedule();
        }
        synchronized (this) {
            now = target;
        }
        runDue();
    }

    /**
     * Runs tasks as they come, submitted by other threads too, until the condition holds; waits for
     * a submission (not for a time) in between, bounded in real time so that a broken test fails.
     */
    void runUntil(BooleanSupplier condition, Duration realBound) throws InterruptedException {
        long deadline = System.nanoTime() + realBound.toNanos();
        while (true) {
            runDue();
            synchronized (this) {
                if (condition.getAsBoolean()) {
                    return;
                }
                if (hasDueTask()) {
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("not within " + realBound.toMillis() + " ms of real time");
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    /** The tasks waiting to run, due or not: a finished shutdown leaves none behind. */
    synchronized int pending() {
        return queue.size();
    }

    private synchronized boolean hasDueTask() {
        return !queue.isEmpty() && queue.peek().time <= now;
    }

    private synchronized Task<?> next(long until) {
        Task<?> head = queue.peek();
        if (head == null || head.time > until) {
            return null;
        }
        queue.poll();
        now = Math.max(now, head.time);
        return head;
    }

    private synchronized <V> Task<V> add(Task<V> task) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }
        task.sequence = sequence++;
        queue.add(task);
        notifyAll();
        return task;
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return schedule(Executors.callable(command), delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return add(new Task<>(callable, nanoTime() + unit.toNanos(delay), 0));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return scheduleWithFixedDelay(command, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return add(new Task<>(Executors.callable(command), nanoTime() + unit.toNanos(initialDelay), unit.toNanos(delay)));
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>(queue);
        queue.clear();
        return left;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown && queue.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    private final class Task<V> implements ScheduledFuture<V>, Runnable {
        private final Callable<V> callable;
        private final long period;
        private long time;
        private long sequence;
        private boolean cancelled;
        private boolean done;

        Task(Callable<V> callable, long time, long period) {
            this.callable = callable;
            this.time = time;
            this.period = period;
        }

        void runAndReschedule() {
            synchronized (ManualScheduler.this) {
                if (cancelled) {
                    return;
                }
            }
            run();
            synchronized (ManualScheduler.this) {
                if (period > 0 && !cancelled && !shutdown) {
                    time = now + period;
                    queue.add(this);
                } else {
                    done = true;
                }
            }
        }

        @Override
        public void run() {
            try {
                callable.call();
            } catch (Exception e) {
                throw new IllegalStateException("a scheduled task failed", e);
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(time - nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Task<?> that = (Task<?>) other;
            int byTime = Long.compare(time, that.time);
            return byTime != 0 ? byTime : Long.compare(sequence, that.sequence);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            synchronized (ManualScheduler.this) {
                if (done || cancelled) {
                    return false;
                }
                cancelled = true;
                queue.remove(this);
                return true;
            }
        }

        @Override
        public boolean isCancelled() {
            synchronized (ManualScheduler.this) {
                return cancelled;
            }
        }

        @Override
        public boolean isDone() {
            synchronized (ManualScheduler.this) {
                return done || cancelled;
            }
        }

        @Override
        public V get() {
            throw new UnsupportedOperationException("tests do not block on scheduled tasks");
        }

        @Override
        public V get(long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException("tests do not block on scheduled tasks");
        }
    }
}
