package com.example.vshutdown.qnx.itest;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import javax.inject.Inject;

import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleListener;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.api.ShutdownService;
import com.example.vshutdown.spi.ConfigurationFault;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * Starts a real Felix with SCR, ConfigAdmin, the master and the QNX provider (no simulator: the
 * master finds the QNX provider or nothing; no JNA: the provider needs none), all provisioned as
 * files copied by the build. The
 * provider is enabled by configuration and bound to the library under test: the stub built from
 * C by the build, or an integrator's port named by {@code -Dvshutdown.qnx.itest.library} (then
 * only the classes of {@link #PORT_TESTS} apply).
 */
public abstract class QnxTestSupport {
    static final String PID = "com.example.vshutdown.qnx";
    static final String QNX = "(vshutdown.provider=qnx)";
    /** Bound for every wait in a test: generous, it only stops a broken test from hanging. */
    static final long BOUND_MILLIS = 15_000;
    /** How often {@link #awaitCondition} looks at a condition that no event announces. */
    static final long RECHECK_MILLIS = 50;

    @Inject
    protected BundleContext context;

    @Inject
    protected ConfigurationAdmin configAdmin;

    @Inject
    protected ShutdownService shutdownService;

    @Configuration
    public Option[] config() {
        List<Option> options = new ArrayList<>();
        options.add(junitBundles());
        options.add(cleanCaches(true));
        options.add(systemProperty("org.slf4j.simpleLogger.defaultLogLevel").value("warn"));
        options.add(frameworkProperty("ds.loglevel").value("warn"));
        // SCR announces a component's state change through its service.changecount at once, not 5 s later
        options.add(frameworkProperty("ds.service.changecount.timeout").value("1"));
        options.addAll(frameworkOptions());
        for (File jar : bundles()) {
            options.add(bundle(jar.toURI().toString()));
        }
        return options.toArray(new Option[0]);
    }

    /** Framework properties of this test class. */
    protected List<Option> frameworkOptions() {
        return List.of();
    }

    private static List<File> bundles() {
        String dir = System.getProperty("vshutdown.bundles", "target/bundles");
        File[] jars = new File(dir).listFiles((d, name) -> name.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("no bundles in " + new File(dir).getAbsolutePath()
                    + ": run the build's pre-integration-test phase first");
        }
        Arrays.sort(jars);
        return Arrays.asList(jars);
    }

    /** The library under test, as an absolute path. */
    static String library() {
        String path = System.getProperty("vshutdown.qnx.itest.library");
        assertNotNull("vshutdown.qnx.itest.library is not set (the build sets it)", path);
        return path;
    }

    /** A variant of the stub built by the build, e.g. "nowait". */
    static String variant(String name) {
        return new File(StubControl.nativeDirectory(), "libvshutdown_ddi_" + name + ".so").getPath();
    }

    /** The test classes that need nothing but vshutdown_ddi.h, so that a port can run them. */
    static final String PORT_TESTS = "DdiContractIT,QnxFrameworkPropertyIT";

    /**
     * The stub's controls. A test that needs them fails against a port rather than skipping:
     * Pax Exam reports an assumption that does not hold inside the framework as a pass.
     */
    static StubControl stub() {
        return StubControl.of(library()).orElseThrow(() -> new AssertionError("the library under test ("
                + library() + ") is not the stub: this test needs the controls of its simulated hypervisor; against a port run "
                + "only -Dit.test=" + PORT_TESTS));
    }

    /**
     * Enables the provider on the library under test through ConfigAdmin. The native commands are
     * harmless ones: a test must never run the real {@code shutdown} of the machine it runs on.
     */
    org.osgi.service.cm.Configuration configure(Map<String, Object> extra) throws IOException {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("enabled", "true");
        properties.put("library", library());
        properties.put("shutdown.command", new String[] {"true"});
        properties.put("reboot.command", new String[] {"true"});
        properties.put("wait.timeout.ms", Long.valueOf(200));
        extra.forEach(properties::put);
        org.osgi.service.cm.Configuration configuration = configAdmin.getConfiguration(PID, "?");
        configuration.update(properties);
        return configuration;
    }

    /** The QNX provider once registered, waiting at most the bound. */
    VPropertyProvider awaitProvider() throws InterruptedException {
        return await(VPropertyProvider.class);
    }

    /**
     * The QNX provider once the master has bound it too. SCR binds it on its own service listener,
     * which may run after the test's tracker has already woken up.
     */
    VPropertyProvider awaitProviderBoundToMaster() throws InterruptedException {
        VPropertyProvider provider = awaitProvider();
        awaitCondition("the master binds the QNX provider", () -> {
            try {
                shutdownService.domains();
                return true;
            } catch (ShutdownException e) {
                return false;
            }
        });
        return provider;
    }

    ConfigurationFault awaitFault() throws InterruptedException {
        return await(ConfigurationFault.class);
    }

    <T> T await(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, filter(type), null);
        tracker.open();
        try {
            T service = tracker.waitForService(BOUND_MILLIS);
            if (service == null) {
                fail("no " + type.getSimpleName() + " from the QNX provider within " + BOUND_MILLIS + " ms"
                        + faultNow().map(message -> "; it reports: " + message).orElse(""));
            }
            return service;
        } finally {
            tracker.close();
        }
    }

    /** The QNX provider's bundle. */
    Bundle qnxBundle() {
        for (Bundle b : context.getBundles()) {
            if ("com.example.vshutdown.qnx".equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("the QNX provider bundle is not installed");
    }

    /** The message of the fault the QNX provider has registered now, if it has. */
    Optional<String> faultNow() {
        try {
            return Optional.ofNullable(qnxReference(ConfigurationFault.class)).map(context::getService)
                    .map(ConfigurationFault::message);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every service the QNX provider has registered now. */
    ServiceReference<?>[] qnxServices() throws InvalidSyntaxException {
        return context.getAllServiceReferences(null, QNX);
    }

    <T> ServiceReference<T> qnxReference(Class<T> type) throws InvalidSyntaxException {
        return context.getServiceReferences(type, QNX).stream().findFirst().orElse(null);
    }

    private org.osgi.framework.Filter filter(Class<?> type) {
        try {
            return FrameworkUtil.createFilter("(&(" + Constants.OBJECTCLASS + "=" + type.getName() + ")" + QNX + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * Waits until a condition holds, at most the bound; fails naming what did not happen. The
     * condition is looked at again at every service, bundle and framework event, which includes
     * every change of a component's state (SCR's service.changecount, announced at once here).
     * What SCR binds to a component has no event of its own: SCR binds in its own listener of the
     * registration that woke this wait, possibly just after this wait looked. So while nothing
     * happens the condition is also looked at every {@value #RECHECK_MILLIS} ms.
     */
    void awaitCondition(String what, BooleanSupplier condition) throws InterruptedException {
        Object signal = new Object();
        long[] events = {0};
        ServiceListener services = event -> wake(signal, events);
        BundleListener bundles = event -> wake(signal, events);
        FrameworkListener framework = event -> wake(signal, events);
        context.addServiceListener(services);
        context.addBundleListener(bundles);
        context.addFrameworkListener(framework);
        try {
            long deadline = System.nanoTime() + BOUND_MILLIS * 1_000_000L;
            while (true) {
                long seen;
                synchronized (signal) {
                    seen = events[0];
                }
                // looked at outside the lock: a listener must never wait for a condition that calls the framework
                if (condition.getAsBoolean()) {
                    return;
                }
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    fail("not within " + BOUND_MILLIS + " ms: " + what);
                }
                synchronized (signal) {
                    if (events[0] == seen) {
                        signal.wait(Math.min(left, RECHECK_MILLIS));
                    }
                }
            }
        } finally {
            context.removeFrameworkListener(framework);
            context.removeBundleListener(bundles);
            context.removeServiceListener(services);
        }
    }

    private static void wake(Object signal, long[] events) {
        synchronized (signal) {
            events[0]++;
            signal.notifyAll();
        }
    }

    /** Registers a native shutdown that only records, ranked above every provider's. */
    RecordingNativeShutdown recordNativeShutdown() {
        RecordingNativeShutdown recorder = new RecordingNativeShutdown();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, Integer.valueOf(Integer.MAX_VALUE));
        context.registerService(NativeShutdown.class, recorder, props);
        return recorder;
    }
}
