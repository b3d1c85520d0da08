package com.example.vshutdown.simulator.internal;

import static com.example.vshutdown.protocol.VProperties.requested;
import static com.example.vshutdown.protocol.VProperties.running;
import static com.example.vshutdown.protocol.VProperties.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

import com.example.vshutdown.simulator.internal.FakeBundleContext.Registration;
import com.example.vshutdown.spi.ConfigurationFault;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.ShutdownVetoedException;
import com.example.vshutdown.spi.VPropertyProvider;

/** Who plays the agents, and the configurations and services the shipped agents are given. */
class SimulatorAgentsTest {
    private static final String DOMAINS = "1:ok:10,2:ignore,3:block:update in progress,4:stopped,5:invalid,6:ok:600000";
    private static final String AGENT_PID = "com.example.vshutdown.agent";

    private final FakeBundleContext framework = new FakeBundleContext();
    private final FakeConfigurationAdmin configurationAdmin = new FakeConfigurationAdmin();
    private final ChangeRecorder changes = new ChangeRecorder();
    private ServiceReference<?> configurationAdminReference;
    private SimulatorComponent component;

    @AfterEach
    void deactivate() {
        if (component != null) {
            component.deactivate();
        }
    }

    private void activate(String configuredAgents, boolean agentBundle, boolean withConfigurationAdmin) {
        if (agentBundle) {
            framework.installedBundles.add("org.example.unrelated");
            framework.installedBundles.add(AGENT_PID);
        }
        configurationAdminReference = withConfigurationAdmin ? framework.offer(configurationAdmin.admin) : null;
        component = new SimulatorComponent(framework.context, SimulatorComponentTest.config(DOMAINS, configuredAgents),
                configurationAdminReference);
        if (!framework.registered(VPropertyProvider.class).isEmpty()) {
            platform().watch(changes);
        }
    }

    private SimulatedPlatform platform() {
        return (SimulatedPlatform) framework.service(VPropertyProvider.class);
    }

    /** The native shutdowns registered for a domain each, by domain. */
    private Map<Object, NativeShutdown> domainNatives() {
        return framework.registered(NativeShutdown.class).stream()
                .filter(r -> r.properties().containsKey(NativeShutdown.DOMAIN_PROPERTY))
                .collect(Collectors.toMap(r -> r.properties().get(NativeShutdown.DOMAIN_PROPERTY),
                        r -> (NativeShutdown) r.service()));
    }

    private static String pid(int domain) {
        return AGENT_PID + "~sim-" + domain;
    }

    private void assertBuiltInAgentsAct() throws Exception {
        assertEquals(Map.of(), domainNatives(), "no native shutdown of a domain");
        assertEquals(Map.of(), configurationAdmin.stored(), "no agent configuration");
        platform().write(requested(1), "2");
        changes.await(running(1), "2");
        assertEquals(List.of("picked-up 2"), changes.values(status(1)), "written by the built-in agent");
    }

    private void assertOnlyFault(String message) {
        assertEquals(message, framework.service(ConfigurationFault.class).message());
        assertEquals(1, framework.registered.size(), "nothing but the fault: " + framework.registered);
        assertEquals(Map.of(), configurationAdmin.stored());
    }

    @Test
    void autoRunsTheShippedAgentsWhereTheirBundleAndConfigurationAdminAreThere() {
        activate(null, true, true);

        assertEquals(Set.of(pid(1), pid(3), pid(6)), configurationAdmin.stored().keySet(), "ok and block domains only");
        for (int domain : List.of(1, 3, 6)) {
            FakeConfigurationAdmin.Stored stored = configurationAdmin.stored().get(pid(domain));
            assertEquals(AGENT_PID, stored.factoryPid());
            assertEquals("?", stored.location(), "bound to no bundle, so the agent bundle receives it");
            assertEquals(Map.of("domain.id", Integer.toString(domain),
                    "nativeShutdown.target", "(vshutdown.domain=" + domain + ")",
                    "provider.target", "(vshutdown.provider=simulator)",
                    "vshutdown.sim.managed", Boolean.TRUE), stored.properties());
        }
        assertEquals(1, framework.holds(configurationAdminReference));
    }

    @Test
    void eachAgentIsGivenItsGuestsNativeShutdownAsAServiceOfItsDomain() {
        activate(null, true, true);

        assertEquals(Set.of(1, 3, 6), domainNatives().keySet(), "Integer ids of the ok and block domains");
        domainNatives().forEach((domain, guest) -> assertEquals(platform().guests().get(domain), guest));
        for (Registration registration : framework.registered(NativeShutdown.class)) {
            Map<String, Object> properties = registration.properties();
            assertInstanceOf(Integer.class, properties.get(Constants.SERVICE_RANKING));
            assertEquals(-100, properties.get(Constants.SERVICE_RANKING));
            assertEquals("simulator", properties.get("vshutdown.provider"));
        }
        List<Registration> local = framework.registered(NativeShutdown.class).stream()
                .filter(r -> !r.properties().containsKey(NativeShutdown.DOMAIN_PROPERTY)).toList();
        assertEquals(1, local.size(), "the master's own native shutdown is still the only one without a domain");
        assertInstanceOf(SimulatedNativeShutdown.class, local.get(0).service());
    }

