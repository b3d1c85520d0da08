package com.example.vshutdown.master.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.example.vshutdown.support.offer.MalformedSettingException;

/** The syntax of stop.order: groups by ';', ids of a group by ',', '*' once for the rest; nothing else. */
class StopOrderTest {
    private static final String SETTING = "stop.order";

    private static StopOrder parse(String text) throws MalformedSettingException {
        return StopOrder.parse(text, SETTING, 0);
    }

    @Test
    void theDefaultAsksEveryoneAtOnce() {
        assertFalse(StopOrder.ALL_AT_ONCE.ordered());
        assertEquals(1, StopOrder.ALL_AT_ONCE.size());
        assertEquals(0, StopOrder.ALL_AT_ONCE.groupOf(42));
        assertEquals("*", StopOrder.ALL_AT_ONCE.toString());
    }

    @Test
    void theOthersFirstThenFiveThenThree() throws Exception {
        StopOrder order = parse("*;5;3");

        assertTrue(order.ordered());
        assertEquals(3, order.size());
        assertEquals(0, order.groupOf(1));
        assertEquals(1, order.groupOf(5));
        assertEquals(2, order.groupOf(3));
        assertEquals(Map.of(5, 1, 3, 2), order.named());
        assertEquals(List.of(new TreeSet<>(Set.of(1, 2)), new TreeSet<>(Set.of(5)), new TreeSet<>(Set.of(3))),
                order.arrange(List.of(3, 2, 5, 1)));
    }

    @Test
    void severalIdsShareAGroupAndTheOthersNeedNotComeFirst() throws Exception {
        StopOrder order = parse(" 1, 2 ; * ; 3,4 ");

        assertEquals(0, order.groupOf(2));
        assertEquals(1, order.groupOf(9));
        assertEquals(2, order.groupOf(4));
        assertEquals("1,2;*;3,4", order.toString());
    }

    @Test
    void theOthersMayShareAGroupWithNamedIds() throws Exception {
        StopOrder order = parse("*,7;3");

        assertEquals(0, order.groupOf(7));
        assertEquals(0, order.groupOf(8));
        assertEquals(1, order.groupOf(3));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''         | stop.order: '' is empty; give groups separated by ';' and '*' for every domain not named, e.g. '*;5;3'",
        "*;;3       | stop.order: '*;;3' has an empty group (group 2)",
        "*;3;       | stop.order: '*;3;' has an empty group (group 3)",
        "*;5,       | stop.order: '*;5,' has an empty entry in group 2",
        "*;5;*      | stop.order: '*;5;*' names '*' twice (groups 1 and 3); '*' is every domain not named, once",
        "5;*;5      | stop.order: '5;*;5' names domain 5 twice (groups 1 and 3)",
        "5,5;*      | stop.order: '5,5;*' names domain 5 twice (groups 1 and 1)",
        "*;0        | stop.order: '*;0' names domain 0, the master's own domain, which is never asked",
        "*;x        | stop.order: '*;x' has 'x' in group 2, which is neither a domain id nor '*'",
        "*;-3       | stop.order: '*;-3' has '-3' in group 2, which is neither a domain id nor '*'",
        "*;5 3      | stop.order: '*;5 3' has '5 3' in group 2, which is neither a domain id nor '*'",
        "*;0x5      | stop.order: '*;0x5' has '0x5' in group 2, which is neither a domain id nor '*'",
        "*;99999999999 | stop.order: '*;99999999999' has '99999999999' in group 2, which is neither a domain id nor '*'",
        "5;3        | stop.order: '5;3' has no '*': every domain not named needs a group, e.g. '*;5;3'",
        "**         | stop.order: '**' has '**' in group 1, which is neither a domain id nor '*'"})
    void aMalformedOrderIsRefusedWithOneLineNamingIt(String text, String line) {
        MalformedSettingException e = assertThrows(MalformedSettingException.class, () -> parse(text));

        assertEquals(line, e.getMessage());
    }

    @Test
    void theMastersOwnIdIsTheConfiguredOne() throws Exception {
        assertEquals(1, StopOrder.parse("*;0", SETTING, 7).groupOf(0));
        assertThrows(MalformedSettingException.class, () -> StopOrder.parse("*;7", SETTING, 7));
    }
}
