package com.example.vshutdown.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.example.vshutdown.protocol.AgentStatus.State;

/**
 * The text of {@code nk.<id>.vm.shutdown.status} (DESIGN.md "Diagnosis"):
 * {@code picked-up <requested>}, {@code blocked <requested> <reason>},
 * {@code failed <requested> <reason>}; the reason is free text on one line.
 */
class AgentStatusTest {

    @Test
    void formatsTheThreeStates() {
        assertEquals("picked-up 6", AgentStatus.pickedUp(6).format());
        assertEquals("blocked 6 update in progress", AgentStatus.blocked(6, "update in progress").format());
        assertEquals("failed 7 exit status 1", AgentStatus.failed(7, "exit status 1").format());
    }

    @Test
    void factoriesSetStateRequestedAndReason() {
        AgentStatus blocked = AgentStatus.blocked(12, "veto");
        assertEquals(State.BLOCKED, blocked.state());
        assertEquals(12, blocked.requested());
        assertEquals("veto", blocked.reason());
        assertEquals(State.FAILED, AgentStatus.failed(3, "x").state());
        assertEquals(State.PICKED_UP, AgentStatus.pickedUp(3).state());
        assertEquals("", AgentStatus.pickedUp(3).reason());
    }

    @ParameterizedTest
    @EnumSource(State.class)
    void roundTripWithoutReason(State state) throws InvalidValueException {
        AgentStatus status = new AgentStatus(state, 42, "");
        AgentStatus parsed = AgentStatus.parse(status.format());
        assertEquals(status, parsed);
        assertEquals(state.word() + " 42", status.format());
    }

    @ParameterizedTest
    @EnumSource(State.class)
    void roundTripWithReason(State state) throws InvalidValueException {
        AgentStatus status = new AgentStatus(state, Long.MAX_VALUE, "an application vetoes: editor.exe");
        AgentStatus parsed = AgentStatus.parse(status.format());
        assertEquals(status, parsed);
        assertEquals("an application vetoes: editor.exe", parsed.reason());
        assertEquals(Long.MAX_VALUE, parsed.requested());
    }

    @Test
    void stateWordsAreThoseOfTheDesign() {
        assertEquals("picked-up", State.PICKED_UP.word());
        assertEquals("blocked", State.BLOCKED.word());
        assertEquals("failed", State.FAILED.word());
    }

    @Test
    void reasonWithSpacesIsKeptWhole() throws InvalidValueException {
        AgentStatus parsed = AgentStatus.parse("blocked 8 system update 3 of 5 in progress");
        assertEquals(State.BLOCKED, parsed.state());
        assertEquals(8, parsed.requested());
        assertEquals("system update 3 of 5 in progress", parsed.reason());
    }

    @Test
    void innerRunsOfSpacesInReasonAreKept() throws InvalidValueException {
        assertEquals("a  b", AgentStatus.parse("failed 8 a  b").reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"disk\nfull", "disk\r\nfull", "disk\rfull", "\ndisk full\n"})
    void newlinesInReasonAreFlattened(String reason) throws InvalidValueException {
        AgentStatus status = AgentStatus.failed(4, reason);
        assertFalse(status.reason().contains("\n") || status.reason().contains("\r"), status.reason());
        assertTrue(status.reason().startsWith("disk") && status.reason().endsWith("full"), status.reason());
        String text = status.format();
        assertEquals(1, text.lines().count(), text);
        assertEquals(status, AgentStatus.parse(text));
    }

    @Test
    void nullReasonBecomesEmpty() {
        assertEquals("", AgentStatus.blocked(2, null).reason());
        assertEquals("blocked 2", AgentStatus.blocked(2, null).format());
    }

    @Test
    void constructorRefusesNegativeRequestedAndNullState() {
        assertThrows(IllegalArgumentException.class, () -> AgentStatus.pickedUp(-1));
        assertThrows(IllegalArgumentException.class, () -> AgentStatus.blocked(Long.MIN_VALUE, "x"));
        assertThrows(NullPointerException.class, () -> new AgentStatus(null, 1, ""));
    }

    @Test
    void parseAcceptsATrailingNewline() throws InvalidValueException {
        assertEquals(AgentStatus.pickedUp(6), AgentStatus.parse("picked-up 6\n"));
        assertEquals(AgentStatus.blocked(6, "veto"), AgentStatus.parse("blocked 6 veto\n"));
        assertEquals(AgentStatus.failed(7, "no such command"), AgentStatus.parse("failed 7 no such command\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "\n",
        "picked-up",
        "picked-up\n",
        "blocked",
        "failed ",
        "picked-up ",
        "picked-up  6",
        "picked-up x",
        "picked-up -6",
        "picked-up +6",
        "picked-up 06",
        "picked-up 0x6",
        "picked-up 6.0",
        "picked-up 9223372036854775808",
        "blocked six veto",
        "picked-up\t6",
        "picked_up 6",
        "pickedup 6",
        "Picked-up 6",
        "BLOCKED 6 veto",
        "done 6",
        "acknowledged 6",
        " picked-up 6",
        "6 picked-up",
        "6"})
    void parseRejectsMalformedText(String raw) {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> AgentStatus.parse(raw));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void parseRejectsNull() {
        assertThrows(InvalidValueException.class, () -> AgentStatus.parse(null));
    }

    @Test
    void unknownWordMessageQuotesTheText() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> AgentStatus.parse("done 6\n"));
        assertTrue(e.getMessage().contains("'done 6\\n'"), e::getMessage);
    }

    /**
     * One trailing newline is allowed, as for counters; a newline after the number (read as part
     * of the number or of the reason) is not.
     */
    @ParameterizedTest
    @ValueSource(strings = {"picked-up 6\n\n", "blocked 6\n veto", "failed 6\n\n"})
    void parseRefusesANewlineAfterTheNumber(String raw) {
        assertThrows(InvalidValueException.class, () -> AgentStatus.parse(raw));
    }
}
