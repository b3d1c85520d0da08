package com.example.vshutdown.support.listeners;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.spi.VPropertyProvider.Subscription;

/**
 * The subscribers of one provider, and their calls. A call is made on the thread that has
 * something to tell (a netlink receiver, a re-read, a watcher): the SPI asks listeners to return
 * at once. A listener that fails is logged and stays subscribed, and never keeps the others from
 * being told — not even with an {@link Error} such as the {@link NoClassDefFoundError} of a
 * listener whose bundle is being updated, which would otherwise end the thread that tells them.
 * Only a {@link VirtualMachineError} (the JVM itself failing) goes through.
 *
 * @param <L> the listener type
 */
public class ListenerList<L> {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerList.class);

    private final CopyOnWriteArrayList<Entry> entries = new CopyOnWriteArrayList<>();

    /** Adds a listener until the returned subscription is closed; closing twice is harmless. */
    public Subscription subscribe(L listener) {
        Entry entry = new Entry(Objects.requireNonNull(listener, "listener"));
        entries.add(entry);
        return entry;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int size() {
        return entries.size();
    }

    /**
     * Makes the call on every open subscription, in the order they were made.
     *
     * @param event what is told, for the log line of a listener that fails
     */
    public final void tell(Consumer<? super L> call, Object event) {
        for (Entry entry : entries) {
            if (!entry.open) {
                continue;
            }
            try {
                call.accept(entry.listener);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (RuntimeException | Error e) {
                LOG.warn("Listener {} failed on {}; it stays subscribed", entry.listener, event, e);
            }
        }
    }

    /** Ends every subscription: the provider is going away and will tell nobody anything again. */
    public void close() {
        entries.forEach(entry -> entry.open = false);
        entries.clear();
    }

    private final class Entry implements Subscription {
        final L listener;
        volatile boolean open = true;

        Entry(L listener) {
            this.listener = listener;
        }

        @Override
        public void close() {
            open = false;
            entries.remove(this);
        }
    }
}
