package com.example.vshutdown.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import com.example.vshutdown.spi.NativeShutdown;

/**
 * Starts a real Felix with SCR, ConfigAdmin, Gogo and every vshutdown bundle, all provisioned as
 * files copied by the build (no Maven URLs, no network). The simulated platform is set through a
 * framework property, as an operator would set it; the agent bundle runs a hosted agent for every
 * simulated guest, and every test starts once the agents of the guests that have one from the start
 * are there. Each test registers a recording native shutdown above the simulator's, so that no test
 * can stop its own framework.
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
    /** The native shutdowns the agent bundle runs a hosted agent for: the simulator's guests. */
    protected static final String HOSTED = "(&(" + NativeShutdown.DOMAIN_PROPERTY + "=*)("
            + NativeShutdown.HOSTED_AGENT_PROPERTY + "=true))";
    /** Simulated behaviours whose guest has an agent from the start. */
    private static final Set<String> AGENT_AT_START = Set.of("ok", "block", "bounce", "vanish", "fail", "hang");

    /** The framework properties of the master's run directory (its lock) and state directory (its record). */
    protected static final String RUN_DIR_PROPERTY = "vshutdown.run.dir";
    protected static final String STATE_DIR_PROPERTY = "vshutdown.state.dir";

    @Inject
    protected BundleContext context;

    /** This framework's machine directories, chosen by {@link #config()} before it asks for {@link #extraOptions()}. */
    private Path machine;

    /** The master's state directory, for a test driver that leaves a record there before the framework starts. */
    protected Path stateDirectory() {
        return machine.resolve("state");
    }

    @Configuration
    public Option[] config() {
        List<Option> options = new ArrayList<>();
        options.add(junitBundles());
        options.add(cleanCaches(true));
        options.add(systemProperty("org.slf4j.simpleLogger.defaultLogLevel").value("warn"));
        options.add(frameworkProperty("vshutdown.sim.domains").value(simulatedDomains()));
        options.add(frameworkProperty("ds.loglevel").value("warn"));
        // a master bound to a provider that is not simulated locks the machine and records its shutdown:
        // in directories of this framework's own, never the machine's /run/vshutdown and /var/lib/vshutdown
        machine = Paths.get("target", "machines", UUID.randomUUID().toString()).toAbsolutePath();
        options.add(frameworkProperty(RUN_DIR_PROPERTY).value(machine.resolve("run").toString()));
        options.add(frameworkProperty(STATE_DIR_PROPERTY).value(stateDirectory().toString()));
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

    /** The domains whose hosted agent should be there before a test starts: every guest's but late ones. */
    protected List<String> expectedAgents() {
        return agentsAtStart(simulatedDomains());
    }

    /** The domains of a simulated platform whose guest has an agent from the start, sorted. */
    protected static List<String> agentsAtStart(String domains) {
        return Arrays.stream(domains.split(",")).map(entry -> entry.split(":"))
                .filter(parts -> parts.length > 1 && AGENT_AT_START.contains(parts[1]))
                .map(parts -> parts[0]).sorted().collect(Collectors.toList());
    }

    /**
     * A test that asked before its agents were there would test the start-up instead of what it means
     * to (an agent acts on a request it finds when it starts, but "nobody picked it up" would be wrong).
     */
    @Before
    public void awaitTheAgents() {
        List<String> expected = expectedAgents();
        await("hosted agents for domains " + expected, this::activeAgents, expected::equals);
    }

    /**
     * The domains of the simulator's guests whose native shutdown the agent bundle holds, that is, that
     * have a hosted agent now; sorted, and a duplicate would show.
     */
    protected List<String> activeAgents() {
        ServiceReference<?>[] guests;
        try {
            guests = context.getServiceReferences(NativeShutdown.class.getName(), HOSTED);
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
        List<String> domains = new ArrayList<>();
        for (ServiceReference<?> guest : guests == null ? new ServiceReference<?>[0] : guests) {
            Bundle[] users = guest.getUsingBundles();
            if (users != null && Arrays.stream(users).anyMatch(b -> AGENT_BUNDLE.equals(b.getSymbolicName()))) {
                domains.add(String.valueOf(guest.getProperty(NativeShutdown.DOMAIN_PROPERTY)));
            }
        }
        return domains.stream().sorted().collect(Collectors.toList());
    }

    /** Every configured instance of the shipped agent's component, whatever its state; none while its bundle is stopped. */
    protected List<ComponentConfigurationDTO> agentConfigurations() {
        return componentConfigurations(AGENT_PID);
    }

    /** Every instance of a component of the agent bundle, whatever its state; none while the bundle is stopped. */
    protected List<ComponentConfigurationDTO> componentConfigurations(String component) {
        ServiceReference<ServiceComponentRuntime> reference =
                context.getServiceReference(ServiceComponentRuntime.class);
        if (reference == null) {
            return List.of();
        }
        ServiceComponentRuntime scr = context.getService(reference);
        try {
            ComponentDescriptionDTO description =
                    scr.getComponentDescriptionDTO(installedBundle(AGENT_BUNDLE), component);
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
