package com.example.vshutdown.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The vproperty names of DESIGN.md "The protocol" and "Diagnosis". */
class VPropertiesTest {

    @Test
    void namesForADomain() {
        assertEquals("nk.3.vm.state.running", VProperties.running(3));
        assertEquals("nk.3.vm.state.requested", VProperties.requested(3));
        assertEquals("nk.3.vm.shutdown.status", VProperties.status(3));
        assertEquals("nk.0.vm.state.running", VProperties.running(0));
        assertEquals("nk.2147483647.vm.state.requested", VProperties.requested(Integer.MAX_VALUE));
    }

    @Test
    void domainOfRunningParsesWellFormedName() {
        assertEquals(OptionalInt.of(3), VProperties.domainOfRunning("nk.3.vm.state.running"));
        assertEquals(OptionalInt.of(0), VProperties.domainOfRunning("nk.0.vm.state.running"));
        assertEquals(OptionalInt.of(42), VProperties.domainOfRunning("nk.42.vm.state.running"));
        assertEquals(OptionalInt.of(Integer.MAX_VALUE),
                VProperties.domainOfRunning("nk.2147483647.vm.state.running"));
    }

    /** Domains are found by enumerating names: anything malformed is simply not a domain. */
    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "nk..vm.state.running",
        "nk.03.vm.state.running",
        "nk.00.vm.state.running",
        "nk.-1.vm.state.running",
        "nk.+1.vm.state.running",
        "nk. 3.vm.state.running",
        "nk.3 .vm.state.running",
        "nk.x.vm.state.running",
        "nk.3x.vm.state.running",
        "nk.3.4.vm.state.running",
        "nk.2147483648.vm.state.running",
        "nk.3.vm.state.requested",
        "nk.3.vm.shutdown.status",
        "nk.3.vm.state.running\n",
        "nk.3.vm.state.running.old",
        "nk.3.vm.state.runnin",
        "nk.3.vm.state.Running",
        "xnk.3.vm.state.running",
        "NK.3.vm.state.running",
        "nk3.vm.state.running",
        "nk.vm.state.running",
        ".vm.state.running",
        "nk.",
        "nk.3",
        "3"})
    void domainOfRunningRejectsMalformedName(String name) {
        assertEquals(OptionalInt.empty(), VProperties.domainOfRunning(name));
    }

    @ParameterizedTest
    @CsvSource({
        "nk.3.vm.state.running, 3",
        "nk.3.vm.state.requested, 3",
        "nk.3.vm.shutdown.status, 3",
        "nk.0.vm.state.requested, 0",
        "nk.17.vm.shutdown.status, 17",
        "nk.2147483647.vm.shutdown.status, 2147483647"})
    void domainOfEachKind(String name, int expected) {
        assertEquals(OptionalInt.of(expected), VProperties.domainOf(name));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "nk..vm.state.requested",
        "nk.03.vm.state.requested",
        "nk.-1.vm.shutdown.status",
        "nk.3.vm.state.other",
        "nk.3.vm.shutdown.state",
        "nk.3.vm.state",
        "xnk.3.vm.state.requested",
        "nk.3.vm.state.requested.vm.state.running",
        "nk.3.vm.shutdown.status\n",
        "nk.a.vm.shutdown.status",
        "nk.2147483648.vm.state.requested"})
    void domainOfRejectsOtherNames(String name) {
        assertEquals(OptionalInt.empty(), VProperties.domainOf(name));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 42, 1000, Integer.MAX_VALUE})
    void nameToIdRoundTrip(int domain) {
        assertEquals(OptionalInt.of(domain), VProperties.domainOfRunning(VProperties.running(domain)));
        assertEquals(OptionalInt.of(domain), VProperties.domainOf(VProperties.running(domain)));
        assertEquals(OptionalInt.of(domain), VProperties.domainOf(VProperties.requested(domain)));
        assertEquals(OptionalInt.of(domain), VProperties.domainOf(VProperties.status(domain)));
        assertEquals(OptionalInt.empty(), VProperties.domainOfRunning(VProperties.requested(domain)));
        assertEquals(OptionalInt.empty(), VProperties.domainOfRunning(VProperties.status(domain)));
    }

    @Test
    void namesOfDifferentDomainsAndKindsDiffer() {
        assertTrue(!VProperties.running(1).equals(VProperties.running(11))
                && !VProperties.running(1).equals(VProperties.requested(1))
                && !VProperties.requested(1).equals(VProperties.status(1)));
    }
}
