package com.example.vshutdown.support.follow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.example.vshutdown.spi.VPropertyListener;
import com.example.vshutdown.spi.VPropertyProvider;
import com.example.vshutdown.support.listeners.VPropertyListeners;

class ProviderFollowerTest {
    /** A provider with nothing but subscriptions, which a test can refuse or break. */
    static final class Provider implements VPropertyProvider {
        final String name;
        final VPropertyListeners listeners = new VPropertyListeners();
        RuntimeException refuseSubscriptions;
        RuntimeException failUnsubscribing;
        int subscriptionsMade;

        Provider(String name) {
            this.name = name;
        }

        @Override
        public String description() {
            return name;
        }

        @Override
        public Optional<String> read(String property) {
            return Optional.empty();
        }

        @Override
        public void write(String property, String value) {
        }

        @Override
        public Set<String> names() {
            return Set.of();
        }

        @Override
        public Subscription subscribe(VPropertyListener listener) {
            if (refuseSubscriptions != null) {
                throw refuseSubscriptions;
            }
            subscriptionsMade++;
            Subscription subscription = listeners.subscribe(listener);
            return () -> {
                subscription.close();
                if (failUnsubscribing != null) {
                    throw failUnsubscribing;
                }
            };
        }

        void tell(String property) {
            listeners.changed(Optional.of(property));
        }
    }

    final List<String> heard = new ArrayList<>();
    final ProviderFollower follower = new ProviderFollower("test", name -> heard.add(name.orElse("everything")));
    final Provider first = new Provider("first");
    final Provider second = new Provider("second");

    @Test
    void followingTheSameProviderAgainKeepsItsOneSubscription() {
        follower.follow(first);
        follower.follow(first);
        first.tell("a");
        assertEquals(List.of("a"), heard);
        assertEquals(1, first.subscriptionsMade);
    }

    @Test
    void anotherProviderTakesTheSubscriptionAndTheOneBeforeIsLeftAlone() {
        follower.follow(first);
        follower.follow(second);
        first.tell("from the first");
        second.tell("from the second");
        assertEquals(List.of("from the second"), heard);
        assertEquals(0, first.listeners.size());
        assertEquals(1, second.listeners.size());
    }

    @Test
    void noProviderEndsTheSubscriptionAndTheNextOneIsFollowed() {
        follower.follow(first);
        follower.follow(null);
        assertEquals(0, first.listeners.size());
        // a provider that went away and came back (its bundle restarted) is followed again
        follower.follow(first);
        first.tell("a");
        assertEquals(List.of("a"), heard);
        assertEquals(2, first.subscriptionsMade);
    }

    @Test
    void aRefusedSubscriptionIsTheCallersToJudgeAndIsTriedAgainAtTheNextLook() {
        follower.follow(first);
        second.refuseSubscriptions = new IllegalStateException("no notifications here");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> follower.follow(second));
        assertEquals("no notifications here", e.getMessage());
        assertEquals(0, first.listeners.size(), "the one before is not followed either");

        second.refuseSubscriptions = null;
        follower.follow(second);
        second.tell("b");
        assertEquals(List.of("b"), heard);
    }

    @Test
    void aProviderThatFailsToUnsubscribeDoesNotKeepTheNextOneFromBeingFollowed() {
        first.failUnsubscribing = new IllegalStateException("bundle stopping");
        follower.follow(first);
        follower.follow(second);
        second.tell("b");
        assertEquals(List.of("b"), heard);
    }

    @Test
    void closingEndsTheSubscriptionForGood() {
        follower.follow(first);
        follower.close();
        follower.close();
        assertEquals(0, first.listeners.size());
        // a look that was still running when the consumer closed subscribes nothing
        follower.follow(second);
        assertEquals(0, second.subscriptionsMade);
    }
}
