package com.example.vshutdown.master.internal;

import java.util.Optional;
import java.util.function.Supplier;

import com.example.vshutdown.spi.VPropertyListener;
import com.example.vshutdown.spi.VPropertyProvider;
import com.example.vshutdown.support.follow.ProviderFollower;

/**
 * The provider a shutdown in progress talks to. A wait can outlast a provider: a bundle is
 * updated, a better-ranked one appears, the last one goes away. Each check of the wait takes the
 * provider bound now, once, and moves the change subscription to it when it changed (the
 * {@link ProviderFollower} that agents use too), so a swap to a provider of the same platform does
 * not lose the shutdown, and nothing is read from a provider that is gone.
 */
final class ProviderLink {
    private final Supplier<Optional<VPropertyProvider>> providers;
    private final ProviderFollower follower;
    // only touched by the thread that writes the requests and then by the waiting thread
    private VPropertyProvider provider;

    /**
     * Subscribes the listener to the provider the shutdown starts with: before the requests are
     * written, so that no acknowledgement can slip by unnoticed.
     *
     * @throws RuntimeException what the provider's {@code subscribe} threw
     */
    ProviderLink(Supplier<Optional<VPropertyProvider>> providers, VPropertyProvider first, VPropertyListener listener) {
        this.providers = providers;
        this.follower = new ProviderFollower("The shutdown in progress", listener);
        this.provider = first;
        follower.follow(first);
    }

    /** The provider the last check used. */
    VPropertyProvider last() {
        return provider;
    }

    /** The provider bound now, with the subscription moved to it; empty when none is left. */
    Optional<VPropertyProvider> current() {
        Optional<VPropertyProvider> now = providers.get();
        now.ifPresent(bound -> provider = bound);
        follower.follow(now.orElse(null));
        return now;
    }

    void close() {
        follower.close();
    }
}
