package com.example.vshutdown.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.example.vshutdown.simulator.internal.AgentsSetting.Mode;

/** The agents setting: where it comes from, what it accepts, and what it decides. */
class AgentsSettingTest {
    @Test
    void unsetItIsAuto() throws Exception {
        assertEquals(new AgentsSetting(Mode.AUTO, "default vshutdown.sim.agents"), AgentsSetting.of(null, null));
    }

    @Test
    void theConfigurationWinsOverTheFrameworkProperty() throws Exception {
        assertEquals(Mode.BUILTIN, AgentsSetting.of("builtin", "real").mode());
        assertEquals("agents (configuration com.example.vshutdown.simulator)",
                AgentsSetting.of("builtin", "x").source());
        assertEquals(new AgentsSetting(Mode.REAL, "vshutdown.sim.agents"), AgentsSetting.of(null, "real"));
        assertEquals(Mode.AUTO, AgentsSetting.of(null, " auto\n").mode(), "whitespace around the word");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "Auto", "REAL", "built-in", "real,builtin", "true", "r eal" })
    void anythingButTheThreeWordsIsMalformed(String value) {
        MalformedSpecException e = assertThrows(MalformedSpecException.class, () -> AgentsSetting.of(null, value));
        assertTrue(e.getMessage().startsWith("vshutdown.sim.agents: '"), e.getMessage());
        assertTrue(e.getMessage().endsWith("' is not a mode of the agents (expected auto, real or builtin)"),
                e.getMessage());
    }

    @Test
    void aMalformedValueIsShownPrintably() {
        assertEquals("vshutdown.sim.agents: 're\\nal' is not a mode of the agents (expected auto, real or builtin)",
                assertThrows(MalformedSpecException.class, () -> AgentsSetting.of(null, "re\nal")).getMessage());
    }

    @Test
    void autoTakesTheShippedAgentsOnlyWhereBothAreThere() throws Exception {
        AgentsSetting auto = AgentsSetting.of(null, null);
        assertTrue(auto.choose(true, true).real());
        assertFalse(auto.choose(false, true).real());
        assertFalse(auto.choose(true, false).real());
        assertFalse(auto.choose(false, false).real());
        assertEquals("agents=auto (default vshutdown.sim.agents): ConfigurationAdmin is not available",
                auto.choose(true, false).why());
    }

    @Test
    void builtinIgnoresWhatIsInstalled() throws Exception {
        assertFalse(AgentsSetting.of(null, "builtin").choose(true, true).real());
    }

    @Test
    void realRefusesToFallBack() throws Exception {
        AgentsSetting real = AgentsSetting.of(null, "real");
        assertTrue(real.choose(true, true).real());
        assertEquals("vshutdown.sim.agents: 'real' asks for the shipped agents, but no bundle "
                + "com.example.vshutdown.agent is installed and ConfigurationAdmin is not available (install them, "
                + "or use auto or builtin)", assertThrows(MalformedSpecException.class,
                        () -> real.choose(false, false)).getMessage());
    }
}
