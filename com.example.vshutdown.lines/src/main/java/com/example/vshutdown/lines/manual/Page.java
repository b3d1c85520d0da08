package com.example.vshutdown.lines.manual;

import java.util.List;

/**
 * The manual entry of one Gogo command, written once and rendered by {@link Render} as the
 * command's {@code --help}, as a man page, and as the README's tables. The command's own
 * {@code @Descriptor} texts are constants that the page's items reuse, so Gogo's {@code help}
 * says the same words. Plain text throughout: no markup, so every rendering can show it as written.
 * <p>
 * A bundle that adds a command embeds this package privately ({@code -conditionalpackage:
 * com.example.vshutdown.lines.manual}), writes its page, and prints {@link Render#text} at
 * {@code -h}/{@code --help}.
 *
 * @param name the command's name, as typed
 * @param summary what it does, in one lower-case line without a final stop
 * @param synopsis its usages, one a line, without the leading name's shell prompt
 * @param description paragraphs
 * @param options its options: the names and argument as the term ({@code -t, --timeout ms})
 * @param operands its positional parameters
 * @param exitStatus the exit statuses, the status as the term
 * @param examples command lines as the terms, what each does as the text
 */
public record Page(String name, String summary, List<String> synopsis, List<String> description,
        List<Item> options, List<Item> operands, List<Item> exitStatus, List<Item> examples) {

    /** A term and what it means: an option, an operand, an exit status, an example. */
    public record Item(String term, String text) {
    }

    public Page {
        synopsis = List.copyOf(synopsis);
        description = List.copyOf(description);
        options = List.copyOf(options);
        operands = List.copyOf(operands);
        exitStatus = List.copyOf(exitStatus);
        examples = List.copyOf(examples);
    }

    /** The option names of the page, as {@code @Parameter(names = ...)} should list them. */
    public List<List<String>> optionNames() {
        return options.stream().map(option -> names(option.term())).toList();
    }

    /** {@code "-t, --timeout ms"}: {@code [-t, --timeout]}. */
    static List<String> names(String term) {
        return List.of(term.split(",? ")).stream().filter(word -> word.startsWith("-")).toList();
    }
}
