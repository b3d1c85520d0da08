package com.example.vshutdown.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.example.vshutdown.agent.internal.RequestDecision.Kind;
import com.example.vshutdown.protocol.AgentStatus;

/** Every decision of the agent, from the raw text of its domain's properties. */
class RequestDecisionTest {
    private static RequestDecision decide(String requested, String running, String status, Long unrecorded) {
        return RequestDecision.decide(Optional.ofNullable(requested), Optional.ofNullable(running),
                Optional.ofNullable(status), unrecorded == null ? OptionalLong.empty() : OptionalLong.of(unrecorded));
    }

    private static RequestDecision decide(String requested, String running) {
        return decide(requested, running, null, null);
    }

    private static void assertDecision(Kind kind, long value, RequestDecision decision) {
        assertEquals(kind, decision.kind(), decision::toString);
        assertEquals(value, decision.value(), decision::toString);
    }

    @ParameterizedTest(name = "requested {0}, running {1}: shutdown")
    @CsvSource({ "2, 1", "4, 3", "9223372036854775806, 9223372036854775805" })
    void aNewEvenRequestShutsDown(String requested, String running) {
        RequestDecision decision = decide(requested, running);
        assertDecision(Kind.SHUTDOWN, Long.parseLong(requested.strip()), decision);
        assertTrue(decision.acts());
    }

    @ParameterizedTest(name = "requested {0}, running {1}: reboot")
    @CsvSource({ "3, 1", "5, 3", "9223372036854775807, 9223372036854775805" })
    void aNewOddRequestReboots(String requested, String running) {
        RequestDecision decision = decide(requested, running);
        assertDecision(Kind.REBOOT, Long.parseLong(requested.strip()), decision);
        assertTrue(decision.acts());
    }

    @Test
    void aTrailingNewlineAsSysfsPrintsItIsAccepted() {
        assertDecision(Kind.SHUTDOWN, 2, decide("2\n", "1\n"));
        assertDecision(Kind.REBOOT, 3, decide("3\n", "1"));
    }

    @ParameterizedTest(name = "requested {0}, running {1}: not new")
    @CsvSource({ "0, 1", "1, 1", "2, 3", "3, 3", "3, 4", "3, 5", "2, 2", "0, 0" })
    void aRequestThatIsNotAheadOfTheRunningCounterIsNotNew(String requested, String running) {
        RequestDecision decision = decide(requested, running);
        assertDecision(Kind.NONE, -1, decision);
        assertFalse(decision.acts());
        assertTrue(decision.reason().contains("not new"), decision::toString);
    }

    @Test
    void aStaleRequestAfterARebootIsNotNew() {
        // the reboot asked for with 3 went 1 -> 2 -> 3; later the domain may stop on its own (4)
        assertDecision(Kind.NONE, -1, decide("3", "3", "picked-up 3", null));
        assertDecision(Kind.NONE, -1, decide("3", "4", "picked-up 3", null));
        assertDecision(Kind.NONE, -1, decide("3", "3"));
    }

    @ParameterizedTest(name = "requested {0}, running {1}: stopped")
    @CsvSource({ "3, 2", "4, 2", "5, 4" })
    void nobodyActsInAStoppedDomain(String requested, String running) {
        RequestDecision decision = decide(requested, running);
        assertDecision(Kind.NONE, -1, decision);
        assertTrue(decision.reason().contains("stopped"), decision::toString);
    }

    @Test
    void noRequestMeansNothingToDo() {
        assertDecision(Kind.NONE, -1, decide(null, "1"));
        assertDecision(Kind.NONE, -1, decide(null, "1", "picked-up 2", 2L));
    }

    @Test
    void noRunningCounterMeansNothingToDoAndIsSaid() {
        assertDecision(Kind.MISSING, -1, decide("2", null));
        assertDecision(Kind.MISSING, -1, decide(null, null));
    }

    @ParameterizedTest(name = "status ''{0}'' names request 2")
    @ValueSource(strings = { "picked-up 2", "picked-up 2\n", "blocked 2 software update in progress",
            "failed 2 timed out after 30000 ms" })
    void aRequestTheStatusNamesWasAlreadyActedOn(String status) {
        RequestDecision decision = decide("2", "1", status, null);
        assertDecision(Kind.NONE, -1, decision);
        assertTrue(decision.reason().contains("already acted on"), decision::toString);
    }

    @ParameterizedTest(name = "status ''{0}'' does not name request 4")
    @ValueSource(strings = { "picked-up 2", "blocked 2 busy", "failed 3 no reboot", "picked-up 0" })
    void aStatusNamingAnotherRequestDoesNotCount(String status) {
        assertDecision(Kind.SHUTDOWN, 4, decide("4", "3", status, null));
    }

