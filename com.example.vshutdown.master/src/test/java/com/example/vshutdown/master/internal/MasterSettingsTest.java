package com.example.vshutdown.master.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.example.vshutdown.api.DomainInfo;
import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.api.ShutdownRequest;

/**
 * The master's settings: the configuration wins, else the framework property vshutdown.master.<name>,
 * else the default. A malformed policy setting starts the master misconfigured, and every shutdown
 * and listing is then refused with exit status 2 and the line that names it: never a silent
 * fallback to "all at once".
 */
class MasterSettingsTest {
    private final Map<String, Object> configured = new HashMap<>();
    private final Map<String, String> framework = new HashMap<>();

    private MasterSettings settings() {
        return MasterSettings.resolve(configured, framework::get);
    }

    @Test
    void unsetEverythingIsTheDefault() {
        MasterSettings settings = settings();

        assertEquals(Optional.empty(), settings.problem());
        assertEquals(0, settings.masterDomain());
        assertEquals("*", settings.policy().order().toString());
        assertEquals(Duration.ofMillis(10_000), settings.policy().participantMax());
        assertEquals(Duration.ofMillis(5_000), settings.policy().groupGrace());
        assertEquals(Duration.ofMillis(5_000), settings.policy().providerGrace());
        assertEquals(Duration.ofMillis(1_000), settings.timing().safetyReread());
    }

    @Test
    void theFrameworkPropertiesSetWhatTheConfigurationDoesNot() throws Exception {
        framework.put("vshutdown.master.stop.order", "*;5;3");
        framework.put("vshutdown.master.domain.5.timeout.ms", "60000");
        framework.put("vshutdown.master.participant.max.ms", "250");
        framework.put("vshutdown.master.domain", "7");

        MasterSettings settings = settings();

        assertEquals(7, settings.masterDomain());
        assertEquals("*;5;3", settings.policy().order().toString());
        assertEquals(Optional.of(Duration.ofMillis(60_000)), settings.policy().timeouts().of(5));
        assertEquals(Optional.empty(), settings.policy().timeouts().of(3));
        assertEquals(Duration.ofMillis(250), settings.policy().participantMax());
    }

    @Test
    void theConfigurationWins() throws Exception {
        framework.put("vshutdown.master.stop.order", "*;5;3");
        framework.put("vshutdown.master.domain.5.timeout.ms", "60000");
        configured.put("stop.order", "*;3");
        configured.put("domain.5.timeout.ms", 2000L);

        MasterSettings settings = settings();

        assertEquals("*;3", settings.policy().order().toString());
        assertEquals(Optional.of(Duration.ofMillis(2000)), settings.policy().timeouts().of(5));
    }

    @Test
    void aMalformedOrderRefusesEveryShutdownAndListingNamingTheSetting() {
        framework.put("vshutdown.master.stop.order", "*;;3");
        Fixture fixture = new Fixture();
        fixture.frameworkProperties.putAll(framework);
        fixture.platform.domain(1, "1");
        Coordinator coordinator = fixture.coordinator();

        for (ShutdownRequest request : List.of(ShutdownRequest.systemWide(), ShutdownRequest.selective(1))) {
            ShutdownException e = assertThrows(ShutdownException.class, () -> coordinator.submit(request));
            assertEquals(ExitStatus.BAD_INPUT, e.status());
            assertEquals("the master is misconfigured: vshutdown.master.stop.order: '*;;3' has an empty group "
                    + "(group 2)", e.getMessage());
        }
        ShutdownException listing = assertThrows(ShutdownException.class, coordinator::domains);
        assertEquals(ExitStatus.BAD_INPUT, listing.status());
        assertTrue(fixture.platform.log.isEmpty(), "nothing was even read");
    }

    @Test
    void aMalformedSettingInTheConfigurationIsNamedAsSuch() {
        configured.put("stop.order", "*;0");

        assertEquals(Optional.of("stop.order (configuration com.example.vshutdown.master): '*;0' names domain 0, the "
                + "master's own domain, which is never asked"), settings().problem());
    }

