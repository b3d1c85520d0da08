package com.example.vshutdown.master.internal.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import com.example.vshutdown.api.DomainInfo;
import com.example.vshutdown.api.DomainOutcome;
import com.example.vshutdown.api.DomainOutcome.Status;
import com.example.vshutdown.api.DomainState;
import com.example.vshutdown.api.ParticipantOutcome;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.MasterAction;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.api.ShutdownResult.WaitEnd;
import com.example.vshutdown.api.WaitBound;
import com.example.vshutdown.api.Withdrawal;
import com.example.vshutdown.master.internal.TextFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON documents, parsed with a real parser: the same outcome the text summary renders, every
 * key present in every document, enum values in lower case with hyphens.
 */
class JsonViewsTest {
    private static final ObjectMapper PARSER = new ObjectMapper();
    private static final ShutdownRequest REQUEST = ShutdownRequest.systemWide().withTimeout(Duration.ofMillis(500));

    private static final ShutdownResult CANCELLED = new ShutdownResult(REQUEST, Outcome.CANCELLED, WaitEnd.TIMED_OUT,
            List.of(new DomainOutcome(1, Status.ACKNOWLEDGED, OptionalLong.of(2), Optional.of(Duration.ofMillis(111)),
                            "", OptionalInt.of(1), Optional.of(WaitBound.of(WaitBound.Kind.SHUTDOWN,
                                    Duration.ofMillis(500))), OptionalLong.of(1)),
                    new DomainOutcome(2, Status.NOT_ACKNOWLEDGED, OptionalLong.of(2), Optional.empty(),
                            "blocked: an \"update\" is being installed", OptionalInt.of(1),
                            Optional.of(WaitBound.of(WaitBound.Kind.DOMAIN, Duration.ofMillis(300))),
                            OptionalLong.of(1)),
                    new DomainOutcome(5, Status.INVALID, OptionalLong.empty(), Optional.empty(),
                            "running counter value '1x' is not an unsigned decimal integer; left alone")),
            List.of(new Withdrawal(2, 2, Withdrawal.Result.WITHDRAWN, OptionalLong.of(1), "")),
            MasterAction.NONE, "cancelled (no acknowledgement within 500 ms): …", Duration.ofMillis(536),
            List.of(new ParticipantOutcome("logger", ParticipantOutcome.Status.TIMED_OUT,
                    Optional.of(Duration.ofMillis(10_000)), "")), true);

    @Test
    void aResultIsOneDocumentWithEveryDomainItsWithdrawalsAndItsExitStatus() throws Exception {
        JsonNode doc = PARSER.readTree(Json.write(JsonViews.result("vshutdown", CANCELLED, 1)));

        assertEquals("vshutdown", doc.get("command").textValue());
        assertTrue(doc.get("simulated").booleanValue());
        assertEquals("system-wide", doc.get("request").get("scope").textValue());
        assertTrue(doc.get("request").get("domain").isNull());
        assertEquals(500, doc.get("request").get("timeoutMs").intValue());
        assertEquals("cancelled", doc.get("outcome").textValue());
        assertEquals("timed-out", doc.get("waitEnd").textValue());
        assertEquals("none", doc.get("masterAction").textValue());
        assertEquals(536, doc.get("elapsedMs").intValue());
        assertEquals(1, doc.get("exitStatus").intValue());

        JsonNode one = doc.get("domains").get(0);
        assertEquals(1, one.get("id").intValue());
        assertEquals("stopped", one.get("state").textValue());
        assertEquals("acknowledged", one.get("outcome").textValue());
        assertEquals(1, one.get("counters").get("running").intValue());
        assertEquals(2, one.get("counters").get("requested").intValue());
        assertEquals(1, one.get("group").intValue());
        assertEquals(111, one.get("timeToAcknowledgeMs").intValue());
        assertEquals("shutdown", one.get("bound").get("kind").textValue());
        assertEquals(500, one.get("bound").get("ms").intValue());

        JsonNode two = doc.get("domains").get(1);
        assertEquals("not-acknowledged", two.get("outcome").textValue());
        assertTrue(two.get("state").isNull(), "the master cannot tell");
        assertTrue(two.get("timeToAcknowledgeMs").isNull());
        assertEquals("domain", two.get("bound").get("kind").textValue());
        assertEquals("blocked: an \"update\" is being installed", two.get("reason").textValue());

        JsonNode five = doc.get("domains").get(2);
        assertEquals("invalid", five.get("state").textValue());
        assertTrue(five.get("counters").get("running").isNull());
        assertTrue(five.get("group").isNull());
        assertTrue(five.get("bound").isNull());

        JsonNode withdrawal = doc.get("withdrawals").get(0);
        assertEquals("withdrawn", withdrawal.get("result").textValue());
        assertEquals(1, withdrawal.get("requestedNow").intValue());
        assertEquals(false, withdrawal.get("mayStillGoDown").booleanValue());
        assertEquals("timed-out", doc.get("participants").get(0).get("status").textValue());
        assertEquals(10_000, doc.get("participants").get(0).get("elapsedMs").intValue());
    }

