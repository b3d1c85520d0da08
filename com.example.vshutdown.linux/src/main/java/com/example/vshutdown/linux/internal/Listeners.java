package com.example.vshutdown.linux.internal;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.spi.VPropertyListener;
import com.example.vshutdown.spi.VPropertyProvider.Subscription;

/**
 * The subscribers of one provider. Hints are delivered on the thread that found them (the netlink
 * receiver, the scanner): the SPI asks listeners to return at once, and a listener that throws
 * must not silence the others.
 */
final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final CopyOnWriteArrayList<Entry> entries = new CopyOnWriteArrayList<>();

    Subscription add(VPropertyListener listener) {
        Entry entry = new Entry(Objects.requireNonNull(listener, "listener"));
        entries.add(entry);
        return entry;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    int size() {
        return entries.size();
    }

    /** Tells every subscriber; empty means "something may have changed: re-read". */
    void changed(Optional<String> name) {
        for (Entry entry : entries) {
            if (!entry.open) {
                continue;
            }
            try {
                entry.listener.changed(name);
            } catch (RuntimeException e) {
                LOG.warn("A vproperty listener failed on the change of {}; it stays subscribed",
                        name.orElse("(unknown)"), e);
            }
        }
    }

    /** Ends every subscription: the provider is going away. */
    void clear() {
        entries.forEach(entry -> entry.open = false);
        entries.clear();
    }

    private final class Entry implements Subscription {
        final VPropertyListener listener;
        volatile boolean open = true;

        Entry(VPropertyListener listener) {
            this.listener = listener;
        }

        @Override
        public void close() {
            open = false;
            entries.remove(this);
        }
    }
}
