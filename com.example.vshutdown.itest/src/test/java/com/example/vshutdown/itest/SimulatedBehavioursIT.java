package com.example.vshutdown.itest;

import static com.example.vshutdown.protocol.VProperties.requested;
import static com.example.vshutdown.protocol.VProperties.running;
import static com.example.vshutdown.protocol.VProperties.status;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;

import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * Each simulated behaviour of a guest, through the shipped agent bundle's hosted agents: what the
 * simulator and the agent do to the properties, written to as a master would write them. The
 * master's verdict on them is not judged here.
 *
 * <p>Each test replaces the platform through the simulator's configuration, as an operator would,
 * and acts on the new platform from inside its registration: before any of its guests' agents has
 * started, however loaded the machine is.
 */
@RunWith(PaxExam.class)
public class SimulatedBehavioursIT extends VShutdownTestSupport {
    private static final String SIMULATOR_PID = "com.example.vshutdown.simulator";
    private static final String HOSTED_AGENTS_PID = "com.example.vshutdown.agent.hosted";

    @Inject
    ConfigurationAdmin configurationAdmin;

    /** When each hosted agent's native shutdown was registered and unregistered, by domain, as it happens. */
    private final Map<Object, CompletableFuture<Long>> hostedSince = new ConcurrentHashMap<>();
    private final Map<Object, CompletableFuture<Long>> hostedUntil = new ConcurrentHashMap<>();
    private final ServiceListener hosting = event -> {
        Object domain = event.getServiceReference().getProperty(NativeShutdown.DOMAIN_PROPERTY);
        if (event.getType() == ServiceEvent.REGISTERED) {
            moment(hostedSince, domain).complete(System.nanoTime());
        } else if (event.getType() == ServiceEvent.UNREGISTERING) {
            moment(hostedUntil, domain).complete(System.nanoTime());
        }
    };
    private Started started;

    /** A platform replaced by the test: its provider, a watch subscribed before its guests started, and when. */
    private record Started(VPropertyProvider platform, PropertyWatch watch, long sinceNanos) {
        String value(String name) {
            return watch.value(name);
        }
    }

    @Override
    protected String simulatedDomains() {
        return "1:ok:20";
    }

    @Before
    public void listenToTheHostedNativeShutdowns() throws Exception {
        context.addServiceListener(hosting, HOSTED);
    }

    @After
    public void stopListening() {
        context.removeServiceListener(hosting);
        if (started != null) {
            started.watch().close();
        }
    }

    /**
     * Replaces the simulated platform with the given domains (arguments spelled out) and runs
     * {@code atStart} on it from inside its registration, before its guests' agents start.
     */
    private Started platform(String domains, Consumer<VPropertyProvider> atStart) throws Exception {
        BlockingQueue<Started> registered = new ArrayBlockingQueue<>(1);
        ServiceListener listener = event -> {
            if (event.getType() != ServiceEvent.REGISTERED) {
                return;
            }
            VPropertyProvider platform = (VPropertyProvider) context.getService(event.getServiceReference());
            if (platform.description().contains("slave domains " + domains + ")")) {
                long since = System.nanoTime();
                PropertyWatch watch = new PropertyWatch(platform, BOUND_MILLIS);
                atStart.accept(platform);
                registered.add(new Started(platform, watch, since));
            }
        };
        context.addServiceListener(listener, "(objectClass=" + VPropertyProvider.class.getName() + ")");
        try {
            configurationAdmin.getConfiguration(SIMULATOR_PID, "?").update(properties("domains", domains));
            started = registered.poll(BOUND_MILLIS, TimeUnit.MILLISECONDS);
        } finally {
            context.removeServiceListener(listener);
        }
        if (started == null) {
            throw new AssertionError("no platform " + domains + " within " + BOUND_MILLIS + " ms");
        }
        return started;
    }

