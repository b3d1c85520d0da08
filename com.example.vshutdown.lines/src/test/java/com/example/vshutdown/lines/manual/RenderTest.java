package com.example.vshutdown.lines.manual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.example.vshutdown.lines.manual.Page.Item;

class RenderTest {
    private static final Page PAGE = new Page("cmd", "does a thing", List.of("cmd [-x] [id]", "cmd -h | --help"),
            List.of("A first paragraph that is long enough to be wrapped by the renderer at eighty columns, "
                    + "as man would.", ".A second one that roff must not take for a request."),
            List.of(new Item("-x, --extra ms", "waits - a line\\ with a backslash"), new Item("-h, --help", "help")),
            List.of(new Item("id", "the id")), List.of(new Item("0", "done: fine")),
            List.of(new Item("cmd -x 5", "an example")));

    @Test
    void textIsLaidOutAsManShowsAPage() {
        String text = Render.text(PAGE);

        assertTrue(text.startsWith("NAME\n       cmd - does a thing\n\nSYNOPSIS\n       cmd [-x] [id]\n"), text);
        assertTrue(text.contains("OPTIONS\n       -x, --extra ms\n              waits - a line\\ with a backslash\n"),
                text);
        assertTrue(text.contains("EXIT STATUS\n       0\n              done: fine\n"), text);
        text.lines().forEach(line -> assertTrue(line.length() <= 80, line));
    }

    @Test
    void wrapBreaksBetweenWordsWithinTheWidth() {
        String wrapped = Render.wrap("a ".repeat(60), 7);

        assertEquals(List.of(" ".repeat(7) + "a ".repeat(37).strip(), " ".repeat(7) + "a ".repeat(23).strip()),
                wrapped.lines().toList());
    }

    @Test
    void roffEscapesHyphensBackslashesAndLeadingDots() {
        String roff = Render.roff(PAGE, List.of());

        assertTrue(roff.contains(".TH CMD 1 "), roff);
        assertTrue(roff.contains("\n\\fB\\-x, \\-\\-extra ms\\fR\nwaits \\- a line\\e with a backslash\n"), roff);
        assertTrue(roff.contains("\n\\&.A second one"), roff);
        assertTrue(roff.contains("\n\\fBcmd\\fR [\\-x] [id]\n"), roff);
    }

    @Test
    void markdownTableHasAHeaderAndOneRowAnItem() {
        assertEquals(List.of("| status | meaning |", "| --- | --- |", "| 0 | done: fine |"),
                Render.markdownTable("status", "meaning", PAGE.exitStatus()));
    }

    @Test
    void optionNamesAreTheHyphenedWordsOfTheTerms() {
        assertEquals(List.of(List.of("-x", "--extra"), List.of("-h", "--help")), PAGE.optionNames());
    }
}
