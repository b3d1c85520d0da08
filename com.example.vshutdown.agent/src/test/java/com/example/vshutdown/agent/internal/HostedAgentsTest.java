package com.example.vshutdown.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

import com.example.vshutdown.protocol.InvalidValueException;
import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * The hosted agents without a framework: SCR's calls to the bind and unbind methods are made by
 * hand, with service references that answer what the component asks of them.
 */
class HostedAgentsTest {
    private static final AtomicLong SERVICE_IDS = new AtomicLong();

    private final HostedAgents hosted = new HostedAgents(ShutdownAgentTest.proxyOf(HostedAgents.Config.class,
            Map.of()));

    /** SCR activates the component once its references are bound; most tests bind more afterwards. */
    @BeforeEach
    void activate() {
        hosted.start();
    }

    @AfterEach
    void stop() {
        hosted.stop();
    }

    @Test
    void agentsBoundBeforeActivationStartAtActivationWithTheirProviderThere() throws Exception {
        HostedAgents binding = new HostedAgents(ShutdownAgentTest.proxyOf(HostedAgents.Config.class, Map.of()));
        RecordingNative guest = new RecordingNative();
        FakeProperties simulator = platform("simulator", 3, "2");
        try {
            String log = StderrCapture.during(() -> {
                // SCR binds one reference after the other: here the guest before the platform's provider
                binding.addHosted(guest, guest(3, "simulator"));
                binding.addProvider(simulator, provider("simulator", 0));
                assertEquals(0, simulator.subscribers(), "nothing looked before activation");

                binding.start();
                assertTrue(guest.awaitCalls(1));
            });
            assertEquals(0, StderrCapture.count(log, "no vproperty provider"), log);
        } finally {
            binding.stop();
        }
    }

