package com.example.vshutdown.support.offer;

import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.osgi.service.component.ComponentException;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.ComponentInstance;

/**
 * A component factory as SCR offers one, without SCR: it constructs the component from the given
 * properties (a constructor that throws becomes a {@link ComponentException}, as SCR reports it)
 * and writes what happens into a shared journal.
 */
final class FakeFactory<S> implements ComponentFactory<S> {
    private final String name;
    private final Function<Map<String, Object>, S> constructor;
    private final List<String> journal;
    Map<String, Object> lastProperties;

    FakeFactory(String name, Function<Map<String, Object>, S> constructor, List<String> journal) {
        this.name = name;
        this.constructor = constructor;
        this.journal = journal;
    }

    @Override
    public ComponentInstance<S> newInstance(Dictionary<String, ?> properties) {
        Map<String, Object> map = new HashMap<>();
        for (String key : Collections.list(properties.keys())) {
            map.put(key, properties.get(key));
        }
        lastProperties = map;
        S instance;
        try {
            instance = constructor.apply(map);
        } catch (RuntimeException e) {
            journal.add(name + " failed");
            throw new ComponentException("activation of " + name + " failed", e);
        }
        journal.add(name + " offered");
        return new ComponentInstance<>() {
            @Override
            public void dispose() {
                journal.add(name + " withdrawn");
            }

            @Override
            public S getInstance() {
                return instance;
            }
        };
    }
}
