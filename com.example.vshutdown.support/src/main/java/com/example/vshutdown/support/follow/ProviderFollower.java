package com.example.vshutdown.support.follow;

import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.spi.VPropertyListener;
import com.example.vshutdown.spi.VPropertyProvider;
import com.example.vshutdown.spi.VPropertyProvider.Subscription;

/**
 * Keeps one consumer's change subscription on the vproperty provider bound now. The provider is
 * a dynamic, greedy reference: a bundle is updated, a better-ranked provider appears, the last one
 * goes away. The consumer (the master's shutdown in progress, an agent) takes the provider bound
 * now once per look and hands it here <em>before</em> it reads: when it is another one than the one
 * followed, the subscription moves there, so a change made between the read and the subscription
 * cannot slip by, and a provider that is gone is neither told about nor kept subscribed to.
 *
 * <p>A provider whose {@code subscribe} throws is not followed; the exception goes to the caller,
 * which decides what it means (the master refuses to start a shutdown without notifications, an
 * agent relies on its safety re-read), and the next {@link #follow} tries again. Closing ends the
 * subscription for good: a look still running on another thread subscribes nothing afterwards.
 *
 * <p>Thread-safe: a look on one thread and a close on another never leave a subscription behind.
 */
public final class ProviderFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderFollower.class);

    private final String who;
    private final VPropertyListener listener;
    // Guarded by this.
    private VPropertyProvider followed;
    private Subscription subscription;
    private boolean closed;

    /**
     * @param who whose subscription this is, for log lines ("Agent for domain 3")
     * @param listener what the followed provider tells
     */
    public ProviderFollower(String who, VPropertyListener listener) {
        this.who = Objects.requireNonNull(who, "who");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Follows the provider bound now: nothing changes when it is the one followed; otherwise the
     * subscription to the one before ends, and one to this provider is made.
     *
     * @param provider the provider bound now, or null when none is (the subscription just ends)
     * @throws RuntimeException what the provider's {@code subscribe} threw; nothing is followed then
     */
    public synchronized void follow(VPropertyProvider provider) {
        if (closed || (provider != null && provider == followed)) {
            return;
        }
        VPropertyProvider before = followed;
        end();
        if (provider == null) {
            if (before != null) {
                LOG.warn("{}: the vproperty provider {} went away and none replaces it", who, before.description());
            }
            return;
        }
        subscription = provider.subscribe(listener);
        followed = provider;
        if (before != null) {
            LOG.info("{}: the vproperty provider changed from {} to {}; following the new one", who,
                    before.description(), provider.description());
        }
    }

    /** Ends the subscription; later calls of {@link #follow} do nothing. Closing twice is harmless. */
    @Override
    public synchronized void close() {
        closed = true;
        end();
    }

    private void end() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (RuntimeException e) {
                // a provider that is going away may fail to unsubscribe; it tells nobody anything any more anyway
                LOG.debug("{}: closing the subscription to {} failed", who, followed.description(), e);
            }
        }
        subscription = null;
        followed = null;
    }
}
