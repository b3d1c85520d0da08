package com.example.vshutdown.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.example.vshutdown.simulator.internal.DomainSpec.Behaviour;
import com.example.vshutdown.support.offer.MalformedSettingException;

class SimulatorSpecTest {
    private static final String BEHAVIOURS = "ok, ignore, block, stopped, invalid, bounce, late, vanish, fail, hang, appear";
    private static final String EXPECTED = "(expected " + BEHAVIOURS + ")";

    private static String error(String text) {
        return error(text, 0);
    }

    private static String error(String text, int master) {
        MalformedSettingException e = assertThrows(MalformedSettingException.class,
                () -> SimulatorSpec.parse(SimulatorSpec.DOMAINS_PROPERTY, text, master));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void parsesEveryBehaviourWithItsArguments() throws Exception {
        SimulatorSpec spec = SimulatorSpec.parse("1:ok:200,2:ignore,3:block:update in progress,4:stopped,5:invalid,"
                + "6:bounce:30,7:late:2000,8:vanish:40,9:fail:disk full,10:hang,11:appear:700");
        assertEquals(0, spec.masterDomain());
        assertEquals(List.of(DomainSpec.ok(1, 200), DomainSpec.of(2, Behaviour.IGNORE),
                DomainSpec.block(3, "update in progress"), DomainSpec.of(4, Behaviour.STOPPED),
                DomainSpec.of(5, Behaviour.INVALID), DomainSpec.delayed(6, Behaviour.BOUNCE, 30),
                DomainSpec.delayed(7, Behaviour.LATE, 2000), DomainSpec.delayed(8, Behaviour.VANISH, 40),
                DomainSpec.because(9, Behaviour.FAIL, "disk full"), DomainSpec.of(10, Behaviour.HANG),
                DomainSpec.delayed(11, Behaviour.APPEAR, 700)), spec.domains());
    }

    /** The defaults DESIGN.md and the README promise, spelled out here rather than read from the code. */
    @Test
    void leftOutArgumentsTakeTheDocumentedDefaults() throws Exception {
        SimulatorSpec spec = SimulatorSpec.parse("1:ok,2:block,3:bounce,4:vanish,5:fail");
        assertEquals("1:ok:50,2:block:an application vetoes the shutdown,3:bounce:50,4:vanish:50,"
                + "5:fail:the native command failed", spec.domainList());
        assertEquals(50, spec.domain(1).haltMillis());
        assertEquals(0, spec.domain(1).agentStartMillis());
    }

    @Test
    void lateAndAppearWaitForTheirAgentAndThenGoDownAsOkDoesByDefault() throws Exception {
        SimulatorSpec spec = SimulatorSpec.parse("1:late:1500,2:appear:2500,3:bounce:20,4:vanish:30");
        assertEquals(1500, spec.domain(1).agentStartMillis());
        assertEquals(50, spec.domain(1).haltMillis());
        assertEquals(2500, spec.domain(2).agentStartMillis());
        assertEquals(50, spec.domain(2).haltMillis());
        assertEquals(0, spec.domain(3).agentStartMillis());
        assertEquals(20, spec.domain(3).haltMillis());
        assertEquals(30, spec.domain(4).haltMillis());
    }

    @Test
    void onlyIgnoreStoppedAndInvalidDomainsHaveNobodyInThem() {
        for (Behaviour behaviour : Behaviour.values()) {
            boolean nobody = behaviour == Behaviour.IGNORE || behaviour == Behaviour.STOPPED
                    || behaviour == Behaviour.INVALID;
            assertEquals(!nobody, behaviour.hasGuest(), behaviour.word());
        }
    }

    @Test
    void theDefaultIsThreeOkDomainsWithDifferentDelays() throws Exception {
        // the README's default, and the one the metatype description states, is the one computed
        assertEquals("1:ok:100,2:ok:200,3:ok:300", SimulatorSpec.defaultDomains(0));
        assertEquals(SimulatorSpec.defaultDomains(0), SimulatorSpec.DEFAULT_DOMAINS);
        SimulatorSpec spec = SimulatorSpec.parse(SimulatorSpec.defaultDomains(0));
        assertEquals(List.of(DomainSpec.ok(1, 100), DomainSpec.ok(2, 200), DomainSpec.ok(3, 300)), spec.domains());
    }

    @Test
    void theDefaultStepsAroundTheMastersDomain() throws Exception {
        assertEquals("1:ok:100,3:ok:200,4:ok:300", SimulatorSpec.defaultDomains(2));
        assertEquals("2:ok:100,3:ok:200,4:ok:300", SimulatorSpec.defaultDomains(1));
        assertEquals(3, SimulatorSpec.parse("d", SimulatorSpec.defaultDomains(2), 2).domains().size());
    }

    @Test
    void whitespaceAroundEntriesIsIgnored() throws Exception {
        SimulatorSpec spec = SimulatorSpec.parse(" 1:ok:10 ,\t2:ignore\n");
        assertEquals(List.of(DomainSpec.ok(1, 10), DomainSpec.of(2, Behaviour.IGNORE)), spec.domains());
    }

    @Test
    void aReasonMayContainColonsAndSpaces() throws Exception {
        SimulatorSpec spec = SimulatorSpec.parse("2:block:update: step 3 of 5,3:fail:poweroff: exit 1");
        assertEquals("update: step 3 of 5", spec.domain(2).reason());
        assertEquals("poweroff: exit 1", spec.domain(3).reason());
    }

    @Test
    void delayBoundsAreInclusive() throws Exception {
        assertEquals(0, SimulatorSpec.parse("1:ok:0").domain(1).delayMillis());
        assertEquals(SimulatorSpec.MAX_DELAY_MILLIS,
                SimulatorSpec.parse("1:ok:" + SimulatorSpec.MAX_DELAY_MILLIS).domain(1).delayMillis());
    }

    @Test
    void theListRoundTrips() throws Exception {
        SimulatorSpec spec = SimulatorSpec.parse("3:ok,1:block,2:ignore,4:stopped,5:invalid,6:bounce,7:late:9,"
                + "8:vanish,9:fail:x: y,10:hang,11:appear:0");
        assertEquals("3:ok:50,1:block:an application vetoes the shutdown,2:ignore,4:stopped,5:invalid,6:bounce:50,"
                + "7:late:9,8:vanish:50,9:fail:x: y,10:hang,11:appear:0", spec.domainList());
        assertEquals(spec, SimulatorSpec.parse(spec.domainList()));
    }

    @Test
    void theMastersDomainIsConfigurable() throws Exception {
        SimulatorSpec spec = SimulatorSpec.parse("s", "0:ok,1:ignore", 7);
        assertEquals(7, spec.masterDomain());
        assertEquals(2, spec.domains().size());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "", "   " })
    void anEmptyListIsAnError(String text) {
        assertEquals("vshutdown.sim.domains: the list of domains is empty"
                + " (expected <id>:<behaviour>[:<argument>],... for example 1:ok:200,2:ignore)", error(text));
    }

