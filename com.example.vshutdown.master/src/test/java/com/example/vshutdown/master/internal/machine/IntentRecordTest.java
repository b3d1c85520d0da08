package com.example.vshutdown.master.internal.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.master.internal.machine.IntentRecord.Asked;

/** The record of a shutdown's intent: written as read, and read strictly. */
class IntentRecordTest {
    private static final Instant STARTED = Instant.parse("2030-01-01T08:00:00.250Z");
    private static final IntentRecord RECORD = new IntentRecord(4242, "b00t", STARTED,
            ShutdownRequest.systemWide().withForce(true).withTimeout(Duration.ofMillis(500)), "*;3",
            List.of(new Asked(1, 2, 1, 0, STARTED.plusMillis(5)), new Asked(3, 6, 5, 1, STARTED.plusMillis(90))));

    @Test
    void itReadsBackWhatItWrites() throws Exception {
        IntentRecord read = IntentRecord.parse(RECORD.format());

        assertEquals(RECORD.pid(), read.pid());
        assertEquals(RECORD.boot(), read.boot());
        assertEquals(RECORD.started(), read.started());
        assertEquals(RECORD.request().toString(), read.request().toString());
        assertEquals(RECORD.stopOrder(), read.stopOrder());
        assertEquals(RECORD.asked(), read.asked());
        assertEquals(Optional.of(Instant.parse("2030-01-01T08:00:00.750Z")), read.deadline());
        assertEquals(RECORD.format(), read.format());
    }

    @Test
    void everyKindOfRequestSurvivesTheRoundTrip() throws Exception {
        for (ShutdownRequest request : List.of(ShutdownRequest.systemWide(),
                ShutdownRequest.systemWide().withSlavesOnly(true).withTimeout(Duration.ofMillis(30_000)),
                ShutdownRequest.systemWide().withReboot(true), ShutdownRequest.selective(7).withReboot(true),
                ShutdownRequest.selective(0).withForce(true).withTimeout(Duration.ZERO))) {
            IntentRecord record = new IntentRecord(1, BootId.UNKNOWN, STARTED, request, "*", List.of());
            IntentRecord read = IntentRecord.parse(record.format());
            assertEquals(request.toString(), read.request().toString());
            assertEquals(request.slavesOnly(), read.request().slavesOnly());
            assertEquals(request.domain(), read.request().domain());
            assertEquals(record.deadline(), read.deadline());
        }
    }

    @Test
    void theLatestRequestOfADomainReplacesItsEarlierOne() {
        IntentRecord again = RECORD.with(List.of(new Asked(1, 4, 3, 0, STARTED.plusSeconds(1)),
                new Asked(2, 2, 1, 0, STARTED.plusSeconds(1))));

        assertEquals(List.of(1, 2, 3), again.asked().stream().map(Asked::domain).toList());
        assertEquals(4, again.asked().get(0).value());
        assertEquals(RECORD.asked(), RECORD.asked(), "the record itself is unchanged");
    }

    @Test
    void itNamesWhenAndByWhomForAnOperator() {
        assertEquals("shutdown of the system, forced, time-out 500 ms started 2030-01-01T08:00:00Z by pid 4242",
                RECORD.describe());
    }

    static Stream<Arguments> corruptions() {
        return Stream.of(
                Arguments.of("a key that is not one", "stop.order *;3\n", "stop.order *;3\nflavour vanilla\n",
                        "line 14: 'flavour' is not a key of a record"),
                Arguments.of("a key twice", "pid 4242\n", "pid 4242\npid 4243\n", "line 5: 'pid' appears twice"),
                Arguments.of("a key missing", "force true\n", "", "'force' is missing"),
                Arguments.of("another format", "format 1", "format 2", "format '2' is not 1"),
                Arguments.of("a signed pid", "pid 4242", "pid -4242",
                        "pid counter value '-4242' is not an unsigned decimal integer"),
                Arguments.of("a boolean in words", "reboot false", "reboot no", "reboot 'no' is neither true nor false"),
                Arguments.of("a broken instant", "started 2030-01-01T08:00:00.250Z", "started yesterday",
                        "started 'yesterday' is not an instant"),
                Arguments.of("a deadline that does not add up", "deadline 2030-01-01T08:00:00.750Z",
                        "deadline 2030-01-01T09:00:00Z", "deadline '2030-01-01T09:00:00Z' is not its start plus its "
                                + "time-out (2030-01-01T08:00:00.750Z)"),
                Arguments.of("a request that is none", "request system-wide", "request everything",
                        "request 'everything' is neither 'system-wide' nor 'domain <id>'"),
                Arguments.of("a forced selective slaves-only request", "request system-wide\nreboot false\n"
                        + "force true\nslaves-only false", "request domain 3\nreboot false\nforce true\n"
                        + "slaves-only true", "the request is not one: slaves-only is system-wide"),
                Arguments.of("an asked line short of a field", "asked domain=1 requested=2 running=1 group=1 ",
                        "asked domain=1 requested=2 running=1 ", "does not have the 5 fields"),
                Arguments.of("an asked line out of order", "asked domain=1 requested=2",
                        "asked requested=2 domain=1", "'asked' field 1 is not domain=..."),
                Arguments.of("group zero", "group=1 at=2030-01-01T08:00:00.255Z", "group=0 at=2030-01-01T08:00:00.255Z",
                        "group 0 is not a group"),
                Arguments.of("an empty line", "stop.order *;3\n", "stop.order *;3\n\n", "line 14: '' is not a key"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptions")
    void aRecordThatIsNotExactlyAsWrittenIsCorruptAndSaysWhere(String what, String from, String to, String says) {
        String text = RECORD.format();
        String changed = text.replace(from, to);
        assertNotEquals(text, changed, "the case changes the record: " + what);

        CorruptRecordException e = assertThrows(CorruptRecordException.class, () -> IntentRecord.parse(changed));

        assertTrue(e.getMessage().contains(says), () -> what + ": " + e.getMessage());
    }

    @Test
    void aRecordCutShortIsCorrupt() {
        String text = RECORD.format();
        String cut = text.substring(0, text.length() - 20);

        CorruptRecordException e = assertThrows(CorruptRecordException.class, () -> IntentRecord.parse(cut));

        assertEquals("it does not end with a line break (it was cut short)", e.getMessage());
        assertThrows(CorruptRecordException.class, () -> IntentRecord.parse(""));
    }
}
