package com.example.vshutdown.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;

import javax.inject.Inject;

import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

import com.example.vshutdown.spi.NativeShutdown;

/**
 * Starts a real Felix with SCR, ConfigAdmin, Gogo and every vshutdown bundle, all provisioned as
 * files copied by the build (no Maven URLs, no network). The simulated platform is set through a
 * framework property, as an operator would set it. Each test registers a recording native
 * shutdown above the simulator's, so that no test can stop its own framework.
 */
public abstract class VShutdownTestSupport {
    /** ok domains 1 and 2, an unresponsive 3, a blocked 4, a stopped 5 and an invalid 6. */
    protected static final String DOMAINS =
            "1:ok:20,2:ok:40,3:ignore,4:block:an update is being installed,5:stopped,6:invalid";
    /** Bound for every wait in a test: generous, it only stops a broken test from hanging. */
    protected static final long BOUND_MILLIS = 15_000;

    @Inject
    protected BundleContext context;

    @Configuration
    public Option[] config() {
        List<Option> options = new ArrayList<>();
        options.add(junitBundles());
        options.add(cleanCaches(true));
        options.add(systemProperty("org.slf4j.simpleLogger.defaultLogLevel").value("warn"));
        options.add(frameworkProperty("vshutdown.sim.domains").value(simulatedDomains()));
        options.add(frameworkProperty("ds.loglevel").value("warn"));
        for (File jar : bundles()) {
            options.add(bundle(jar.toURI().toString()));
        }
        return options.toArray(new Option[0]);
    }

    /** The simulated platform of this test class. */
    protected String simulatedDomains() {
        return DOMAINS;
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

    /** Registers a native shutdown that only records, ranked above every provider's. */
    protected RecordingNativeShutdown recordNativeShutdown() {
        RecordingNativeShutdown recorder = new RecordingNativeShutdown();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, Integer.valueOf(Integer.MAX_VALUE));
        ServiceRegistration<NativeShutdown> registration =
                context.registerService(NativeShutdown.class, recorder, props);
        recorder.registration = registration;
        return recorder;
    }
}
