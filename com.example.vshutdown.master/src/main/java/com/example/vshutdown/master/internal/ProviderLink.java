package com.example.vshutdown.master.internal;

import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.spi.VPropertyListener;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * The provider a shutdown in progress talks to. A wait can outlast a provider: a bundle is
 * updated, a better-ranked one appears, the last one goes away. Each check of the wait takes the
 * provider bound now, once, and moves the change subscription to it when it changed, so a swap to
 * a provider of the same platform does not lose the shutdown, and nothing is read from a provider
 * that is gone.
 */
final class ProviderLink {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderLink.class);

    private final Supplier<Optional<VPropertyProvider>> providers;
    private final VPropertyListener listener;
    // only touched by the thread that writes the requests and then by the waiting thread
    private VPropertyProvider provider;
    private VPropertyProvider.Subscription subscription;

    /**
     * Subscribes the listener to the provider the shutdown starts with: before the requests are
     * written, so that no acknowledgement can slip by unnoticed.
     */
    ProviderLink(Supplier<Optional<VPropertyProvider>> providers, VPropertyProvider first, VPropertyListener listener) {
        this.providers = providers;
        this.listener = listener;
        this.provider = first;
        this.subscription = first.subscribe(listener);
    }

    /** The provider the last check used. */
    VPropertyProvider last() {
        return provider;
    }

    /** The provider bound now, with the subscription moved to it; empty when none is left. */
    Optional<VPropertyProvider> current() {
        Optional<VPropertyProvider> now = providers.get();
        if (now.isEmpty()) {
            if (subscription != null) {
                close();
                LOG.warn("The vproperty provider {} went away during a shutdown and none replaces it",
                        provider.description());
            }
            return now;
        }
        if (now.get() != provider || subscription == null) {
            close();
            LOG.info("The vproperty provider changed during a shutdown, from {} to {}; pending domains are re-read",
                    provider.description(), now.get().description());
            provider = now.get();
            subscription = provider.subscribe(listener);
        }
        return now;
    }

    void close() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (RuntimeException e) {
                // a provider that is going away may fail to unsubscribe; it notifies nobody any more anyway
                LOG.debug("Closing the subscription of {} failed", provider.description(), e);
            }
            subscription = null;
        }
    }
}
