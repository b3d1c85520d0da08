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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osgi.framework.Constants;

import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;
import com.example.vshutdown.support.offer.FakeFactory;
import com.example.vshutdown.support.offer.FakeFactory.Made;
import com.example.vshutdown.support.offer.ProviderOffer;

/** What the component offers for which settings, with the bundle's real components made by factories as SCR makes them. */
class SimulatorComponentTest {
    private final FakeBundleContext framework = new FakeBundleContext();
    private final List<String> journal = new CopyOnWriteArrayList<>();
    private final FakeFactory<HostedGuest> guests = new FakeFactory<>("guest", HostedGuest::new,
            new CopyOnWriteArrayList<>());
    private final FakeFactory<SimulatedNativeShutdown> nativeShutdowns = new FakeFactory<>("native shutdown",
            properties -> new SimulatedNativeShutdown(framework.context, properties), journal);
    private final FakeFactory<SimulatedPlatform> vproperties = new FakeFactory<>("vproperties",
            properties -> new SimulatedPlatform(properties, guests), SimulatedPlatform::close, journal);
    private final FakeFactory<SimulatorFault> faults = new FakeFactory<>("fault", SimulatorFault::new, journal);
    private SimulatorComponent component;

    @AfterEach
    void deactivate() {
        if (component != null) {
            component.deactivate();
        }
    }

