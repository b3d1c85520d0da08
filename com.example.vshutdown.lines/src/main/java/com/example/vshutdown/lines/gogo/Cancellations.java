package com.example.vshutdown.lines.gogo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.felix.service.command.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.console.Cancellation;

/**
 * The {@link Cancellation} of one session, as its {@link LineRunner} publishes it: the cancels its
 * commands registered, each with the Gogo job it was registered from, and whether the line in
 * progress has had its first Ctrl-C (see the contract in {@code com.example.vshutdown.console}).
 */
final class Cancellations implements Cancellation {
    private static final Logger LOG = LoggerFactory.getLogger(Cancellations.class);

    private final List<Entry> entries = new ArrayList<>(); // guarded by this
    private boolean lineInterrupted; // guarded by this

    @Override
    public Registration register(Runnable cancel) {
        Entry entry = new Entry(Job.Utils.current(), cancel);
        boolean late;
        synchronized (this) {
            entries.add(entry);
            late = lineInterrupted;
        }
        // Ctrl-C came before the command was ready for it: it applies now.
        if (late && entry.foreground()) {
            entry.cancel();
        }
        return entry;
    }

    /** A line starts or ends: no Ctrl-C yet. */
    synchronized void reset() {
        lineInterrupted = false;
    }

    synchronized boolean lineInterrupted() {
        return lineInterrupted;
    }

    /** The line's first Ctrl-C: cancels the foreground commands, and those still to register. */
    void interrupt() {
        List<Entry> registered;
        synchronized (this) {
            lineInterrupted = true;
            registered = new ArrayList<>(entries);
        }
        // Job status is asked outside our lock: Gogo calls out while it holds its own.
        registered.stream().filter(Entry::foreground).forEach(Entry::cancel);
    }

    private final class Entry implements Registration {
        private final Job job;
        private final Runnable cancel;
        private final AtomicBoolean cancelled = new AtomicBoolean();

        Entry(Job job, Runnable cancel) {
            this.job = job;
            this.cancel = cancel;
        }

        boolean foreground() {
            return job == null || job.status() == Job.Status.Foreground;
        }

        void cancel() {
            if (cancelled.compareAndSet(false, true)) {
                LOG.debug("Ctrl-C: cancelling {}", job == null ? "a command" : job.command());
                try {
                    cancel.run();
                } catch (RuntimeException e) {
                    LOG.warn("The cancel registered by {} failed", job == null ? "a command" : job.command(), e);
                }
            }
        }

        @Override
        public boolean cancelled() {
            return cancelled.get();
        }

        @Override
        public void close() {
            synchronized (Cancellations.this) {
                entries.remove(this);
            }
        }
    }
}
