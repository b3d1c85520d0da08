package com.example.vshutdown.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The strict value rules of DESIGN.md "The protocol": unsigned decimal, one optional trailing
 * newline for counters, nothing else. A value that is not exactly that must be refused, never
 * guessed at, and the refusal must be a one-line message an operator can read.
 */
class ValuesTest {

    static Stream<Arguments> validCounters() {
        return Stream.of(
                Arguments.of("0", 0L),
                Arguments.of("1", 1L),
                Arguments.of("42", 42L),
                Arguments.of("42\n", 42L),
                Arguments.of("0\n", 0L),
                Arguments.of("1000000", 1_000_000L),
                Arguments.of(Long.toString(Long.MAX_VALUE), Long.MAX_VALUE),
                Arguments.of(Long.MAX_VALUE + "\n", Long.MAX_VALUE));
    }

    @ParameterizedTest
    @MethodSource("validCounters")
    void parseCounterAcceptsUnsignedDecimal(String raw, long expected) throws InvalidValueException {
        assertEquals(expected, Values.parseCounter(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "\n", "-1", "+1", " 1", "1 ", "1 2", "\t1", "1\t", "1\n\n", "\n1", "1\r\n", "1\r",
        "0x1f", "1f", "f", "1.0", "1,000", "1_000", "1e3", "007", "00", "01\n",
        "\u0661\u0662", "\uff11", "9223372036854775808", "9223372036854775807\n\n",
        "18446744073709551615", "99999999999999999999999", "1\u0000", "a"})
    void parseCounterRejectsAnythingElse(String raw) {
        assertThrows(InvalidValueException.class, () -> Values.parseCounter(raw));
    }

    @Test
    void parseCounterRejectsNull() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> Values.parseCounter(null));
        assertOneLine(e.getMessage());
    }

    @Test
    void parseCounterRejectsVeryLongInput() {
        // Long enough that a naive loop would overflow many times over; must stay a short message.
        String raw = "9".repeat(100_000);
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> Values.parseCounter(raw));
        assertOneLine(e.getMessage());
        assertTrue(e.getMessage().length() < 200, () -> "message not truncated: " + e.getMessage().length());
        assertTrue(e.getMessage().contains("..."), e::getMessage);
    }

    @Test
    void parseCounterRejectsVeryLongNonDigitInput() {
        String raw = "x\n".repeat(50_000);
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> Values.parseCounter(raw));
        assertOneLine(e.getMessage());
        assertTrue(e.getMessage().length() < 200, () -> "message not truncated: " + e.getMessage().length());
    }

    @Test
    void overflowBoundaryIsExact() throws InvalidValueException {
        assertEquals(Long.MAX_VALUE - 1, Values.parseCounter("9223372036854775806"));
        assertEquals(Long.MAX_VALUE, Values.parseCounter("9223372036854775807"));
        assertThrows(InvalidValueException.class, () -> Values.parseCounter("9223372036854775808"));
        assertThrows(InvalidValueException.class, () -> Values.parseCounter("9223372036854775810"));
    }

    /** Inputs without control characters are quoted verbatim in the message. */
    @ParameterizedTest
    @ValueSource(strings = {"-1", "+1", " 1", "1 ", "0x1f", "1.0", "1e3", "007", "00",
        "\u0661\u0662", "9223372036854775808"})
    void parseCounterMessageQuotesInput(String raw) {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> Values.parseCounter(raw));
        assertOneLine(e.getMessage());
        assertTrue(e.getMessage().contains("'" + raw + "'"), e::getMessage);
    }

    /** Control characters in the input never break the message: they are shown escaped. */
    @ParameterizedTest
    @ValueSource(strings = {"1\n\n", "1\r\n", "1\r", "\n1", "1\t", "\u001b[2J1", "1\u0000", "1\u007f",
        "12\n34", "\n\n", "\r"})
    void parseCounterMessageIsOneLineDespiteControlCharacters(String raw) {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> Values.parseCounter(raw));
        assertOneLine(e.getMessage());
        assertTrue(e.getMessage().contains("'"), () -> "input not quoted: " + e.getMessage());
    }

    @Test
    void parseCounterMessageShowsEscapedNewlines() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> Values.parseCounter("1\n\n"));
        assertTrue(e.getMessage().contains("'1\\n\\n'"), e::getMessage);
        e = assertThrows(InvalidValueException.class, () -> Values.parseCounter("1\r\n"));
        assertTrue(e.getMessage().contains("'1\\x0d\\n'"), e::getMessage);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "7", "42", "2147483647"})
    void parseDomainIdAcceptsUnsignedInt(String text) throws InvalidValueException {
        assertEquals(Integer.parseInt(text), Values.parseDomainId(text));
    }

    @Test
    void parseDomainIdAcceptsMaximum() throws InvalidValueException {
        assertEquals(Values.MAX_DOMAIN_ID, Values.parseDomainId(Integer.toString(Values.MAX_DOMAIN_ID)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2147483648", "9999999999", "9223372036854775808", "-3", "-0", "+3", "",
        "3\n", "\n", "a", "3a", "03", "00", " 3", "3 ", "0x3", "3.0", "\u0663"})
    void parseDomainIdRejectsAnythingElse(String text) {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> Values.parseDomainId(text));
        assertOneLine(e.getMessage());
    }

    @Test
    void parseDomainIdRejectsNull() {
        assertThrows(InvalidValueException.class, () -> Values.parseDomainId(null));
    }

    @Test
    void parseDomainIdMessageNamesADomainId() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> Values.parseDomainId("x1"));
        assertTrue(e.getMessage().contains("domain id"), e::getMessage);
        assertTrue(e.getMessage().contains("'x1'"), e::getMessage);
    }

    @Test
    void printableEscapesControlCharacters() {
        assertEquals("a\\nb", Values.printable("a\nb"));
        assertEquals("a\\tb", Values.printable("a\tb"));
        assertEquals("\\x0d", Values.printable("\r"));
        assertEquals("\\x00", Values.printable("\u0000"));
        assertEquals("\\x1b[0m", Values.printable("\u001b[0m"));
        assertEquals("\\x7f", Values.printable("\u007f"));
        assertEquals("plain text", Values.printable("plain text"));
        assertEquals("", Values.printable(""));
    }

    @Test
    void printableTruncatesLongText() {
        String shown = Values.printable("y".repeat(1000));
        assertTrue(shown.endsWith("..."), shown);
        assertTrue(shown.length() < 80, () -> "too long: " + shown.length());
        assertTrue(shown.startsWith("y".repeat(60)), shown);
    }

    @Test
    void printableKeepsShortTextWhole() {
        String text = "z".repeat(63);
        assertEquals(text, Values.printable(text));
    }

    /**
     * A 64-character value, or a 63-character one ending in a newline, is shown whole and must
     * not be marked as truncated.
     */
    @Test
    void printableMarksOnlyCutTextAsTruncated() {
        String text = "z".repeat(64);
        assertEquals(text, Values.printable(text));
        assertEquals("z".repeat(63) + "\\n", Values.printable("z".repeat(63) + "\n"));
    }

    private static void assertOneLine(String message) {
        assertFalse(message == null || message.isBlank(), "message is empty");
        assertTrue(message.chars().noneMatch(c -> c < 0x20 || c == 0x7f),
                () -> "message has control characters: " + message.replace("\n", "<LF>").replace("\r", "<CR>"));
        assertEquals(1, message.lines().count(), message);
    }
}