    /** Activates the component as SCR does, with the configuration's properties (domains unset when null). */
    private SimulatorComponent activate(String configuredDomains) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("component.name", SimulatorComponent.PID);
        if (configuredDomains != null) {
            properties.put("domains", configuredDomains);
        }
        return activate(properties);
    }

    private SimulatorComponent activate(Map<String, Object> properties) {
        component = new SimulatorComponent(framework.context, properties, nativeShutdowns, vproperties, faults);
        return component;
    }

    private SimulatedPlatform platform() {
        return vproperties.only();
    }

    /** The live hosted guests' services, by domain. */
    private Map<Object, Made> hosted() {
        return guests.live().stream().collect(Collectors.toMap(m -> m.properties().get(NativeShutdown.DOMAIN_PROPERTY),
                m -> m));
    }

    private void assertOnlyFault(String message) {
        assertEquals(List.of("fault offered"), journal);
        assertEquals(message, faults.only().message());
        assertEquals(List.of(), guests.live());
    }

    @Test
    void unsetItRunsTheDefaultPlatformAtTheLowestRankingAndStartsItsGuestsOnceOffered() {
        activate((String) null);
        assertEquals(List.of("native shutdown offered", "vproperties offered"), journal);
        assertEquals("1:ok:100,2:ok:200,3:ok:300", platform().spec().domainList());
        assertEquals(0, platform().spec().masterDomain());
        assertEquals(Set.of(1, 2, 3), hosted().keySet(), "a hosted agent for each guest");
        List<Map<String, Object>> registered = new java.util.ArrayList<>();
        registered.add(nativeShutdowns.lastProperties());
        registered.add(vproperties.lastProperties());
        guests.live().forEach(m -> registered.add(m.properties()));
        for (Map<String, Object> properties : registered) {
            assertInstanceOf(Integer.class, properties.get(Constants.SERVICE_RANKING), properties.toString());
            assertEquals(-100, properties.get(Constants.SERVICE_RANKING));
            assertEquals("simulator", properties.get(VPropertyProvider.PROVIDER_PROPERTY));
        }
    }

    @Test
    void eachGuestsNativeShutdownAsksTheAgentBundleForAHostedAgent() throws IOException {
        framework.frameworkProperties.put("vshutdown.sim.domains",
                "1:ok:10,2:ignore,3:block,4:stopped,5:invalid,6:bounce,7:vanish,8:fail,9:hang,10:late:600000,"
                        + "11:appear:600000");
        activate((String) null);

        assertEquals(Set.of(1, 3, 6, 7, 8, 9), hosted().keySet(), "Integer ids; the late ones come later");
        hosted().forEach((domain, made) -> {
            assertSame(platform().guests().get(domain), made.properties().get(ProviderOffer.SETTINGS));
            assertEquals(Boolean.TRUE, made.properties().get(NativeShutdown.HOSTED_AGENT_PROPERTY));
            assertEquals(platform().guests().get(domain).description(), ((NativeShutdown) made.instance()).description());
        });
        // the service is the guest: a veto of domain 3's guest reaches its agent as such
        NativeShutdown three = (NativeShutdown) hosted().get(3).instance();
        assertThrows(com.example.vshutdown.spi.ShutdownVetoedException.class, three::shutdown);
    }

    @Test
    void aLateGuestsNativeShutdownIsRegisteredAfterItsDelay() throws Exception {
        framework.frameworkProperties.put("vshutdown.sim.domains", "1:late:30,2:appear:30");
        activate((String) null);

        guests.await("the late agents' native shutdowns", live -> hosted().keySet().equals(Set.of(1, 2)));

        assertEquals(Optional.of("1"), platform().read(VProperties.running(2)), "the appearing domain runs");
    }

    @Test
    void aDestroyedDomainsNativeShutdownIsWithdrawnWithIt() throws Exception {
        framework.frameworkProperties.put("vshutdown.sim.domains", "1:vanish:10,2:ok");
        activate((String) null);
        NativeShutdown guest = (NativeShutdown) hosted().get(1).instance();

        guest.shutdown();

        guests.await("domain 1's agent gone", live -> hosted().keySet().equals(Set.of(2)));
        assertEquals(Optional.empty(), platform().read(VProperties.running(1)));
    }

    @ParameterizedTest(name = "vshutdown.sim.agents={0}")
    @ValueSource(strings = { "auto", "real", "builtin", "" })
    void theRemovedAgentsSettingIsAnError(String value) {
        framework.frameworkProperties.put("vshutdown.sim.agents", value);
        activate((String) null);
        assertOnlyFault("vshutdown.sim.agents: this setting was removed; the simulated domains' agents are always"
                + " the shipped agent's (the agent bundle runs one for each guest): remove it");
    }

    @Test
    void theRemovedAgentsPropertyOfTheConfigurationIsAnError() {
        activate(Map.of("domains", "1:ok", "agents", "builtin"));
        assertOnlyFault("agents (configuration com.example.vshutdown.simulator): this setting was removed; the"
                + " simulated domains' agents are always the shipped agent's (the agent bundle runs one for each"
                + " guest): remove it");
    }

    @Test
    void theFrameworkPropertyDescribesTheDomains() {
        framework.frameworkProperties.put("vshutdown.sim.domains", "4:ignore,5:ok:10");
        activate((String) null);
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
        activate((String) null);
        assertEquals(2, platform().spec().masterDomain());
        assertEquals("1:ok:100,3:ok:200,4:ok:300", platform().spec().domainList());
        assertEquals("1", platform().read(VProperties.running(2)).orElse(null));
    }

    @Test
    void aMalformedListOffersOnlyTheFault() {
        framework.frameworkProperties.put("vshutdown.sim.domains", "1:ok,2:sleep");
        activate((String) null);
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
    void aConfiguredListThatIsNotTextIsNamedAsSuch() {
        activate(Map.of("domains", new String[] {"1:ok", "2:ok"}));
        assertOnlyFault("domains (configuration com.example.vshutdown.simulator): '[1:ok, 2:ok]' is not text");
    }

    @Test
    void aMalformedMasterDomainOffersOnlyTheFault() {
        framework.frameworkProperties.put("vshutdown.master.domain", "zero");
        activate((String) null);
        assertOnlyFault("vshutdown.master.domain: domain id 'zero' is not an unsigned decimal integer");
    }

    /** What SCR does when the configuration changes: deactivation, then activation with the new one. */
    @Test
    void aNewConfigurationReplacesThePlatformAndItsGuests() {
        activate((String) null);
        SimulatedPlatform first = platform();
        component.deactivate();
        activate("1:ignore,2:block");
        SimulatedPlatform second = platform();

        assertNotSame(first, second);
        assertEquals("1:ignore,2:block:an application vetoes the shutdown", second.spec().domainList());
        assertThrows(IOException.class, () -> first.read(VProperties.running(1)), "the old platform is closed");
        assertEquals(Set.of(2), hosted().keySet(), "only the new platform's guest");
        assertSame(second.guests().get(2), hosted().get(2).properties().get(ProviderOffer.SETTINGS));
    }

    @Test
    void deactivationWithdrawsEverything() {
        activate((String) null);
        SimulatedPlatform platform = platform();
        component.deactivate();
        component = null;
        assertEquals(List.of("native shutdown offered", "vproperties offered", "vproperties withdrawn",
                "native shutdown withdrawn"), journal);
        assertEquals(List.of(), guests.live(), "the guests' agents end with the platform");
        assertThrows(IOException.class, () -> platform.read(VProperties.running(1)));
    }

    @Test
    void theServicesRunOnlyWhereTheSimulatorsOfferMadeThem() {
        // anybody may call a factory component's ComponentFactory: the master's native shutdown would end the app
        assertThrows(IllegalStateException.class, () -> new SimulatedNativeShutdown(framework.context, Map.of()));
        assertThrows(IllegalStateException.class, () -> new SimulatedPlatform(Map.of(), guests));
        assertThrows(IllegalStateException.class, () -> new HostedGuest(Map.of()));
    }

    @Test
    void theNativeShutdownStopsTheSystemBundleOnAnotherThread() throws Exception {
        activate((String) null);
        NativeShutdown shutdown = nativeShutdowns.only();
        assertEquals(1, framework.systemBundleStopped.getCount(), "not before it is asked");
        shutdown.shutdown();
        assertTrue(framework.systemBundleStopped.await(ChangeRecorder.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        assertNotSame(Thread.currentThread(), framework.stoppedOn);
        assertEquals("vshutdown-sim-end", framework.stoppedOn.getName());
    }

    @Test
    void theNativeRebootEndsTheAppToo() throws Exception {
        activate((String) null);
        nativeShutdowns.only().reboot();
        assertTrue(framework.systemBundleStopped.await(ChangeRecorder.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    }
}
