package com.example.vshutdown.support.offer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The strict reading every provider's settings share; each provider's own test judges its settings. */
class SettingSourceTest {
    private static SettingSource source(Map<String, ?> configured, Map<String, String> framework) {
        return new SettingSource("com.example.p", "vshutdown.p.", configured, framework::get);
    }

    @Test
    void theConfigurationWinsOverTheFrameworkPropertyAndEachIsNamedAsTheOperatorSetIt() throws Exception {
        SettingSource source = source(Map.of("a", "from configuration"), Map.of("vshutdown.p.a", "x", "vshutdown.p.b", "y"));
        assertEquals(Optional.of("from configuration"), source.text("a"));
        assertEquals("a (configuration com.example.p)", source.name("a"));
        assertEquals(Optional.of("y"), source.text("b"));
        assertEquals("vshutdown.p.b", source.name("b"));
        assertEquals(Optional.empty(), source.text("c"));
        assertEquals(Optional.empty(), source(null, Map.of("vshutdown.p.c", "  ")).text("c"), "blank is unset");
    }

    @Test
    void numbersAreWholeAndInRangeAndNeverCoerced() throws Exception {
        SettingSource source = source(Map.of("int", 7, "long", 8L, "text", " 9 ", "signed", "-3"), Map.of());
        assertEquals(7, source.number("int", 0, 0, 10));
        assertEquals(8, source.number("long", 0, 0, 10));
        assertEquals(9, source.number("text", 0, 0, 10));
        assertEquals(-3, source.number("signed", 0, -5, 10));
        assertEquals(4, source.number("unset", 4, 0, 10));
        assertMalformed("signed (configuration com.example.p): '-3' is not an unsigned decimal integer",
                () -> source.number("signed", 0, 0, 10));
        assertMalformed("vshutdown.p.n: '+5' is not an unsigned decimal integer",
                () -> source(Map.of(), Map.of("vshutdown.p.n", "+5")).number("n", 0, 0, 10));
        assertMalformed("d (configuration com.example.p): '2.0' is not a whole number",
                () -> source(Map.of("d", 2.0), Map.of()).number("d", 0, 0, 10));
        assertMalformed("long (configuration com.example.p): 8 is out of range; give 9 to 10",
                () -> source.number("long", 0, 9, 10));
    }

    @Test
    void aCommandIsAListOfWordsOrOneLineSplitAtWhiteSpace() throws Exception {
        SettingSource source = source(Map.of("array", new String[] {"/bin/x", "a b"}, "line", new String[] {"/bin/x  -y"},
                "list", List.of("/bin/z", "1")), Map.of("vshutdown.p.text", " /bin/t now "));
        assertEquals(Optional.of(List.of("/bin/x", "a b")), source.command("array", "use the default"));
        assertEquals(Optional.of(List.of("/bin/x", "-y")), source.command("line", "use the default"));
        assertEquals(Optional.of(List.of("/bin/z", "1")), source.command("list", "use the default"));
        assertEquals(Optional.of(List.of("/bin/t", "now")), source.command("text", "use the default"));
        assertEquals(Optional.empty(), source.command("unset", "use the default"));
        assertMalformed("empty (configuration com.example.p): '[/bin/x, ]' is not a command; leave it unset to use the "
                + "default", () -> source(Map.of("empty", new String[] {"/bin/x", ""}), Map.of())
                        .command("empty", "use the default"));
    }

    @Test
    void aListIsTextEntriesWithoutBlanks() throws Exception {
        SettingSource source = source(Map.of("array", new String[] {" /a ", " "}), Map.of("vshutdown.p.text", "/b::/c"));
        assertEquals(List.of("/a"), source.list("array", ":"));
        assertEquals(List.of("/b", "/c"), source.list("text", ":"));
        assertEquals(List.of(), source.list("unset", ":"));
        assertMalformed("mixed (configuration com.example.p): '[/a, 3]' is not a list of text",
                () -> source(Map.of("mixed", List.of("/a", 3)), Map.of()).list("mixed", ":"));
    }

    private interface Reading {
        Object read() throws MalformedSettingException;
    }

    private static void assertMalformed(String message, Reading reading) {
        assertEquals(message, assertThrows(MalformedSettingException.class, reading::read).getMessage());
    }
}