    @Test
    void aRequestActedOnWithoutARecordIsNotActedOnAgainByTheSameAgent() {
        assertDecision(Kind.NONE, -1, decide("2", "1", null, 2L));
        assertDecision(Kind.NONE, -1, decide("2", "1", "picked-up 0", 2L));
    }

    @Test
    void anotherUnrecordedRequestDoesNotCount() {
        assertDecision(Kind.REBOOT, 5, decide("5", "3", null, 2L));
    }

    @ParameterizedTest(name = "requested ''{0}''")
    @ValueSource(strings = { "", "\n", "-2", "+2", "0x2", " 2", "2 ", "02", "2\n\n", "2\r\n", "2.0", "two",
            "99999999999999999999", "٢" })
    void aMalformedRequestIsNeverActedOn(String requested) {
        RequestDecision decision = decide(requested, "1");
        assertDecision(Kind.MALFORMED, -1, decision);
        assertTrue(decision.reason().startsWith("requested "), decision::toString);
        assertOneLine(decision);
    }

    @ParameterizedTest(name = "running ''{0}''")
    @ValueSource(strings = { "", "1x", "-1", "01", " 1", "1\n\n", "18446744073709551617" })
    void aMalformedRunningCounterIsNeverActedOn(String running) {
        RequestDecision decision = decide("2", running);
        assertDecision(Kind.MALFORMED, -1, decision);
        assertTrue(decision.reason().startsWith("running "), decision::toString);
        assertOneLine(decision);
    }

    @Test
    void aMalformedRunningCounterIsSaidEvenWithoutARequest() {
        assertDecision(Kind.MALFORMED, -1, decide(null, "1x"));
    }

    @ParameterizedTest(name = "status ''{0}''")
    @ValueSource(strings = { "", "\n", "0", "picked up 2", "picked-up", "picked-up two", "picked-up -2", "done 2",
            "picked-up 2\nfailed 2 x", "blocked", "failed 02 x" })
    void anEmptyOrUnparseableStatusIsNoRecordOfTheRequest(String status) {
        RequestDecision decision = decide("2", "1", status, null);
        assertDecision(Kind.SHUTDOWN, 2, decision);
        assertTrue(decision.reason().contains("is no record of it"), decision::toString);
        assertOneLine(decision);
    }

    @Test
    void aMalformedStatusDoesNotMatterWithoutANewRequest() {
        assertDecision(Kind.NONE, -1, decide("1", "1", "garbage", null));
        assertDecision(Kind.NONE, -1, decide(null, "1", "garbage", null));
    }

    @Test
    void theMemoryOfAnUnrecordedActionIsEnoughWhenTheStatusIsMalformed() {
        assertDecision(Kind.NONE, -1, decide("2", "1", "garbage", 2L));
    }

    private static void assertOneLine(RequestDecision decision) {
        assertFalse(decision.reason().contains("\n") || decision.reason().contains("\r"), decision::toString);
    }

    @Test
    void aRecordOfTheRequestDecidesWhateverItsStateAndHoweverOftenTheRequestIsWritten() {
        // no "asked again": a second write of the same value leaves the same record, so nothing is done
        for (String status : List.of("picked-up 2", "blocked 2 update in progress", "failed 2 poweroff: not found")) {
            assertDecision(Kind.NONE, -1, decide("2", "1", status, null));
        }
    }

    @Test
    void theMastersRetryClearsTheRecordAndTheRequestIsActedOnOnceMore() {
        // an agent that wrote its record remembers nothing beyond it: the cleared status decides
        assertDecision(Kind.SHUTDOWN, 2, decide("2", "1", "", null));
        assertDecision(Kind.SHUTDOWN, 2, decide("2", "1", null, null));
        // but where it could not write the record, its memory is the record, and a cleared status does not count
        assertDecision(Kind.NONE, -1, decide("2", "1", "", 2L));
    }

    @Test
    void aFaultRefusesWithItsLine() {
        RequestDecision refused = RequestDecision.refused("vshutdown.provider: 'linx' is not a provider");
        assertDecision(Kind.REFUSED, -1, refused);
        assertFalse(refused.acts());
        assertEquals("the platform is misconfigured: vshutdown.provider: 'linx' is not a provider", refused.reason());
    }

    @Test
    void theRecordIsReadLeniently() {
        assertEquals(Optional.of(AgentStatus.pickedUp(2)), RequestDecision.record(Optional.of("picked-up 2\n")));
        assertEquals(Optional.empty(), RequestDecision.record(Optional.of("0")));
        assertEquals(Optional.empty(), RequestDecision.record(Optional.empty()));
    }
}