    @Test
    void withTheShippedAgentsOnlyTheirCallsMoveTheGuests() throws Exception {
        activate(null, true, true);
        SimulatedPlatform platform = platform();
        platform.write(requested(1), "2");
        changes.flush(platform);
        assertEquals("1", platform.read(running(1)).orElseThrow(), "no built-in agent picked it up");

        domainNatives().get(1).shutdown();
        changes.await(running(1), "2");
        ShutdownVetoedException veto = assertThrows(ShutdownVetoedException.class,
                () -> domainNatives().get(3).reboot());
        assertEquals("update in progress", veto.getMessage());
        changes.flush(platform);
        assertEquals(List.of(), changes.values(status(1)), "the status is the agent's to write");
        assertEquals(List.of(), changes.values(status(3)));
        assertEquals(List.of(), changes.values(running(3)));
    }

    @Test
    void autoWithoutConfigurationAdminFallsBackToTheBuiltInAgents() throws Exception {
        activate(null, true, false);
        assertBuiltInAgentsAct();
    }

    @Test
    void autoWithoutTheAgentBundleFallsBackToTheBuiltInAgents() throws Exception {
        activate(null, false, true);
        assertBuiltInAgentsAct();
        assertEquals(0, framework.holds(configurationAdminReference), "ConfigurationAdmin not even used");
    }

    @Test
    void builtinIsUsedEvenWhereTheShippedAgentsCouldRun() throws Exception {
        framework.frameworkProperties.put("vshutdown.sim.agents", "builtin");
        activate(null, true, true);
        assertBuiltInAgentsAct();
    }

    @Test
    void theConfiguredModeWinsOverTheFrameworkProperty() throws Exception {
        framework.frameworkProperties.put("vshutdown.sim.agents", "not a mode");
        activate("builtin", true, true);
        assertBuiltInAgentsAct();
    }

    @Test
    void realWithoutConfigurationAdminIsAFaultThatSaysSo() {
        framework.frameworkProperties.put("vshutdown.sim.agents", "real");
        activate(null, true, false);
        assertOnlyFault("vshutdown.sim.agents: 'real' asks for the shipped agents, but ConfigurationAdmin is not"
                + " available (install them, or use auto or builtin)");
    }

    @Test
    void realWithoutTheAgentBundleIsAFaultNamingTheConfiguration() {
        activate(" real ", false, true);
        assertOnlyFault("agents (configuration com.example.vshutdown.simulator): 'real' asks for the shipped agents,"
                + " but no bundle com.example.vshutdown.agent is installed (install them, or use auto or builtin)");
    }

    @Test
    void realRunsTheShippedAgentsWhereTheyCan() {
        activate("real", true, true);
        assertEquals(Set.of(pid(1), pid(3), pid(6)), configurationAdmin.stored().keySet());
        assertEquals(List.of(), framework.registered(ConfigurationFault.class));
    }

    @Test
    void aMalformedModeIsAFaultNamingTheSettingAndTheValue() {
        framework.frameworkProperties.put("vshutdown.sim.agents", "Real");
        activate(null, true, true);
        assertOnlyFault("vshutdown.sim.agents: 'Real' is not a mode of the agents (expected auto, real or builtin)");
    }

    @Test
    void aNewPlatformGetsNewConfigurationsAndTheOldOnesGo() {
        activate(null, true, true);
        List<String> before = List.copyOf(configurationAdmin.journal);
        component.modified(SimulatorComponentTest.config("2:ok:5,7:block", null));

        assertEquals(Set.of(pid(2), pid(7)), configurationAdmin.stored().keySet());
        assertEquals(Set.of(2, 7), domainNatives().keySet());
        List<String> journal = configurationAdmin.journal.subList(before.size(), configurationAdmin.journal.size());
        assertEquals(List.of("delete " + pid(1), "delete " + pid(3), "delete " + pid(6), "update " + pid(2),
                "update " + pid(7)), journal, "the old ones are gone before the new ones come");
        assertEquals(1, framework.holds(configurationAdminReference), "released with the old platform");

        component.modified(SimulatorComponentTest.config("2:sleep", null));
        assertEquals(1, framework.registered.size(), framework.registered.toString());
        assertEquals(Map.of(), configurationAdmin.stored());
        assertEquals(0, framework.holds(configurationAdminReference));
    }

    @Test
    void deactivationWithdrawsTheAgentsWithThePlatform() {
        activate(null, true, true);
        component.deactivate();
        component = null;
        assertEquals(List.of(), framework.registered);
        assertEquals(Map.of(), configurationAdmin.stored());
        assertEquals(0, framework.holds(configurationAdminReference));
    }

    @Test
    void configurationsLeftByAnEarlierRunGoButNotAnOperatorsOwn() {
        Map<String, Object> leftOver = Map.of("domain.id", "9", "vshutdown.sim.managed", Boolean.TRUE);
        configurationAdmin.put(pid(9), AGENT_PID, "?", leftOver);
        configurationAdmin.put(pid(1), AGENT_PID, "?", Map.of("domain.id", "1",
                "nativeShutdown.target", "(vshutdown.domain=1)", "provider.target", "(vshutdown.provider=simulator)",
                "vshutdown.sim.managed", Boolean.TRUE));
        configurationAdmin.put(AGENT_PID + "~operator", AGENT_PID, null, Map.of("domain.id", "8"));
        configurationAdmin.put("com.example.other~sim-2", "com.example.other", "?", leftOver);

        activate(null, true, true);

        assertEquals(Set.of(pid(1), pid(3), pid(6), AGENT_PID + "~operator", "com.example.other~sim-2"),
                configurationAdmin.stored().keySet());
        assertEquals(List.of("delete " + pid(9), "update " + pid(3), "update " + pid(6)), configurationAdmin.journal,
                "the one left as it should be is not updated, so its agent is not restarted");
    }
}
