package com.example.vshutdown.support.listeners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.example.vshutdown.spi.VPropertyListener;
import com.example.vshutdown.spi.VPropertyProvider.Subscription;

class ListenerListTest {
    final ListenerList<VPropertyListener> listeners = new ListenerList<>();
    final List<String> told = new ArrayList<>();

    private void tell(String name) {
        listeners.tell(l -> l.changed(Optional.of(name)), name);
    }

    @Test
    void everySubscriberIsToldInOrderUntilItCloses() {
        Subscription first = listeners.subscribe(name -> told.add("first " + name.orElseThrow()));
        listeners.subscribe(name -> told.add("second " + name.orElseThrow()));
        tell("a");
        first.close();
        first.close();
        tell("b");
        assertEquals(List.of("first a", "second a", "second b"), told);
        assertEquals(1, listeners.size());
    }

    @Test
    void aListenerThatThrowsSilencesNoOtherAndStaysSubscribed() {
        listeners.subscribe(name -> {
            throw new IllegalStateException("a bug");
        });
        // what a listener of a bundle being updated throws: it must not end the thread that tells
        listeners.subscribe(name -> {
            throw new NoClassDefFoundError("com/example/Gone");
        });
        listeners.subscribe(name -> told.add(name.orElseThrow()));
        tell("a");
        tell("b");
        assertEquals(List.of("a", "b"), told);
        assertEquals(3, listeners.size());
    }

    @Test
    void theJvmFailingIsNotSwallowed() {
        listeners.subscribe(name -> {
            throw new OutOfMemoryError("test");
        });
        assertThrows(OutOfMemoryError.class, () -> tell("a"));
    }

    @Test
    void closingEndsEverySubscriptionEvenOneBeingToldNow() {
        List<Subscription> subscriptions = new ArrayList<>();
        // the first listener closes the list while it is being told: the second is not told any more
        subscriptions.add(listeners.subscribe(name -> listeners.close()));
        subscriptions.add(listeners.subscribe(name -> told.add(name.orElseThrow())));
        tell("a");
        tell("b");
        assertTrue(told.isEmpty(), told.toString());
        assertTrue(listeners.isEmpty());
        subscriptions.forEach(Subscription::close);
    }

    @Test
    void aProvidersListenersAreToldANameOrToReReadEverything() {
        VPropertyListeners vproperties = new VPropertyListeners();
        List<Optional<String>> hints = new ArrayList<>();
        vproperties.subscribe(hints::add);
        vproperties.changed(Optional.of("nk.1.vm.state.running"));
        vproperties.changed(Optional.empty());
        assertEquals(List.of(Optional.of("nk.1.vm.state.running"), Optional.empty()), hints);
    }
}
