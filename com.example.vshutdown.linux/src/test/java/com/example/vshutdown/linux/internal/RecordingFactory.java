package com.example.vshutdown.linux.internal;

import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.ComponentInstance;

/**
 * One of the bundle's factory components as SCR would offer it, for tests without a framework: it
 * constructs the real component from the properties it is given and records what is offered and
 * withdrawn, in order, in a shared list.
 */
final class RecordingFactory<S> implements ComponentFactory<S> {
    /** One instance: its component, its properties, and whether it was disposed. */
    static final class Offered {
        final String factory;
        final Object instance;
        final Map<String, Object> properties;
        boolean disposed;

        Offered(String factory, Object instance, Map<String, Object> properties) {
            this.factory = factory;
            this.instance = instance;
            this.properties = properties;
        }
    }

    private final String name;
    private final Function<Map<String, Object>, S> constructor;
    private final List<Offered> offered;

    RecordingFactory(String name, Function<Map<String, Object>, S> constructor, List<Offered> offered) {
        this.name = name;
        this.constructor = constructor;
        this.offered = offered;
    }

    @Override
    public ComponentInstance<S> newInstance(Dictionary<String, ?> properties) {
        Map<String, Object> map = new HashMap<>();
        Collections.list(properties.keys()).forEach(key -> map.put(key, properties.get(key)));
        S instance = constructor.apply(map);
        Offered entry = new Offered(name, instance, map);
        offered.add(entry);
        return new ComponentInstance<>() {
            @Override
            public void dispose() {
                entry.disposed = true;
            }

            @Override
            public S getInstance() {
                return instance;
            }
        };
    }
}
