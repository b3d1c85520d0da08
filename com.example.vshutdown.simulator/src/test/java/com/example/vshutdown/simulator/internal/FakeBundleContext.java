package com.example.vshutdown.simulator.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * Just enough of a bundle context for the component: framework properties, the system bundle, the
 * symbolic names of the installed bundles, services offered to the component (by reference) and a
 * service registry that remembers what is registered now. Anything else it is asked fails the
 * test, so the component cannot quietly depend on more.
 */
final class FakeBundleContext {
    /** A service as registered, until unregistered. */
    record Registration(Class<?> type, Object service, Map<String, Object> properties) {
    }

    final Map<String, String> frameworkProperties = new HashMap<>();
    /** Symbolic names of the bundles installed besides the system bundle. */
    final List<String> installedBundles = new CopyOnWriteArrayList<>();
    /** Services the component may get by reference, with how many times each is held now. */
    private final Map<ServiceReference<?>, Object> offered = new ConcurrentHashMap<>();
    final Map<ServiceReference<?>, Integer> held = new ConcurrentHashMap<>();
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
        case "getBundles":
            return installedBundles.stream().map(FakeBundleContext::bundle).toArray(Bundle[]::new);
        case "getService":
            if (offered.containsKey(args[0])) {
                held.merge((ServiceReference<?>) args[0], 1, Integer::sum);
                return offered.get(args[0]);
            }
            return null;
        case "ungetService":
            if (!held.containsKey(args[0])) {
                return false;
            }
            held.computeIfPresent((ServiceReference<?>) args[0], (r, n) -> n > 1 ? n - 1 : null);
            return true;
        default:
            break;
        }
        throw new UnsupportedOperationException("BundleContext." + method.getName());
    });

    /** Offers a service as the framework would hand its reference to the component. */
    ServiceReference<?> offer(Object service) {
        ServiceReference<?> reference = proxy(ServiceReference.class, (method, args) -> {
            throw new UnsupportedOperationException("ServiceReference." + method.getName());
        });
        offered.put(reference, service);
        return reference;
    }

    /** How many times the component holds a service it got now. */
    int holds(ServiceReference<?> reference) {
        return held.getOrDefault(reference, 0);
    }

    private static Bundle bundle(String symbolicName) {
        return proxy(Bundle.class, (method, args) -> switch (method.getName()) {
        case "getSymbolicName" -> symbolicName;
        case "getState" -> Bundle.INSTALLED;
        default -> throw new UnsupportedOperationException("Bundle." + method.getName());
        });
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
        return proxy(ServiceRegistration.class, (method, args) -> {
            if (method.getName().equals("unregister")) {
                if (!registered.remove(registration)) {
                    throw new IllegalStateException("already unregistered");
                }
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