    @Test
    void malformedNumbersAreNamed() {
        Map<String, String> cases = Map.of(
                "vshutdown.master.participant.max.ms", "vshutdown.master.participant.max.ms: '10s' is not a number "
                        + "of milliseconds (an unsigned decimal integer)",
                "vshutdown.master.group.grace.ms", "vshutdown.master.group.grace.ms: '10s' is not a number of "
                        + "milliseconds (an unsigned decimal integer)",
                "vshutdown.master.provider.grace.ms", "vshutdown.master.provider.grace.ms: '10s' is not a number of "
                        + "milliseconds (an unsigned decimal integer)");
        cases.forEach((property, line) -> {
            framework.clear();
            framework.put(property, "10s");
            assertEquals(Optional.of(line), settings().problem(), property);
        });
        framework.clear();
        framework.put("vshutdown.master.safety.reread.ms", "0");
        assertEquals(Optional.of("vshutdown.master.safety.reread.ms: 0 ms is out of range; give 1 to 31536000000 ms"),
                settings().problem());
    }

    @Test
    void aSettingTheMasterDoesNotKnowIsRefusedLikeAMalformedOne() {
        // a misspelt stop.order would otherwise give an unordered shutdown to an operator who ordered one
        configured.put("stop.ordr", "*;3");
        configured.put("felix.fileinstall.filename", "file:/etc/vshutdown/com.example.vshutdown.master.cfg");
        configured.put("domain.3.timeout.ms", 5000L);
        configured.put("resume", "true");
        assertEquals(Optional.of("configuration com.example.vshutdown.master "
                + "(file:/etc/vshutdown/com.example.vshutdown.master.cfg): unknown setting 'stop.ordr'; a setting it "
                + "does not know is refused, not ignored"), settings().problem());

        configured.remove("stop.ordr");
        assertEquals(Optional.empty(), settings().problem());
    }

    @Test
    void aMalformedDomainTimeoutKeyOrValueInTheConfigurationIsNamedAtStart() {
        configured.put("domain.x.timeout.ms", 5000L);
        assertEquals(Optional.of("domain.x.timeout.ms (configuration com.example.vshutdown.master): 'x' is not a "
                + "domain id"), settings().problem());

        configured.clear();
        configured.put("domain.3.timeout.ms", "-5");
        assertEquals(Optional.of("domain.3.timeout.ms (configuration com.example.vshutdown.master): '-5' is not a "
                + "number of milliseconds (an unsigned decimal integer)"), settings().problem());

        configured.clear();
        configured.put("domain.0.timeout.ms", 5000L);
        assertEquals(Optional.of("domain.0.timeout.ms (configuration com.example.vshutdown.master): domain 0 is the "
                + "master's own domain, which is never asked and has no time-out"), settings().problem());
    }

    /** A framework property can only be read by name: it is read for every domain before anything is written. */
    @Test
    void aMalformedDomainTimeoutFrameworkPropertyRefusesTheShutdownBeforeAnythingIsWritten() {
        Fixture fixture = new Fixture();
        fixture.frameworkProperties.put("vshutdown.master.domain.2.timeout.ms", "1 minute");
        fixture.platform.domain(1, "1").domain(2, "1");
        Coordinator coordinator = fixture.coordinator();

        ShutdownException e = assertThrows(ShutdownException.class,
                () -> coordinator.submit(ShutdownRequest.selective(1)));

        assertEquals(ExitStatus.BAD_INPUT, e.status());
        assertEquals("the master is misconfigured: vshutdown.master.domain.2.timeout.ms: '1 minute' is not a number "
                + "of milliseconds (an unsigned decimal integer)", e.getMessage());
        assertTrue(fixture.platform.writes().isEmpty());
        assertThrows(ShutdownException.class, coordinator::domains);
    }

    @Test
    void domainsCarriesEachDomainsGroupAndOwnTimeOut() throws Exception {
        Fixture fixture = new Fixture();
        fixture.frameworkProperties.put("vshutdown.master.stop.order", "*;5;3");
        fixture.frameworkProperties.put("vshutdown.master.domain.3.timeout.ms", "60000");
        fixture.platform.domain(1, "1").domain(3, "1").domain(5, "2");

        List<DomainInfo> domains = fixture.coordinator().domains();

        assertEquals(List.of("0 - -", "1 1 -", "3 3 60000", "5 2 -"), domains.stream().map(d -> d.id() + " "
                + (d.group().isPresent() ? String.valueOf(d.group().getAsInt()) : "-") + " "
                + d.timeout().map(t -> String.valueOf(t.toMillis())).orElse("-")).toList());
    }

    @Test
    void aMalformedMasterDomainStillStopsTheMasterFromStarting() {
        framework.put("vshutdown.master.domain", "zero");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, this::settings);

        assertEquals("vshutdown.master.domain: domain id 'zero' is not an unsigned decimal integer", e.getMessage());
    }
}
