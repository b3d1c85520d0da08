package com.example.vshutdown.simulator.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Just enough of a bundle context for the simulator's components: framework properties and a
 * system bundle that records being stopped. Anything else it is asked fails the test, so the
 * components cannot quietly depend on more (what they register, DS registers: the factories).
 */
final class FakeBundleContext {
    final Map<String, String> frameworkProperties = new HashMap<>();
    final CountDownLatch systemBundleStopped = new CountDownLatch(1);
    volatile Thread stoppedOn;

    final Bundle systemBundle = proxy(Bundle.class, (method, args) -> {
        if (method.getName().equals("stop") && args == null) {
            stoppedOn = Thread.currentThread();
            systemBundleStopped.countDown();
            return null;
        }
        throw new UnsupportedOperationException("Bundle." + method.getName());
    });

    final BundleContext context = proxy(BundleContext.class, (method, args) -> {
        if (method.getName().equals("getProperty")) {
            return frameworkProperties.get((String) args[0]);
        }
        if (method.getName().equals("getBundle") && args != null && Long.valueOf(0).equals(args[0])) {
            return systemBundle;
        }
        throw new UnsupportedOperationException("BundleContext." + method.getName());
    });

    @FunctionalInterface
    private interface Handler {
        Object handle(Method method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Handler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> method.getDeclaringClass() != Object.class ? handler.handle(method, args)
                        : switch (method.getName()) {
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        default -> "fake " + type.getSimpleName();
                        }));
    }
}
