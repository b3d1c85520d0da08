package com.example.vshutdown.qnx.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * A configuration as SCR hands it over: what a test sets, and for everything else the defaults
 * {@link QnxProviderComponent.Config} declares, read from the annotation itself, so that a test
 * judges the real defaults and not a copy of them.
 */
final class TestConfig {
    private final Map<String, Object> values = new HashMap<>();

    /** Sets an attribute by its method name, e.g. {@code wait_timeout_ms}. */
    TestConfig set(String attribute, Object value) {
        values.put(attribute, value);
        return this;
    }

    QnxProviderComponent.Config config() {
        return (QnxProviderComponent.Config) Proxy.newProxyInstance(TestConfig.class.getClassLoader(),
                new Class<?>[] {QnxProviderComponent.Config.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return QnxProviderComponent.Config.class;
                    }
                    if (method.getDefaultValue() == null) {
                        throw new UnsupportedOperationException(method.toString());
                    }
                    return values.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }
}
