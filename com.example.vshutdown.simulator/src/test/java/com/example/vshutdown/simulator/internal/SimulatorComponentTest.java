package com.example.vshutdown.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osgi.framework.Constants;

import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.simulator.internal.FakeBundleContext.Registration;
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

    /** The configuration as SCR hands it over: null for what is not configured. */
    static SimulatorComponent.Config config(String domains) {
        return FakeBundleContext.proxy(SimulatorComponent.Config.class, (method, args) -> switch (method.getName()) {
        case "domains" -> domains;
        case "annotationType" -> SimulatorComponent.Config.class;
        default -> throw new UnsupportedOperationException(method.getName());
        });
    }

    /** The component properties SCR hands over besides the typed configuration. */
    private static Map<String, Object> configured(String domains) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("component.name", SimulatorComponent.PID);
        if (domains != null) {
            properties.put("domains", domains);
        }
        return properties;
    }

    private SimulatorComponent activate(String configuredDomains) {
        component = new SimulatorComponent(framework.context, config(configuredDomains), configured(configuredDomains));
        return component;
    }

    /** The one native shutdown that names no domain: the master's. */
    private NativeShutdown mastersNative() {
        List<Registration> local = framework.registered(NativeShutdown.class).stream()
                .filter(r -> !r.properties().containsKey(NativeShutdown.DOMAIN_PROPERTY)).toList();
        assertEquals(1, local.size(), local::toString);
        return (NativeShutdown) local.get(0).service();
    }

    /** The native shutdowns registered for a hosted agent each, by domain. */
    private Map<Object, Registration> hosted() {
        return framework.registered(NativeShutdown.class).stream()
                .filter(r -> r.properties().containsKey(NativeShutdown.DOMAIN_PROPERTY))
                .collect(Collectors.toMap(r -> r.properties().get(NativeShutdown.DOMAIN_PROPERTY), r -> r));
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
        assertEquals("1:ok:100,2:ok:200,3:ok:300", platform().spec().domainList());
        assertEquals(0, platform().spec().masterDomain());
        assertEquals(5, framework.registered.size(), "provider, master's native, three guests: " + framework.registered);
        for (Registration registration : framework.registered) {
            Object ranking = registration.properties().get(Constants.SERVICE_RANKING);
            assertInstanceOf(Integer.class, ranking, registration.toString());
            assertEquals(-100, ranking);
            assertEquals("simulator", registration.properties().get("vshutdown.provider"));
        }
        assertInstanceOf(SimulatedNativeShutdown.class, mastersNative(), "the only native shutdown without a domain");
    }

    @Test
    void eachGuestsNativeShutdownAsksTheAgentBundleForAHostedAgent() {
        framework.frameworkProperties.put("vshutdown.sim.domains",
                "1:ok:10,2:ignore,3:block,4:stopped,5:invalid,6:bounce,7:vanish,8:fail,9:hang,10:late:600000,"
                        + "11:appear:600000");
        activate(null);

        assertEquals(Set.of(1, 3, 6, 7, 8, 9), hosted().keySet(), "Integer ids; the late ones come later");
        hosted().forEach((domain, registration) -> {
            assertSame(platform().guests().get(domain), registration.service());
            assertEquals(Boolean.TRUE, registration.properties().get(NativeShutdown.HOSTED_AGENT_PROPERTY));
            assertEquals(platform().guests().get(domain).description(),
                    registration.properties().get(Constants.SERVICE_DESCRIPTION));
        });
    }

    @Test
    void aLateGuestsNativeShutdownIsRegisteredAfterItsDelay() throws Exception {
        framework.frameworkProperties.put("vshutdown.sim.domains", "1:late:30,2:appear:30");
        long start = System.nanoTime();
        activate(null);

        framework.await("the late agents' native shutdowns", r -> hosted().keySet().equals(Set.of(1, 2)));

        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMillis >= 30, "not before the delay: " + elapsedMillis + " ms");
        assertEquals(Optional.of("1"), platform().read(VProperties.running(2)), "the appearing domain runs");
    }

    @Test
    void aDestroyedDomainsNativeShutdownIsWithdrawnWithIt() throws Exception {
        framework.frameworkProperties.put("vshutdown.sim.domains", "1:vanish:10,2:ok");
        activate(null);
        NativeShutdown guest = (NativeShutdown) hosted().get(1).service();

        guest.shutdown();

        framework.await("domain 1's agent gone", r -> hosted().keySet().equals(Set.of(2)));
        assertEquals(Optional.empty(), platform().read(VProperties.running(1)));
    }

    @ParameterizedTest(name = "vshutdown.sim.agents={0}")
    @ValueSource(strings = { "auto", "real", "builtin", "" })
    void theRemovedAgentsSettingIsAnError(String value) {
        framework.frameworkProperties.put("vshutdown.sim.agents", value);
        activate(null);
        assertOnlyFault("vshutdown.sim.agents: this setting was removed; the simulated domains' agents are always"
                + " the shipped agent's (the agent bundle runs one for each guest): remove it");
    }

    @Test
    void theRemovedAgentsPropertyOfTheConfigurationIsAnError() {
        Map<String, Object> properties = configured("1:ok");
        properties.put("agents", "builtin");
        component = new SimulatorComponent(framework.context, config("1:ok"), properties);
        assertOnlyFault("agents (configuration com.example.vshutdown.simulator): this setting was removed; the"
                + " simulated domains' agents are always the shipped agent's (the agent bundle runs one for each"
                + " guest): remove it");
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
                + " (expected ok, ignore, block, stopped, invalid, bounce, late, vanish, fail, hang, appear)");
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
        component.modified(config("1:ignore,2:block"), configured("1:ignore,2:block"));
        SimulatedPlatform second = platform();
        assertNotSame(first, second);
        assertEquals("1:ignore,2:block:an application vetoes the shutdown", second.spec().domainList());
        assertThrows(IOException.class, () -> first.read(VProperties.running(1)), "the old platform is closed");
        assertEquals(3, framework.registered.size(), framework.registered.toString());
        assertSame(second.guests().get(2), hosted().get(2).service(), "the new platform's guest");

        component.modified(config("1:sleep"), configured("1:sleep"));
        assertOnlyFault("domains (configuration com.example.vshutdown.simulator): entry '1:sleep' has unknown"
                + " behaviour 'sleep' (expected ok, ignore, block, stopped, invalid, bounce, late, vanish, fail,"
                + " hang, appear)");
        assertThrows(IOException.class, () -> second.read(VProperties.running(1)));

        component.modified(config(null), configured(null));
        assertEquals("1:ok:100,2:ok:200,3:ok:300", platform().spec().domainList());
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
        NativeShutdown shutdown = mastersNative();
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
        mastersNative().reboot();
        assertTrue(framework.systemBundleStopped.await(ChangeRecorder.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    }
}
