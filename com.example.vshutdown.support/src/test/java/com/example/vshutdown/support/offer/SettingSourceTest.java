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

    @Test
    void aKeyTheComponentDoesNotKnowIsRefusedNamingTheConfigurationAndItsFile() throws Exception {
        Map<String, Object> configured = Map.of("root", "/x", "shutdown.comand", "/bin/true", "service.pid",
                "com.example.p", "felix.fileinstall.filename", "file:/etc/vshutdown/com.example.p.cfg",
                "provider.target", "(a=b)", "component.name", "p", "component.id", 3L);
        SettingSource source = source(configured, Map.of());
        assertMalformed("configuration com.example.p (file:/etc/vshutdown/com.example.p.cfg): unknown setting "
                + "'shutdown.comand'; a setting it does not know is refused, not ignored",
                () -> {
                    source.refuseUnknown(key -> key.equals("root") || key.equals("shutdown.command"));
                    return null;
                });
        source.refuseUnknown(key -> key.equals("root") || key.equals("shutdown.comand"));
        assertMalformed("configuration com.example.p: unknown settings 'a', 'b'; a setting it does not know is "
                + "refused, not ignored", () -> {
                    source(Map.of("b", "1", "a", "2"), Map.of()).refuseUnknown(key -> false);
                    return null;
                });
    }

    @Test
    void pathsFlagsAndMillisecondsAreReadStrictly() throws Exception {
        SettingSource source = SettingSource.withProperties("com.example.p", "vshutdown.p.",
                key -> key.equals("dir") ? "vshutdown.dir" : null, Map.of("flag", "true", "ms", 5L),
                Map.of("vshutdown.dir", "/a/../b", "vshutdown.p.bad", "yes", "vshutdown.p.rel", "x")::get);
        assertEquals(java.nio.file.Path.of("/b"), source.path("dir", "/d"));
        assertEquals(java.nio.file.Path.of("/d"), source.path("unset", "/d"));
        assertEquals("vshutdown.dir", source.name("dir"));
        assertEquals(Optional.of("/a/../b"), source.framework("dir"));
        assertMalformed("vshutdown.p.rel: 'x' is not an absolute path", () -> source.path("rel", "/d"));
        assertEquals(true, source.flag("flag", false));
        assertMalformed("vshutdown.p.bad: 'yes' is neither true nor false", () -> source.flag("bad", false));
        assertEquals(java.time.Duration.ofMillis(5), source.millis("ms", 1, 0, 10));
        assertMalformed("ms (configuration com.example.p): 5 ms is out of range; give 6 to 10 ms",
                () -> source.millis("ms", 1, 6, 10));
        assertMalformed("vshutdown.p.bad: 'yes' is not a number of milliseconds (an unsigned decimal integer)",
                () -> source.millis("bad", 1, 0, 10));
    }

    private interface Reading {
        Object read() throws MalformedSettingException;
    }

    private static void assertMalformed(String message, Reading reading) {
        assertEquals(message, assertThrows(MalformedSettingException.class, reading::read).getMessage());
    }
}