    @Test
    void anEmptyEntryIsAnErrorThatSaysWhichOne() {
        assertEquals("vshutdown.sim.domains: entry 2 of '1:ok,,2:ok' is empty", error("1:ok,,2:ok"));
        assertEquals("vshutdown.sim.domains: entry 2 of '1:ok,' is empty", error("1:ok,"));
        assertEquals("vshutdown.sim.domains: entry 1 of ' ,1:ok' is empty", error(" ,1:ok"));
    }

    @Test
    void anUnknownBehaviourIsAnError() {
        assertEquals("vshutdown.sim.domains: entry '2:sleep' has unknown behaviour 'sleep' " + EXPECTED,
                error("1:ok,2:sleep"));
        assertEquals("vshutdown.sim.domains: entry '2:OK' has unknown behaviour 'OK' " + EXPECTED, error("2:OK"));
        assertEquals("vshutdown.sim.domains: entry '2:' has unknown behaviour '' " + EXPECTED, error("2:"));
        assertEquals("vshutdown.sim.domains: entry '2: ok' has unknown behaviour ' ok' " + EXPECTED, error("2: ok"));
    }

    @Test
    void aMissingBehaviourIsAnError() {
        assertEquals("vshutdown.sim.domains: entry '2' has no behaviour"
                + " (expected <id>:<behaviour>, one of " + BEHAVIOURS + ")", error("1:ok,2"));
    }

