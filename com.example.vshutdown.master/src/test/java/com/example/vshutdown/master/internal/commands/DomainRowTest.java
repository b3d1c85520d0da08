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
import com.example.vshutdown.api.DomainState;

class DomainRowTest {
    @Test
    void aRunningDomainWithAPendingRebootSaysSo() {
        String row = DomainRow.format(new DomainInfo(3, DomainState.RUNNING, OptionalLong.of(5), OptionalLong.of(7),
                "5", Optional.empty(), false));

        assertEquals("3    running  running=5 requested=7 pending=reboot", row);
    }

    @Test
    void theMasterIsMarkedAndAnAbsentRequestShownAsDash() {
        String row = DomainRow.format(new DomainInfo(0, DomainState.RUNNING, OptionalLong.of(1), OptionalLong.empty(),
                "1", Optional.empty(), true));

        assertEquals("0    running  running=1 requested=- (master)", row);
    }

    @Test
    void anInvalidDomainShowsItsRawValueOnOneLine() {
        String row = DomainRow.format(new DomainInfo(4, DomainState.INVALID, OptionalLong.empty(), OptionalLong.empty(),
                "1x\n", Optional.of("running counter value '1x\\n' is not an unsigned decimal integer"), false));

        assertTrue(row.startsWith("4    invalid  running='1x\\n'"), row);
        assertTrue(!row.contains("\n"));
    }

    @Test
    void anAcknowledgedRequestIsNotPending() {
        String row = DomainRow.format(new DomainInfo(2, DomainState.STOPPED, OptionalLong.of(2), OptionalLong.of(2),
                "2", Optional.empty(), false));

        assertEquals("2    stopped  running=2 requested=2", row);
    }

    @Test
    void groupsAreShownWhenTheStopOrderHasSeveralAndOwnTimeOutsWhenSet() {
        DomainInfo master = new DomainInfo(0, DomainState.RUNNING, OptionalLong.of(1), OptionalLong.empty(), "1",
                Optional.empty(), true);
        DomainInfo one = new DomainInfo(1, DomainState.RUNNING, OptionalLong.of(1), OptionalLong.empty(), "1",
                Optional.empty(), false);
        DomainInfo three = one.withPolicy(OptionalInt.of(3), Optional.of(Duration.ofSeconds(60)));

        assertEquals(List.of("0    running  running=1 requested=- (master)",
                "1    running  running=1 requested=- group=1",
                "1    running  running=1 requested=- group=3 timeout.ms=60000"),
                DomainRow.rows(List.of(master, one.withPolicy(OptionalInt.of(1), Optional.empty()), three)));
        assertEquals(List.of("1    running  running=1 requested=-",
                "1    running  running=1 requested=- timeout.ms=60000"),
                DomainRow.rows(List.of(one.withPolicy(OptionalInt.of(1), Optional.empty()),
                        one.withPolicy(OptionalInt.of(1), Optional.of(Duration.ofSeconds(60))))),
                "one group: nothing to tell");
    }

    @Test
    void aDomainOfTheSimulatedPlatformSaysSoAfterTheFieldsAScriptReads() {
        DomainInfo master = new DomainInfo(0, DomainState.RUNNING, OptionalLong.of(1), OptionalLong.empty(), "1",
                Optional.empty(), true).onSimulatedPlatform(true);
        DomainInfo invalid = new DomainInfo(4, DomainState.INVALID, OptionalLong.empty(), OptionalLong.empty(), "x",
                Optional.of("running counter value 'x' is not an unsigned decimal integer"), false)
                .onSimulatedPlatform(true);

        assertEquals("0    running  running=1 requested=- (master) (simulated)", DomainRow.format(master));
        assertEquals("4    invalid  running='x' requested=- (simulated) problem: running counter value 'x' is not an "
                + "unsigned decimal integer", DomainRow.format(invalid));
    }
}
