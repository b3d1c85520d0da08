package com.example.vshutdown.simulator.internal;

import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Just enough of ConfigurationAdmin for the simulator: named factory configurations, which exist
 * once updated (as in the real one), a filtered listing and deletion. It keeps a journal of what was
 * done, so a test can check the order. Anything else it is asked fails the test.
 */
final class FakeConfigurationAdmin {
    /** One configuration as stored now. */
    record Stored(String pid, String factoryPid, String location, Map<String, Object> properties) {
    }

    /** "update <pid>" and "delete <pid>", in the order they happened. */
    final List<String> journal = new CopyOnWriteArrayList<>();
    // Guarded by itself; by pid.
    private final Map<String, Stored> stored = new TreeMap<>();

    final ConfigurationAdmin admin = FakeBundleContext.proxy(ConfigurationAdmin.class, (method, args) -> {
        switch (method.getName()) {
        case "getFactoryConfiguration":
            if (args.length == 3) {
                return configuration((String) args[0] + "~" + args[1], (String) args[0], (String) args[2]);
            }
            break;
        case "listConfigurations":
            return list(FrameworkUtil.createFilter((String) args[0]));
        default:
            break;
        }
        throw new UnsupportedOperationException("ConfigurationAdmin." + method.getName());
    });

    /** The configurations that exist now, by pid. */
    Map<String, Stored> stored() {
        synchronized (stored) {
            return Map.copyOf(stored);
        }
    }

    /** Stores a configuration as an earlier run (or an operator) would have left it. */
    void put(String pid, String factoryPid, String location, Map<String, Object> properties) {
        synchronized (stored) {
            stored.put(pid, new Stored(pid, factoryPid, location, Map.copyOf(properties)));
        }
    }

    private Configuration[] list(Filter filter) {
        synchronized (stored) {
            List<Configuration> matching = stored.values().stream()
                    .filter(s -> filter.match(dictionary(s)))
                    .map(s -> configuration(s.pid(), s.factoryPid(), s.location()))
                    .toList();
            return matching.isEmpty() ? null : matching.toArray(new Configuration[0]);
        }
    }

    private static Dictionary<String, Object> dictionary(Stored s) {
        Hashtable<String, Object> properties = new Hashtable<>(s.properties());
        // as ConfigurationAdmin adds them, so that a listing can filter on them
        properties.put(Constants.SERVICE_PID, s.pid());
        properties.put(ConfigurationAdmin.SERVICE_FACTORYPID, s.factoryPid());
        return properties;
    }

    private Configuration configuration(String pid, String factoryPid, String location) {
        return FakeBundleContext.proxy(Configuration.class, (method, args) -> {
            switch (method.getName()) {
            case "getPid":
                return pid;
            case "getFactoryPid":
                return factoryPid;
            case "getProperties":
                synchronized (stored) {
                    Stored s = stored.get(pid);
                    return s == null ? null : dictionary(s);
                }
            case "update":
            case "updateIfDifferent":
                if (args != null && args.length == 1) {
                    Map<String, Object> properties = map((Dictionary<?, ?>) args[0]);
                    synchronized (stored) {
                        Stored before = stored.get(pid);
                        if (method.getName().equals("updateIfDifferent") && before != null
                                && before.properties().equals(properties)) {
                            return false;
                        }
                        stored.put(pid, new Stored(pid, factoryPid, location, properties));
                    }
                    journal.add("update " + pid);
                    return method.getName().equals("updateIfDifferent") ? Boolean.TRUE : null;
                }
                break;
            case "delete":
                synchronized (stored) {
                    if (stored.remove(pid) == null) {
                        throw new IllegalStateException("configuration " + pid + " deleted");
                    }
                }
                journal.add("delete " + pid);
                return null;
            default:
                break;
            }
            throw new UnsupportedOperationException("Configuration." + method.getName());
        });
    }

    private static Map<String, Object> map(Dictionary<?, ?> dictionary) {
        Map<String, Object> map = new TreeMap<>();
        for (Object key : Collections.list(dictionary.keys())) {
            map.put((String) key, dictionary.get(key));
        }
        return Map.copyOf(map);
    }
}
