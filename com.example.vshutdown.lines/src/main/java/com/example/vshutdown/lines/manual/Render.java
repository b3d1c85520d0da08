package com.example.vshutdown.lines.manual;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link Page} as the {@code --help} text (laid out as {@code man} shows a page), as roff for a
 * man page, and its items as a Markdown table. Each rendering is a pure function of the pages, so a
 * test can hold a committed file to it.
 */
public final class Render {
    /** Where a section's text starts, and an item's text, as man lays a page out. */
    private static final int INDENT = 7;
    private static final int ITEM_INDENT = 14;
    private static final int WIDTH = 80;

    private Render() {
    }

    /** The page as {@code --help} prints it. */
    public static String text(Page page) {
        StringBuilder text = new StringBuilder();
        section(text, "NAME", List.of(page.name() + " - " + page.summary()));
        text.append("SYNOPSIS\n");
        page.synopsis().forEach(usage -> text.append(" ".repeat(INDENT)).append(usage).append('\n'));
        text.append('\n');
        section(text, "DESCRIPTION", page.description());
        items(text, "OPTIONS", page.options());
        items(text, "OPERANDS", page.operands());
        items(text, "EXIT STATUS", page.exitStatus());
        items(text, "EXAMPLES", page.examples());
        return text.toString().stripTrailing() + "\n";
    }

    /** A man page of section 1: {@code main} in full, then each other page as a subsection. */
    public static String roff(Page main, List<Page> others) {
        List<String> roff = new ArrayList<>();
        roff.add(".\\\" Generated from the commands' pages (com.example.vshutdown.lines.manual): do not edit.");
        roff.add(".TH " + main.name().toUpperCase(Locale.ROOT) + " 1 \"\" \"" + main.name() + "\" \""
                + main.name() + " manual\"");
        roff.add(".SH NAME");
        roff.add(escape(main.name()) + " \\- " + escape(main.summary()));
        roff.add(".SH SYNOPSIS");
        synopsis(roff, main);
        roff.add(".SH DESCRIPTION");
        paragraphs(roff, main.description());
        roffItems(roff, ".SH OPTIONS", main.options());
        roffItems(roff, ".SH OPERANDS", main.operands());
        roffItems(roff, ".SH EXIT STATUS", main.exitStatus());
        roffItems(roff, ".SH EXAMPLES", main.examples());
        if (!others.isEmpty()) {
            roff.add(".SH OTHER COMMANDS");
            for (Page other : others) {
                roff.add(".SS " + escape(other.name()) + " \\- " + escape(other.summary()));
                synopsis(roff, other);
                paragraphs(roff, other.description());
                roffItems(roff, ".PP\nOptions:", other.options());
            }
        }
        return String.join("\n", roff) + "\n";
    }

    /** The items as a two-column Markdown table, e.g. the README's exit statuses. */
    public static List<String> markdownTable(String term, String text, List<Page.Item> items) {
        List<String> rows = new ArrayList<>();
        rows.add("| " + term + " | " + text + " |");
        rows.add("| --- | --- |");
        items.forEach(item -> rows.add("| " + item.term() + " | " + item.text().replace("|", "\\|") + " |"));
        return rows;
    }

    private static void section(StringBuilder text, String title, List<String> paragraphs) {
        if (paragraphs.isEmpty()) {
            return;
        }
        text.append(title).append('\n');
        paragraphs.forEach(paragraph -> text.append(wrap(paragraph, INDENT)).append('\n'));
    }

    private static void items(StringBuilder text, String title, List<Page.Item> items) {
        if (items.isEmpty()) {
            return;
        }
        text.append(title).append('\n');
        for (Page.Item item : items) {
            text.append(" ".repeat(INDENT)).append(item.term()).append('\n').append(wrap(item.text(), ITEM_INDENT));
        }
        text.append('\n');
    }

    /** One paragraph in lines of at most {@link #WIDTH} columns, each indented. */
    static String wrap(String paragraph, int indent) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder();
        for (String word : paragraph.strip().split("\\s+")) {
            if (line.length() > 0 && indent + line.length() + 1 + word.length() > WIDTH) {
                out.append(" ".repeat(indent)).append(line).append('\n');
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        if (line.length() > 0) {
            out.append(" ".repeat(indent)).append(line).append('\n');
        }
        return out.toString();
    }

    private static void synopsis(List<String> roff, Page page) {
        roff.add(".nf");
        page.synopsis().forEach(usage -> roff.add(bold(usage, page.name())));
        roff.add(".fi");
    }

    private static void paragraphs(List<String> roff, List<String> paragraphs) {
        for (int i = 0; i < paragraphs.size(); i++) {
            if (i > 0) {
                roff.add(".PP");
            }
            roff.add(escape(paragraphs.get(i)));
        }
    }

    private static void roffItems(List<String> roff, String heading, List<Page.Item> items) {
        if (items.isEmpty()) {
            return;
        }
        roff.add(heading);
        for (Page.Item item : items) {
            roff.add(".TP");
            roff.add("\\fB" + escape(item.term()) + "\\fR");
            roff.add(escape(item.text()));
        }
    }

    /** A usage with its command name in bold. */
    private static String bold(String usage, String name) {
        return usage.startsWith(name) ? "\\fB" + escape(name) + "\\fR" + escape(usage.substring(name.length()))
                : escape(usage);
    }

    /** Text as roff shows it literally: backslashes and hyphens escaped, no line read as a request. */
    static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }
}
