package com.example.vshutdown.support.offer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import org.osgi.service.component.ComponentException;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.ComponentInstance;

/**
 * A component factory as SCR offers one, for tests without a framework, shared by the providers'
 * tests (the support's test-jar): it constructs the real component from the properties it is
 * given, deactivates it when the instance is disposed, and writes what happens into a journal
 * that several factories may share. A constructor that throws becomes a {@link ComponentException}
 * <em>without</em> a cause, exactly as SCR reports it (the reason is only in SCR's log), so a test
 * judges what a provider makes of that.
 *
 * @param <S> the component type
 */
public final class FakeFactory<S> implements ComponentFactory<S> {
    /** How long {@link #await} waits: generous, it only keeps a broken test from hanging. */
    public static final long BOUND_MILLIS = 10_000;

    /** One instance: its component and its properties, while it is not disposed. */
    public record Made(Object instance, Map<String, Object> properties) {
    }

    private final String name;
    private final Function<Map<String, Object>, S> constructor;
    private final Consumer<? super S> deactivate;
    private final List<String> journal;
    /** Guarded by itself; waited on by {@link #await}. */
    private final List<Made> live = new ArrayList<>();
    private volatile Map<String, Object> lastProperties;

    /**
     * @param name how the journal names this factory ("vproperties")
     * @param constructor the component's constructor, given the properties as SCR gives them
     * @param deactivate what SCR calls when an instance is disposed (the component's deactivate method)
     * @param journal where "name offered", "name failed" and "name withdrawn" are written, in order
     */
    public FakeFactory(String name, Function<Map<String, Object>, S> constructor, Consumer<? super S> deactivate,
            List<String> journal) {
        this.name = name;
        this.constructor = constructor;
        this.deactivate = deactivate;
        this.journal = journal;
    }

    /** A factory of a component without a deactivate method. */
    public FakeFactory(String name, Function<Map<String, Object>, S> constructor, List<String> journal) {
        this(name, constructor, instance -> { }, journal);
    }

    @Override
    public ComponentInstance<S> newInstance(Dictionary<String, ?> properties) {
        Map<String, Object> map = new HashMap<>();
        Collections.list(properties.keys()).forEach(key -> map.put(key, properties.get(key)));
        lastProperties = map;
        S instance;
        try {
            instance = constructor.apply(map);
        } catch (RuntimeException e) {
            journal.add(name + " failed");
            throw new ComponentException("Failed activating component");
        }
        Made made = new Made(instance, map);
        changed(() -> live.add(made));
        journal.add(name + " offered");
        return new ComponentInstance<>() {
            @Override
            public void dispose() {
                boolean wasLive;
                synchronized (live) {
                    wasLive = live.remove(made);
                }
                if (wasLive) {
                    deactivate.accept(instance);
                    journal.add(name + " withdrawn");
                    changed(() -> { });
                }
            }

            @Override
            public S getInstance() {
                return instance;
            }
        };
    }

    /** The properties of the last instance asked for, made or not. */
    public Map<String, Object> lastProperties() {
        return lastProperties;
    }

    /** The instances not disposed, in the order they were made. */
    public List<Made> live() {
        synchronized (live) {
            return List.copyOf(live);
        }
    }

    /** The component of the one live instance; fails unless there is exactly one. */
    public S only() {
        List<Made> now = live();
        if (now.size() != 1) {
            throw new AssertionError("expected one live " + name + ", there are " + now);
        }
        @SuppressWarnings("unchecked")
        S instance = (S) now.get(0).instance();
        return instance;
    }

    /** Waits, bounded, until the live instances are what the test waits for, made on any thread. */
    public void await(String what, Predicate<List<Made>> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
        synchronized (live) {
            while (!wanted.test(List.copyOf(live))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("not within " + BOUND_MILLIS + " ms: " + what + "; live: " + live);
                }
                TimeUnit.NANOSECONDS.timedWait(live, left);
            }
        }
    }

    private void changed(Runnable change) {
        synchronized (live) {
            change.run();
            live.notifyAll();
        }
    }
}
