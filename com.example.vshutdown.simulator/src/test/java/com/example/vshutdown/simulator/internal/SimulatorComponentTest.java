package com.example.vshutdown.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.spi.ConfigurationFault;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;

/** The component against a fake bundle context: what it registers for which settings. */
class SimulatorComponentTest {
    private final FakeBundleContext framework = new FakeBundleContext();
    private SimulatorComponent component;

    @AfterEach
    void deactivate() {
        if (component != null) {
            component.deactivate();
        }
    }

    private static SimulatorComponent.Config config(String domains) {
        return config(domains, null);
    }

    /** The configuration as SCR hands it over: null for what is not configured. */
    static SimulatorComponent.Config config(String domains, String agents) {
        return FakeBundleContext.proxy(SimulatorComponent.Config.class, (method, args) -> switch (method.getName()) {
        case "domains" -> domains;
        case "agents" -> agents;
        case "annotationType" -> SimulatorComponent.Config.class;
        default -> throw new UnsupportedOperationException(method.getName());
        });
    }

    /** Without ConfigurationAdmin or the agent bundle: the built-in agents act. */
    private SimulatorComponent activate(String configuredDomains) {
        component = new SimulatorComponent(framework.context, config(configuredDomains), null);
        return component;
    }

    private SimulatedPlatform platform() {
        return (SimulatedPlatform) framework.service(VPropertyProvider.class);
    }

    private void assertOnlyFault(String message) {
        assertEquals(message, framework.service(ConfigurationFault.class).message());
        assertEquals(1, framework.registered.size(), "nothing but the fault: " + framework.registered);
    }

    @Test
    void unsetItRunsTheDefaultPlatformAtTheLowestRanking() {
        activate(null);
        assertEquals(SimulatorSpec.DEFAULT_DOMAINS, platform().spec().domainList());
        assertEquals(0, platform().spec().masterDomain());
        assertEquals(2, framework.registered.size(), framework.registered.toString());
        for (Class<?> type : List.of(VPropertyProvider.class, NativeShutdown.class)) {
            Object ranking = framework.registered(type).get(0).properties().get(Constants.SERVICE_RANKING);
            assertInstanceOf(Integer.class, ranking, type.getSimpleName());
            assertEquals(-100, ranking);
            assertEquals("simulator", framework.registered(type).get(0).properties().get("vshutdown.provider"));
        }
    }

    @Test
    void theFrameworkPropertyDescribesTheDomains() {
        framework.frameworkProperties.put("vshutdown.sim.domains", "4:ignore,5:ok:10");
        activate(null);
        assertEquals("4:ignore,5:ok:10", platform().spec().domainList());
    }

    @Test
    void theConfigurationOverridesTheFrameworkProperty() {
        framework.frameworkProperties.put("vshutdown.sim.domains", "4:ignore");
        activate("5:stopped");
        assertEquals("5:stopped", platform().spec().domainList());
    }

    @Test
    void theMastersDomainComesFromTheFrameworkProperty() throws IOException {
        framework.frameworkProperties.put("vshutdown.master.domain", "2");
        activate(null);
        assertEquals(2, platform().spec().masterDomain());
        assertEquals("1:ok:100,3:ok:200,4:ok:300", platform().spec().domainList());
        assertEquals("1", platform().read(VProperties.running(2)).orElse(null));
    }

    @Test
    void aMalformedListRegistersOnlyTheFault() {
        framework.frameworkProperties.put("vshutdown.sim.domains", "1:ok,2:sleep");
        activate(null);
        assertOnlyFault("vshutdown.sim.domains: entry '2:sleep' has unknown behaviour 'sleep'"
                + " (expected ok, ignore, block, stopped, invalid)");
    }

    @Test
    void aMalformedConfigurationIsNamedAsSuch() {
        activate("");
        assertOnlyFault("domains (configuration com.example.vshutdown.simulator): the list of domains is empty"
                + " (expected <id>:<behaviour>[:<argument>],... for example 1:ok:200,2:ignore)");
    }

    @Test
    void aMalformedMasterDomainRegistersOnlyTheFault() {
        framework.frameworkProperties.put("vshutdown.master.domain", "zero");
        activate(null);
        assertOnlyFault("vshutdown.master.domain: domain id 'zero' is not an unsigned decimal integer");
    }

    @Test
    void aModifiedConfigurationReplacesThePlatform() {
        activate(null);
        SimulatedPlatform first = platform();
        component.modified(config("1:ignore"));
        SimulatedPlatform second = platform();
        assertNotSame(first, second);
        assertEquals("1:ignore", second.spec().domainList());
        assertThrows(IOException.class, () -> first.read(VProperties.running(1)), "the old platform is closed");
        assertEquals(2, framework.registered.size(), framework.registered.toString());

        component.modified(config("1:sleep"));
        assertOnlyFault("domains (configuration com.example.vshutdown.simulator): entry '1:sleep' has unknown"
                + " behaviour 'sleep' (expected ok, ignore, block, stopped, invalid)");
        assertThrows(IOException.class, () -> second.read(VProperties.running(1)));

        component.modified(config(null));
        assertEquals(SimulatorSpec.DEFAULT_DOMAINS, platform().spec().domainList());
        assertEquals(List.of(), framework.registered(ConfigurationFault.class));
    }

    @Test
    void deactivationWithdrawsEverything() {
        activate(null);
        SimulatedPlatform platform = platform();
        component.deactivate();
        component = null;
        assertEquals(List.of(), framework.registered);
        assertThrows(IOException.class, () -> platform.read(VProperties.running(1)));
    }

    @Test
    void theNativeShutdownStopsTheSystemBundleOnAnotherThread() throws Exception {
        activate(null);
        NativeShutdown shutdown = framework.service(NativeShutdown.class);
        assertSame(SimulatedNativeShutdown.class, shutdown.getClass());
        assertEquals(1, framework.systemBundleStopped.getCount(), "not before it is asked");
        shutdown.shutdown();
        assertTrue(framework.systemBundleStopped.await(ChangeRecorder.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        assertNotSame(Thread.currentThread(), framework.stoppedOn);
        assertEquals("vshutdown-sim-end", framework.stoppedOn.getName());
    }

    @Test
    void theNativeRebootEndsTheAppToo() throws Exception {
        activate(null);
        framework.service(NativeShutdown.class).reboot();
        assertTrue(framework.systemBundleStopped.await(ChangeRecorder.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    }
}
