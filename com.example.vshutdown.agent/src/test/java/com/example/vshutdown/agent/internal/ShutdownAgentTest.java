package com.example.vshutdown.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.protocol.Values;
import com.example.vshutdown.spi.ConfigurationFault;

/**
 * The DS component without a framework: its configuration is checked as SCR would hand it over
 * (the component's properties: the configuration's and its pid), and its references are
 * injected into its fields the way SCR does, between the constructor and the activate method.
 */
class ShutdownAgentTest {
    private static final String FACTORY_PID = ShutdownAgent.PID + "~domain-3";

    /** Any component property type backed by configured properties, as SCR makes one. */
    static <A> A proxyOf(Class<A> type, Map<String, Object> configured) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
                (proxy, method, args) -> {
                    String key = method.getName().replace('_', '.');
                    if (configured.containsKey(key)) {
                        return configured.get(key);
                    }
                    if (method.getName().equals("annotationType")) {
                        return type;
                    }
                    return method.getDefaultValue();
                }));
    }

    /** The component's properties as SCR hands them over: the configuration's and its pid. */
    private static Map<String, Object> properties(Map<String, Object> configured) {
        Map<String, Object> properties = new HashMap<>(configured);
        properties.put("service.pid", FACTORY_PID);
        properties.put("service.factoryPid", ShutdownAgent.PID);
        return properties;
    }

    private static IllegalArgumentException refused(Map<String, Object> configured) {
        return assertThrows(IllegalArgumentException.class,
                () -> new ShutdownAgent(properties(configured)));
    }

    @Test
    void theDefaultsAreFiveSecondsAndThirtySeconds() {
        ShutdownAgent.Settings settings = ShutdownAgent.Settings.of(Map.of("domain.id", "3"));
        assertEquals(new ShutdownAgent.Settings(3, Duration.ofSeconds(5), Duration.ofSeconds(30)), settings);
    }

    @Test
    void configuredValuesAreTaken() {
        ShutdownAgent.Settings settings = ShutdownAgent.Settings.of(Map.of("domain.id", "12",
                "safety.reread.ms", 250L, "native.timeout.ms", "1000"));
        assertEquals(new ShutdownAgent.Settings(12, Duration.ofMillis(250), Duration.ofSeconds(1)), settings);
    }

    @Test
    void aMissingDomainIdRefusesTheComponentNamingTheConfiguration() {
        IllegalArgumentException e = refused(Map.of());
        assertTrue(e.getMessage().contains(FACTORY_PID), e.getMessage());
        assertTrue(e.getMessage().contains("domain.id is missing"), e.getMessage());
    }

    @ParameterizedTest(name = "domain.id ''{0}''")
    @ValueSource(strings = { "", " 3", "3 ", "-3", "+3", "03", "0x3", "3\n", "three", "2147483648" })
    void aMalformedDomainIdRefusesTheComponentQuotingTheValue(String id) {
        IllegalArgumentException e = refused(Map.of("domain.id", id));
        assertTrue(e.getMessage().contains(FACTORY_PID), e.getMessage());
        assertTrue(e.getMessage().contains("domain.id"), e.getMessage());
        assertTrue(id.isEmpty() ? e.getMessage().contains("empty")
                : e.getMessage().contains("'" + Values.printable(id) + "'"),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @ParameterizedTest(name = "{0} = 0")
    @ValueSource(strings = { "safety.reread.ms", "native.timeout.ms" })
    void aDurationBelowOneMillisecondIsRefused(String name) {
        IllegalArgumentException e = refused(Map.of("domain.id", "3", name, 0L));
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }

    @Test
    void aMalformedOrUnknownSettingIsRefusedNeverGuessedAt() {
        // SCR's typed configuration would have truncated 1.5 to 1 and passed the misspelt key
        assertTrue(refused(Map.of("domain.id", "3", "native.timeout.ms", 1.5)).getMessage().endsWith(
                "native.timeout.ms (configuration com.example.vshutdown.agent): '1.5' is not a number of milliseconds"));
        assertTrue(refused(Map.of("domain.id", "3", "native.timeout.ms", "+5")).getMessage().endsWith(
                "'+5' is not a number of milliseconds (an unsigned decimal integer)"));
        assertTrue(refused(Map.of("domain.id", "3", "native.timeout", 5000L)).getMessage().endsWith(
                "configuration com.example.vshutdown.agent: unknown setting 'native.timeout'; a setting it does not "
                        + "know is refused, not ignored"));
        assertEquals(3, ShutdownAgent.Settings.of(Map.of("domain.id", 3L, "nativeShutdown.target", "(a=b)")).domain());
    }

    @Test
    void theComponentActsThroughTheServicesSetInItsFields() throws Exception {
        FakeProperties platform = new FakeProperties("fake platform");
        platform.setSilently(VProperties.running(3), "1");
        platform.setSilently(VProperties.requested(3), "4");
        platform.setSilently(VProperties.running(4), "1");
        platform.setSilently(VProperties.requested(4), "2");
        RecordingNative nativeShutdown = new RecordingNative();
        ShutdownAgent component = new ShutdownAgent(properties(Map.of("domain.id", "3")));
        inject(component, "provider", platform);
        inject(component, "nativeShutdown", nativeShutdown);

        component.start();
        try {
            assertTrue(nativeShutdown.awaitCalls(1), "the agent acts on its request at start");
        } finally {
            component.stop();
        }

        assertEquals(List.of("shutdown"), nativeShutdown.calls);
        assertEquals(List.of(VProperties.status(3) + "=picked-up 4"), platform.writes);
        assertEquals(0, platform.subscribers(), "stopping ends the subscription");
    }

    @Test
    void theComponentRefusesToActWhileAConfigurationFaultIsInjected() throws Exception {
        FakeProperties platform = new FakeProperties("fake platform");
        platform.setSilently(VProperties.running(3), "1");
        platform.setSilently(VProperties.requested(3), "2");
        RecordingNative nativeShutdown = new RecordingNative();
        ShutdownAgent component = new ShutdownAgent(properties(Map.of("domain.id", "3")));
        inject(component, "provider", platform);
        inject(component, "nativeShutdown", nativeShutdown);
        ConfigurationFault fault = () -> "vshutdown.provider: 'linx' names no provider";
        inject(component, "faults", List.of(fault));

        String log = StderrCapture.during(() -> {
            component.start();
            // the agent subscribes first thing in a check, and stopping waits for the check in progress
            assertTrue(platform.awaitSubscribed(), "the agent looked");
            component.stop();
        });

        assertEquals(List.of(), nativeShutdown.calls);
        assertEquals(List.of(), platform.writes);
        assertEquals(1, StderrCapture.count(log, "the platform is misconfigured: vshutdown.provider: 'linx'"), log);
    }

    private static void inject(Object component, String field, Object service) throws ReflectiveOperationException {
        Field f = ShutdownAgent.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(component, service);
    }
}