    /** A service reference as the framework hands it to SCR: its properties and its ranking order. */
    @SuppressWarnings("unchecked")
    private static <S> ServiceReference<S> reference(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.putIfAbsent(Constants.SERVICE_RANKING, 0);
        all.put(Constants.SERVICE_ID, SERVICE_IDS.incrementAndGet());
        return (ServiceReference<S>) Proxy.newProxyInstance(ServiceReference.class.getClassLoader(),
                new Class<?>[] { ServiceReference.class }, (proxy, method, args) -> switch (method.getName()) {
                case "getProperty" -> all.get((String) args[0]);
                case "compareTo" -> compare(all, (ServiceReference<?>) args[0]);
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                case "toString" -> "reference " + all;
                default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** The framework's order: higher ranking first, then the older service (lower id). */
    private static int compare(Map<String, Object> mine, ServiceReference<?> other) {
        int byRanking = Integer.compare((Integer) mine.get(Constants.SERVICE_RANKING),
                (Integer) other.getProperty(Constants.SERVICE_RANKING));
        return byRanking != 0 ? byRanking
                : Long.compare((Long) other.getProperty(Constants.SERVICE_ID), (Long) mine.get(Constants.SERVICE_ID));
    }

    private static FakeProperties platform(String name, int domain, String request) {
        FakeProperties platform = new FakeProperties(name);
        platform.setSilently(VProperties.running(domain), "1");
        platform.setSilently(VProperties.requested(domain), request);
        return platform;
    }

    /** A vproperty provider's service properties: its platform and ranking. */
    private static ServiceReference<VPropertyProvider> provider(String platform, int ranking) {
        return reference(Map.of(VPropertyProvider.PROVIDER_PROPERTY, platform, Constants.SERVICE_RANKING, ranking));
    }

    /** A native shutdown of a simulated guest: its domain, its platform, and the marker. */
    private static ServiceReference<NativeShutdown> guest(Object domain, String platform) {
        return reference(Map.of(NativeShutdown.DOMAIN_PROPERTY, domain, NativeShutdown.HOSTED_AGENT_PROPERTY,
                Boolean.TRUE, VPropertyProvider.PROVIDER_PROPERTY, platform));
    }

    @Test
    void eachHostedNativeShutdownGetsAnAgentOnTheBestProviderOfItsPlatform() throws Exception {
        FakeProperties simulator = platform("simulator", 3, "2");
        FakeProperties lower = platform("simulator, lower", 3, "4");
        FakeProperties elsewhere = platform("another platform, ranked higher", 3, "4");
        hosted.addProvider(elsewhere, provider("linux", 1000));
        hosted.addProvider(lower, provider("simulator", -200));
        hosted.addProvider(simulator, provider("simulator", -100));
        RecordingNative guest = new RecordingNative();

        hosted.addHosted(guest, guest(3, "simulator"));

        assertTrue(guest.awaitCalls(1), "the agent acts on the request waiting in its domain");
        assertTrue(simulator.awaitSubscribed());
        assertEquals(List.of("shutdown"), guest.calls);
        assertEquals(List.of(VProperties.status(3) + "=picked-up 2"), simulator.writes);
        assertEquals(List.of(), lower.writes);
        assertEquals(List.of(), elsewhere.writes, "never another platform's, however it ranks");
    }

    @Test
    void aBetterProviderOfThePlatformThatComesLaterIsFollowed() throws Exception {
        FakeProperties simulator = platform("simulator", 3, "1");
        hosted.addProvider(simulator, provider("simulator", -100));
        RecordingNative guest = new RecordingNative();
        hosted.addHosted(guest, guest(3, "simulator"));
        assertTrue(simulator.awaitSubscribed());
        FakeProperties better = platform("simulator, better", 3, "2");

        hosted.addProvider(better, provider("simulator", 50));

        assertTrue(guest.awaitCalls(1), "looked through the better one at once");
        assertEquals(List.of(VProperties.status(3) + "=picked-up 2"), better.writes);
    }

    @Test
    void unregisteringTheNativeShutdownEndsItsAgent() throws Exception {
        FakeProperties simulator = platform("simulator", 3, "1");
        hosted.addProvider(simulator, provider("simulator", 0));
        ServiceReference<NativeShutdown> guest = guest("3", "simulator");
        hosted.addHosted(new RecordingNative(), guest);
        assertTrue(simulator.awaitSubscribed());

        hosted.removeHosted(guest);

        assertEquals(0, simulator.subscribers(), "the agent has stopped");
    }

    @Test
    void aSecondNativeShutdownForTheSameDomainOfTheSamePlatformGetsNoAgent() throws Exception {
        FakeProperties simulator = platform("simulator", 3, "2");
        hosted.addProvider(simulator, provider("simulator", 0));
        RecordingNative first = new RecordingNative();
        RecordingNative second = new RecordingNative();
        RecordingNative otherPlatform = new RecordingNative();
        FakeProperties other = platform("another simulator", 3, "2");
        hosted.addProvider(other, provider("simulator-2", 0));

        String log = StderrCapture.during(() -> {
            hosted.addHosted(first, guest(3, "simulator"));
            hosted.addHosted(second, guest(3, "simulator"));
            hosted.addHosted(otherPlatform, guest(3, "simulator-2"));
            assertTrue(first.awaitCalls(1));
            assertTrue(otherPlatform.awaitCalls(1), "the same domain on another platform is another domain");
        });

        assertEquals(List.of(), second.calls);
        assertEquals(1, StderrCapture.count(log, "No second agent for domain 3 of platform simulator"), log);
    }

    @ParameterizedTest(name = "vshutdown.domain ''{0}''")
    @ValueSource(strings = { "", "x", "-1", "03", "3 " })
    void aMalformedDomainGetsNoAgentAndOneLine(String domain) throws Exception {
        RecordingNative guest = new RecordingNative();
        String log = StderrCapture.during(() -> hosted.addHosted(guest, guest(domain, "simulator")));

        assertEquals(1, StderrCapture.count(log,
                "No agent for recording native shutdown of platform simulator: vshutdown.domain: "), log);
        hosted.stop();
        assertEquals(List.of(), guest.calls);
    }

    @Test
    void aNativeShutdownThatNamesNoPlatformGetsNoAgentAndOneLine() throws Exception {
        RecordingNative guest = new RecordingNative();
        String log = StderrCapture.during(() -> hosted.addHosted(guest, reference(Map.of(
                NativeShutdown.DOMAIN_PROPERTY, 3, NativeShutdown.HOSTED_AGENT_PROPERTY, Boolean.TRUE))));

        assertEquals(1, StderrCapture.count(log,
                "No agent for recording native shutdown: it names no platform (vshutdown.provider)"), log);
    }

    @Test
    void aDomainIdIsANonNegativeIntegerAsANumberOrItsText() throws Exception {
        assertEquals(3, HostedAgents.domainId(3));
        assertEquals(3, HostedAgents.domainId(3L));
        assertEquals(3, HostedAgents.domainId("3"));
        assertEquals("domain id -1 is out of range",
                assertThrows(InvalidValueException.class, () -> HostedAgents.domainId(-1)).getMessage());
        assertEquals("domain id 2147483648 is out of range",
                assertThrows(InvalidValueException.class, () -> HostedAgents.domainId(1L << 31)).getMessage());
        assertEquals("a Double is not a domain id",
                assertThrows(InvalidValueException.class, () -> HostedAgents.domainId(3.0)).getMessage());
        assertEquals("missing", assertThrows(InvalidValueException.class, () -> HostedAgents.domainId(null))
                .getMessage());
    }

    @Test
    void malformedTimingsRefuseTheComponentInOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HostedAgents(
                ShutdownAgentTest.proxyOf(HostedAgents.Config.class, Map.of("native.timeout.ms", 0L))));
        assertEquals("Configuration com.example.vshutdown.agent.hosted refused, no hosted agent starts: "
                + "native.timeout.ms must be at least 1 ms, not 0", e.getMessage());
    }

    @Test
    void stoppingEndsEveryAgent() throws Exception {
        FakeProperties simulator = platform("simulator", 3, "1");
        simulator.setSilently(VProperties.running(4), "1");
        hosted.addProvider(simulator, provider("simulator", 0));
        hosted.addHosted(new RecordingNative(), guest(3, "simulator"));
        hosted.addHosted(new RecordingNative(), guest(4, "simulator"));
        assertTrue(simulator.awaitSubscribed());

        hosted.stop();

        assertEquals(0, simulator.subscribers());
    }

    @Test
    void aProviderThatComesLaterIsUsedAtOnce() throws Exception {
        RecordingNative guest = new RecordingNative();
        hosted.addHosted(guest, guest(3, "simulator"));
        FakeProperties simulator = platform("simulator", 3, "2");

        hosted.addProvider(simulator, provider("simulator", 0));

        assertTrue(guest.awaitCalls(1), "acted without waiting for its safety re-read");
    }
}