    private static Consumer<VPropertyProvider> writing(String name, String value) {
        return platform -> {
            try {
                platform.write(name, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private static Dictionary<String, Object> properties(String key, Object value) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(key, value);
        return properties;
    }

    private static CompletableFuture<Long> moment(Map<Object, CompletableFuture<Long>> moments, Object domain) {
        return moments.computeIfAbsent(domain, d -> new CompletableFuture<>());
    }

    /** Waits, bounded, for the moment a domain's hosted agent started (or ended). */
    private static long when(Map<Object, CompletableFuture<Long>> moments, int domain) throws Exception {
        return moment(moments, domain).get(BOUND_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static long millisBetween(long fromNanos, long toNanos) {
        return TimeUnit.NANOSECONDS.toMillis(toNanos - fromNanos);
    }

    @Test
    public void aBouncingDomainGoesDownAndIsStartedAgainEachTimeItIsAsked() throws Exception {
        Started p = platform("1:bounce:20", writing(requested(1), "2"));

        p.watch().await(running(1), 2);
        assertEquals("down, then up again", "3", p.value(running(1)));
        assertEquals("picked-up 2", p.value(status(1)));

        p.platform().write(requested(1), "4");
        p.watch().await(running(1), 4);
        assertEquals("5", p.value(running(1)));
        assertEquals("picked-up 4", p.value(status(1)));
        installedBundle(AGENT_BUNDLE).stop();
        p.watch().flush();
        assertEquals("once per request", 2, p.watch().count(status(1)));
    }

    @Test
    public void aLateDomainsAgentStartsAfterItsDelayAndActsOnTheRequestWaitingForIt() throws Exception {
        Started p = platform("2:late:1500", writing(requested(2), "2"));

        p.watch().await(running(2), 1);

        assertEquals("2", p.value(running(2)));
        assertEquals("picked-up 2", p.value(status(2)));
        // scheduled only after the platform was registered, so this can only come out longer, never shorter
        long agentAfter = millisBetween(p.sinceNanos(), when(hostedSince, 2));
        assertTrue("its agent started " + agentAfter + " ms after the platform", agentAfter >= 1500);
        assertEquals(List.of("2"), activeAgents());
    }

    @Test
    public void aVanishingDomainsPropertiesDisappearAndItsAgentWithIt() throws Exception {
        Started p = platform("3:vanish:20", writing(requested(3), "2"));

        p.watch().await(running(3), 1);
        // its three properties go at once, each removal notified after the one before
        p.watch().flush();

        assertNull(p.value(running(3)));
        assertNull(p.value(requested(3)));
        assertNull(p.value(status(3)));
        assertEquals("picked up, then removed", 2, p.watch().count(status(3)));
        when(hostedUntil, 3);
        // the event comes as the unregistration begins; the registry lets go of it right after
        await("its agent ended with it", this::activeAgents, List::isEmpty);
    }

    @Test
    public void aFailingDomainsAgentReportsTheFailureAndTheDomainStaysUp() throws Exception {
        Started p = platform("4:fail:poweroff: exit status 1", writing(requested(4), "2"));

        p.watch().await(status(4), 2);

        assertEquals("failed 2 poweroff: exit status 1", p.value(status(4)));
        assertEquals("1", p.value(running(4)));
        assertEquals(0, p.watch().count(running(4)));
    }

    @Test
    public void aHangingDomainsAgentReportsAFailureAtItsBoundAndTheDomainStaysUp() throws Exception {
        configurationAdmin.getConfiguration(HOSTED_AGENTS_PID, "?").update(properties("native.timeout.ms", 300L));
        await("hosted agents bounded at 300 ms", () -> componentConfigurations(HOSTED_AGENTS_PID),
                dtos -> dtos.size() == 1 && dtos.get(0).state == ComponentConfigurationDTO.ACTIVE
                        && Long.valueOf(300).equals(dtos.get(0).properties.get("native.timeout.ms")));
        Started p = platform("5:hang", writing(requested(5), "2"));

        p.watch().await(status(5), 2);

        assertEquals("failed 2 timed out after 300 ms", p.value(status(5)));
        assertEquals("1", p.value(running(5)));
        assertEquals(0, p.watch().count(running(5)));
    }

    @Test
    public void anAppearingDomainAppearsAfterItsDelayWithAnAgentInIt() throws Exception {
        BlockingQueue<String> atStart = new ArrayBlockingQueue<>(1);
        Started p = platform("6:appear:1500", platform -> atStart.add(String.valueOf(read(platform, running(6)))));
        assertEquals("not there at first", "null", atStart.poll());

        p.watch().await(running(6), 1);
        assertEquals("1", p.value(running(6)));
        // the counter appears just before the agent starts, in one task scheduled after the registration
        long agentAfter = millisBetween(p.sinceNanos(), when(hostedSince, 6));
        assertTrue("appeared with its agent " + agentAfter + " ms after the platform", agentAfter >= 1500);
        p.platform().write(requested(6), "2");

        p.watch().await(running(6), 2);
        assertEquals("2", p.value(running(6)));
        assertEquals("picked-up 2", p.value(status(6)));
    }

    private static String read(VPropertyProvider platform, String name) {
        try {
            return platform.read(name).orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
