package com.example.vshutdown.master.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.osgi.util.promise.Deferred;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.PromiseFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.api.ShutdownEvent;
import com.example.vshutdown.api.ShutdownListener;

/**
 * Tells the whiteboard listeners each event, off the shutdown's own thread: every listener has a
 * mailbox of its own, drained on the delivery executor in order, so a listener that is slow or
 * blocks (a blocked output pipe) delays only its own events. Whatever a listener throws, an Error
 * included, is logged and changes nothing else.
 */
final class EventDelivery {
    /** How long a shutdown's result waits for FINISHED to reach every listener (ShutdownListener states it). */
    static final Duration FINISHED_BOUND = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(EventDelivery.class);

    private final Supplier<List<ShutdownListener>> listeners;
    private final Executor executor;
    private final PromiseFactory promises;
    /** Guarded by this; listeners are told apart by identity, as the registry holds them. */
    private final Map<ShutdownListener, Mailbox> mailboxes = new IdentityHashMap<>();

    EventDelivery(Supplier<List<ShutdownListener>> listeners, Executor executor, PromiseFactory promises) {
        this.listeners = listeners;
        this.executor = executor;
        this.promises = promises;
    }

    /** Posts an event to every listener registered now. */
    void publish(ShutdownEvent event) {
        post(event, false);
    }

    /**
     * Posts the last event of a shutdown; the promise resolves once every listener registered now
     * has been given it (returned or thrown), whatever their other events do meanwhile.
     */
    Promise<?> publishLast(ShutdownEvent event) {
        return promises.all(post(event, true));
    }

    private synchronized List<Promise<Void>> post(ShutdownEvent event, boolean tracked) {
        List<ShutdownListener> current = listeners.get();
        List<Promise<Void>> delivered = new ArrayList<>();
        for (ShutdownListener listener : current) {
            Deferred<Void> done = tracked ? promises.deferred() : null;
            mailboxes.computeIfAbsent(listener, Mailbox::new).post(new Letter(event, done));
            if (done != null) {
                delivered.add(done.getPromise());
            }
        }
        // a listener that went away keeps its mailbox only until it has drained
        mailboxes.entrySet().removeIf(e -> current.stream().noneMatch(l -> l == e.getKey()) && e.getValue().idle());
        return delivered;
    }

    private record Letter(ShutdownEvent event, Deferred<Void> delivered) {
    }

    /** One listener's queue: drained by one task at a time, so its events arrive in order. */
    private final class Mailbox implements Runnable {
        private final ShutdownListener listener;
        private final Queue<Letter> letters = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean draining = new AtomicBoolean();

        Mailbox(ShutdownListener listener) {
            this.listener = listener;
        }

        void post(Letter letter) {
            letters.add(letter);
            schedule();
        }

        boolean idle() {
            return letters.isEmpty() && !draining.get();
        }

        private void schedule() {
            if (draining.compareAndSet(false, true)) {
                try {
                    executor.execute(this);
                } catch (RejectedExecutionException e) {
                    // the master is stopping: nobody is told any more, and a shutdown's result waits only its bound
                    draining.set(false);
                    LOG.debug("Shutdown listener {} is not told any more: the master is stopping", listener);
                }
            }
        }

        @Override
        public void run() {
            Letter letter;
            while ((letter = letters.poll()) != null) {
                deliver(letter);
            }
            draining.set(false);
            // a letter posted between the last poll and the reset must not wait for the next one
            if (!letters.isEmpty()) {
                schedule();
            }
        }

        private void deliver(Letter letter) {
            try {
                listener.onEvent(letter.event());
            } catch (Throwable t) {
                // a bundle being updated throws NoClassDefFoundError: log it; a listener must not stop a shutdown
                LOG.warn("Shutdown listener {} failed on {}", listener, letter.event().type(), t);
            } finally {
                if (letter.delivered() != null) {
                    letter.delivered().resolve(null);
                }
            }
        }
    }
}
