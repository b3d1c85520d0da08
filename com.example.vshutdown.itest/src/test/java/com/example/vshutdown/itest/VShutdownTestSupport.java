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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Before;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import com.example.vshutdown.spi.NativeShutdown;

/**
 * Starts a real Felix with SCR, ConfigAdmin, Gogo and every vshutdown bundle, all provisioned as
 * files copied by the build (no Maven URLs, no network). The simulated platform is set through a
 * framework property, as an operator would set it; with the agent bundle and ConfigAdmin there, the
 * simulator runs the shipped agent for its ok and block domains, and every test starts once they
 * are active. Each test registers a recording native shutdown above the simulator's, so that no
 * test can stop its own framework.
 */
public abstract class VShutdownTestSupport {
    /** ok domains 1 and 2, an unresponsive 3, a blocked 4, a stopped 5 and an invalid 6. */
    protected static final String DOMAINS =
            "1:ok:20,2:ok:40,3:ignore,4:block:an update is being installed,5:stopped,6:invalid";
    /** Bound for every wait in a test: generous, it only stops a broken test from hanging. */
    protected static final long BOUND_MILLIS = 15_000;
    /** The shipped agent: its bundle, and its component name and factory pid. */
    protected static final String AGENT_BUNDLE = "com.example.vshutdown.agent";
    protected static final String AGENT_PID = "com.example.vshutdown.agent";

    @Inject
    protected BundleContext context;

    @Configuration
    public Option[] config() {
        List<Option> options = new ArrayList<>();
        options.add(junitBundles());
        options.add(cleanCaches(true));
        options.add(systemProperty("org.slf4j.simpleLogger.defaultLogLevel").value("warn"));
        options.add(frameworkProperty("vshutdown.sim.domains").value(simulatedDomains()));
        if (agentsMode() != null) {
            options.add(frameworkProperty("vshutdown.sim.agents").value(agentsMode()));
        }
        options.add(frameworkProperty("ds.loglevel").value("warn"));
        options.addAll(extraOptions());
        for (File jar : bundles()) {
            Option provisioned = provision(jar);
            if (provisioned != null) {
                options.add(provisioned);
            }
        }
        return options.toArray(new Option[0]);
    }

    /** How a bundle file of the build is provisioned: installed and started; null leaves it out. */
    protected Option provision(File jar) {
        return bundle(jar.toURI().toString());
    }

    /** Further framework options of a test class, e.g. a framework property an operator would set. */
    protected List<Option> extraOptions() {
        return List.of();
    }

    /** The simulated platform of this test class. */
    protected String simulatedDomains() {
        return DOMAINS;
    }

    /** The simulator's agents setting of this test class, or null for its default (auto). */
    protected String agentsMode() {
        return null;
    }

    /**
     * The domains whose shipped agent should be active before a test starts: in auto mode (this
     * framework has the agent bundle and ConfigAdmin) those of the ok and block domains.
     */
    protected List<String> expectedAgents() {
        if ("builtin".equals(agentsMode())) {
            return List.of();
        }
        return Arrays.stream(simulatedDomains().split(",")).map(entry -> entry.split(":"))
                .filter(parts -> parts.length > 1 && (parts[1].equals("ok") || parts[1].equals("block")))
                .map(parts -> parts[0]).sorted().collect(Collectors.toList());
    }

    /**
     * Agents are configured through ConfigAdmin, which delivers configurations asynchronously: a test
     * that asked before its agent was active would test the start-up instead of what it means to.
     */
    @Before
    public void awaitTheAgents() {
        List<String> expected = expectedAgents();
        await("active agents for domains " + expected, this::activeAgents, expected::equals);
    }

    /** The domain ids of the shipped agent's active instances, sorted; a duplicate would show. */
    protected List<String> activeAgents() {
        return agentConfigurations().stream().filter(c -> c.state == ComponentConfigurationDTO.ACTIVE)
                .map(c -> String.valueOf(c.properties.get("domain.id"))).sorted().collect(Collectors.toList());
    }

    /** Every instance of the shipped agent's component, whatever its state; none while its bundle is stopped. */
    protected List<ComponentConfigurationDTO> agentConfigurations() {
        ServiceReference<ServiceComponentRuntime> reference =
                context.getServiceReference(ServiceComponentRuntime.class);
        if (reference == null) {
            return List.of();
        }
        ServiceComponentRuntime scr = context.getService(reference);
        try {
            ComponentDescriptionDTO description =
                    scr.getComponentDescriptionDTO(installedBundle(AGENT_BUNDLE), AGENT_PID);
            return description == null ? List.of() : List.copyOf(scr.getComponentConfigurationDTOs(description));
        } finally {
            context.ungetService(reference);
        }
    }

    /** The installed bundle of that symbolic name. */
    protected Bundle installedBundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
                .orElseThrow(() -> new AssertionError("no bundle " + symbolicName));
    }

    /**
     * Polls a condition until it holds, at most {@link #BOUND_MILLIS}: for states nothing notifies
     * (SCR's component states), where a test waits on the condition itself, never for a time.
     *
     * @return the value that satisfied it
     */
    protected static <T> T await(String what, Supplier<T> actual, Predicate<T> wanted) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
        T value = actual.get();
        while (!wanted.test(value)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + BOUND_MILLIS + " ms: " + what + "; last seen: " + value);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            value = actual.get();
        }
        return value;
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