    @Test
    void aMalformedIdIsAnError() {
        assertEquals("vshutdown.sim.domains: entry 'x:ok' has an invalid id:"
                + " domain id 'x' is not an unsigned decimal integer", error("x:ok"));
        assertEquals("vshutdown.sim.domains: entry '-1:ok' has an invalid id:"
                + " domain id '-1' is not an unsigned decimal integer", error("-1:ok"));
        assertEquals("vshutdown.sim.domains: entry '+1:ok' has an invalid id:"
                + " domain id '+1' is not an unsigned decimal integer", error("+1:ok"));
        assertEquals("vshutdown.sim.domains: entry '01:ok' has an invalid id: domain id '01' has leading zeros",
                error("01:ok"));
        assertEquals("vshutdown.sim.domains: entry ':ok' has an invalid id: domain id is empty", error(":ok"));
        assertEquals("vshutdown.sim.domains: entry '1 :ok' has an invalid id:"
                + " domain id '1 ' is not an unsigned decimal integer", error("1 :ok"));
        assertEquals("vshutdown.sim.domains: entry '99999999999:ok' has an invalid id:"
                + " domain id '99999999999' is too large", error("99999999999:ok"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "ignore", "stopped", "invalid", "hang" })
    void behavioursWithoutArgumentsRefuseOne(String behaviour) {
        assertEquals("vshutdown.sim.domains: entry '2:" + behaviour + ":5' has an argument, but '" + behaviour
                + "' takes none", error("2:" + behaviour + ":5"));
        assertEquals("vshutdown.sim.domains: entry '2:" + behaviour + ":' has an argument, but '" + behaviour
                + "' takes none", error("2:" + behaviour + ":"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "-5", "+5", "5ms", " 5", "0x10", "1e3", "", "5:5", "600001",
            "99999999999999999999", "١٢" })
    void aDelayIsAnUnsignedDecimalWithinBounds(String delay) {
        for (String behaviour : List.of("ok", "bounce", "late", "vanish", "appear")) {
            String entry = ("2:" + behaviour + ":" + delay).strip();
            String given = entry.substring(("2:" + behaviour + ":").length());
            assertEquals("vshutdown.sim.domains: entry '" + entry + "' has delay '" + given
                    + "' (expected milliseconds, an unsigned decimal integer from 0 to 600000)",
                    error("1:ok," + entry));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "late", "appear" })
    void aRequiredDelayIsAnErrorWhenLeftOut(String behaviour) {
        assertEquals("vshutdown.sim.domains: entry '2:" + behaviour + "' has no delay (expected <id>:" + behaviour
                + ":<ms>)", error("2:" + behaviour));
    }

    @ParameterizedTest
    @ValueSource(strings = { "2:block:", "2:block:   ", "2:fail:", "2:fail: " })
    void anEmptyReasonIsAnError(String entry) {
        assertEquals("vshutdown.sim.domains: entry '" + entry.strip()
                + "' has an empty reason (leave out the ':' for the default reason)", error(entry));
    }

    @Test
    void aRepeatedIdIsAnError() {
        assertEquals("vshutdown.sim.domains: entry '1:ignore' repeats domain 1", error("1:ok,2:ok,1:ignore"));
    }

    @Test
    void theMastersOwnDomainIsAnError() {
        assertEquals("vshutdown.sim.domains: entry '0:ok' is the master's own domain 0"
                + " (vshutdown.master.domain), which cannot be a simulated slave", error("1:ok,0:ok"));
        assertEquals("vshutdown.sim.domains: entry '5:stopped' is the master's own domain 5"
                + " (vshutdown.master.domain), which cannot be a simulated slave", error("5:stopped", 5));
    }

    @Test
    void theSettingIsNamedAndControlCharactersAreShown() {
        MalformedSettingException e = assertThrows(MalformedSettingException.class,
                () -> SimulatorSpec.parse("domains (configuration x)", "1:ok:5\u00076", 0));
        assertTrue(e.getMessage().startsWith("domains (configuration x): entry '1:ok:5\\x076' has delay"),
                e.getMessage());
    }
}
