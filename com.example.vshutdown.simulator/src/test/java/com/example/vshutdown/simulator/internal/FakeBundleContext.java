package com.example.vshutdown.simulator.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Just enough of a bundle context for the component: framework properties, the system bundle and a
 * service registry that remembers what is registered now, and lets a test wait for it to change.
 * Anything else it is asked fails the test, so the component cannot quietly depend on more.
 */
final class FakeBundleContext {
    /** A service as registered, until unregistered. */
    record Registration(Class<?> type, Object service, Map<String, Object> properties) {
    }

    final Map<String, String> frameworkProperties = new HashMap<>();
    final List<Registration> registered = new CopyOnWriteArrayList<>();
    final CountDownLatch systemBundleStopped = new CountDownLatch(1);
    volatile Thread stoppedOn;

    final Bundle systemBundle = proxy(Bundle.class, (method, args) -> {
        if (method.getName().equals("stop") && args == null) {
            stoppedOn = Thread.currentThread();
            systemBundleStopped.countDown();
            return null;
        }
        if (method.getName().equals("getBundleId")) {
            return 0L;
        }
        throw new UnsupportedOperationException("Bundle." + method.getName());
    });

    final BundleContext context = proxy(BundleContext.class, (method, args) -> {
        switch (method.getName()) {
        case "getProperty":
            return frameworkProperties.get((String) args[0]);
        case "getBundle":
            if (args != null && args.length == 1 && Long.valueOf(0).equals(args[0])) {
                return systemBundle;
            }
            break;
        case "registerService":
            if (args.length == 3 && args[0] instanceof Class<?> type) {
                return register(type, args[1], (Dictionary<?, ?>) args[2]);
            }
            break;
        default:
            break;
        }
        throw new UnsupportedOperationException("BundleContext." + method.getName());
    });

    /**
     * Waits, bounded, until the registry holds what the test waits for: registrations made on the
     * simulator's own threads (late agents, destroyed domains) are seen as they happen.
     */
    void await(String what, Predicate<List<Registration>> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + ChangeRecorder.TIMEOUT.toNanos();
        synchronized (registered) {
            while (!wanted.test(registered)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("not within " + ChangeRecorder.TIMEOUT + ": " + what + "; registered: "
                            + registered);
                }
                TimeUnit.NANOSECONDS.timedWait(registered, left);
            }
        }
    }

    private void changed() {
        synchronized (registered) {
            registered.notifyAll();
        }
    }

    /** The services of one type registered now. */
    <S> List<Registration> registered(Class<S> type) {
        return registered.stream().filter(r -> r.type() == type).toList();
    }

    /** The one service of a type registered now; fails unless there is exactly one. */
    <S> S service(Class<S> type) {
        List<Registration> matching = registered(type);
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", registered: " + registered);
        }
        return type.cast(matching.get(0).service());
    }

    private ServiceRegistration<?> register(Class<?> type, Object service, Dictionary<?, ?> properties) {
        if (!type.isInstance(service)) {
            throw new IllegalArgumentException(service + " is not a " + type);
        }
        Map<String, Object> copy = new HashMap<>();
        for (Object key : Collections.list(properties.keys())) {
            copy.put((String) key, properties.get(key));
        }
        Registration registration = new Registration(type, service, copy);
        registered.add(registration);
        changed();
        return proxy(ServiceRegistration.class, (method, args) -> {
            if (method.getName().equals("unregister")) {
                if (!registered.remove(registration)) {
                    throw new IllegalStateException("already unregistered");
                }
                changed();
                return null;
            }
            throw new UnsupportedOperationException("ServiceRegistration." + method.getName());
        });
    }

    @FunctionalInterface
    interface Handler {
        Object handle(Method method, Object[] args) throws Throwable;
    }

    static <T> T proxy(Class<T> type, Handler handler) {
        InvocationHandler invocation = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> type.getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(proxy));
                };
            }
            return handler.handle(method, args);
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, invocation));
    }
}