    @Test
    void theTextAndTheJsonAreTwoViewsOfOneOutcome() throws Exception {
        JsonNode doc = PARSER.readTree(Json.write(JsonViews.result("vshutdown", CANCELLED, 1)));
        List<String> text = TextFormat.summary(CANCELLED);

        assertEquals("CANCELLED in 536 ms (simulated platform): " + doc.get("message").textValue(), text.get(0));
        assertEquals(CANCELLED.domains().size(), doc.get("domains").size());
        for (int i = 0; i < CANCELLED.domains().size(); i++) {
            DomainOutcome domain = CANCELLED.domains().get(i);
            assertEquals(domain.id(), doc.get("domains").get(i).get("id").intValue());
            assertTrue(text.get(i + 1).startsWith(String.format("  domain %-4d", domain.id())));
            assertTrue(domain.reason().isEmpty() || text.get(i + 1).contains(doc.get("domains").get(i).get("reason")
                    .textValue()), text.get(i + 1));
        }
    }

    @Test
    void everyKeyIsInEveryResultDocument() throws Exception {
        ShutdownResult bare = new ShutdownResult(ShutdownRequest.selective(3).withReboot(true), Outcome.COMPLETED,
                WaitEnd.ANSWERED, List.of(new DomainOutcome(3, Status.ACKNOWLEDGED, OptionalLong.of(7),
                        Optional.empty(), "")), List.of(), MasterAction.NONE, "", Duration.ZERO);

        JsonNode doc = PARSER.readTree(Json.write(JsonViews.result("vshutdown", bare, 0)));
        JsonNode full = PARSER.readTree(Json.write(JsonViews.result("vshutdown", CANCELLED, 1)));

        assertEquals(names(full), names(doc));
        assertEquals(names(full.get("domains").get(0)), names(doc.get("domains").get(0)));
        assertEquals("running", doc.get("domains").get(0).get("state").textValue(), "a reboot acknowledged runs");
        assertEquals("selective", doc.get("request").get("scope").textValue());
        assertEquals(3, doc.get("request").get("domain").intValue());
    }

    @Test
    void aDomainListingHasItsCountersAndSaysWhenItIsSimulated() throws Exception {
        List<DomainInfo> domains = List.of(
                new DomainInfo(0, DomainState.RUNNING, OptionalLong.of(1), OptionalLong.empty(), "1",
                        Optional.empty(), true).onSimulatedPlatform(true),
                new DomainInfo(3, DomainState.RUNNING, OptionalLong.of(5), OptionalLong.of(7), "5",
                        Optional.empty(), false).withPolicy(OptionalInt.of(2), Optional.of(Duration.ofSeconds(60)))
                        .onSimulatedPlatform(true),
                new DomainInfo(4, DomainState.INVALID, OptionalLong.empty(), OptionalLong.empty(), "1x\n",
                        Optional.of("running counter value '1x\\n' is not an unsigned decimal integer"), false)
                        .onSimulatedPlatform(true));

        JsonNode doc = PARSER.readTree(Json.write(JsonViews.domains(domains, 0)));

        assertEquals("domains", doc.get("command").textValue());
        assertTrue(doc.get("simulated").booleanValue());
        assertEquals(0, doc.get("masterDomain").intValue());
        assertTrue(doc.get("domains").get(0).get("master").booleanValue());
        assertTrue(doc.get("domains").get(0).get("counters").get("requested").isNull());
        JsonNode three = doc.get("domains").get(1);
        assertEquals("reboot", three.get("pending").textValue());
        assertEquals(2, three.get("group").intValue());
        assertEquals(60_000, three.get("timeoutMs").intValue());
        JsonNode four = doc.get("domains").get(2);
        assertEquals("invalid", four.get("state").textValue());
        assertEquals("1x\n", four.get("rawRunning").textValue());
        assertEquals(0, doc.get("exitStatus").intValue());
    }

    @Test
    void anErrorIsItsLineAndItsExitStatus() throws Exception {
        JsonNode doc = PARSER.readTree(Json.write(JsonViews.error("vshutdown", "vmid 'x' is not a domain id", 2)));

        assertEquals("vshutdown", doc.get("command").textValue());
        assertEquals("vmid 'x' is not a domain id", doc.get("error").textValue());
        assertEquals(2, doc.get("exitStatus").intValue());
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
