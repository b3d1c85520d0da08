package com.example.vshutdown.lines;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the process arguments into one Gogo command line: the same line whether it runs embedded
 * or in the master service that the {@code vshutdown} command line reaches through its socket.
 * <p>
 * The shell that started Java has already split and unquoted the words, so each argument after
 * the first must reach the command as exactly one word again: {@code java -jar vshutdown.jar
 * echo "a  b"} runs {@code echo 'a  b'}, not {@code echo a b}. Words made only of characters Gogo
 * gives no meaning to are passed as they are, so the common case ({@code vshutdown -t 100 2})
 * reads the same in logs as it was typed.
 * <p>
 * The first argument is taken as Gogo text, unquoted. Quoted, it would not name a command at
 * all: Gogo evaluates a quoted first word as a string and prints it, so {@code java -jar
 * vshutdown.jar "vshutdown -t 100"} would echo the line and exit 0 without running anything.
 * Unquoted, a whole line in one argument runs as written ({@code "lb | grep gogo"}).
 */
public final class CommandLine {

    /**
     * Characters that are plain text to the Gogo tokenizer and expander wherever they stand.
     * Not in the list and therefore quoted: blanks, {@code ; | & < > ( ) [ ] { } $ " ' \ # ~ * ?},
     * and {@code =}, which makes the first word of a line an assignment.
     */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.,:/@%+-]+");
    /** A command name, possibly scoped ({@code felix:lb}), as Gogo's tokenizer sees one. */
    private static final Pattern NAME = Pattern.compile("[\\w.:-]+");

    private CommandLine() {
    }

    /** The arguments as one Gogo command line: the first as it is, each other one as one word. */
    public static String join(List<String> arguments) {
        if (arguments.isEmpty()) {
            return "";
        }
        StringBuilder line = new StringBuilder(arguments.get(0));
        for (String argument : arguments.subList(1, arguments.size())) {
            line.append(' ').append(quote(argument));
        }
        return line.toString();
    }

    /** A command's name, for messages: the first name in {@code text}, a line or a statement. */
    public static String commandName(CharSequence text) {
        Matcher name = NAME.matcher(text);
        return name.find() ? name.group() : text.toString().strip();
    }

    /**
     * The commands of one statement, in order: the first name of each part of a pipeline. A
     * {@code |} inside quotes, braces, brackets or parentheses does not part it.
     */
    public static List<String> pipelineCommands(CharSequence statement) {
        List<String> commands = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < statement.length(); i++) {
            char c = statement.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if ("{[(".indexOf(c) >= 0) {
                depth++;
            } else if ("}])".indexOf(c) >= 0) {
                depth--;
            } else if (c == '|' && depth == 0) {
                commands.add(commandName(statement.subSequence(start, i)));
                start = i + 1;
            }
        }
        commands.add(commandName(statement.subSequence(start, statement.length())));
        return commands;
    }

    /** One argument as one Gogo word that expands to exactly this text. */
    public static String quote(String argument) {
        if (isPlain(argument)) {
            return argument;
        }
        // Inside single quotes Gogo takes every character literally, a single quote included
        // only by closing the quotes, escaping it, and opening them again: 'it'\''s'.
        return "'" + argument.replace("'", "'\\''") + "'";
    }

    private static boolean isPlain(String argument) {
        // "//" at the start of a word opens a comment ("/*" too, but its "*" is quoted anyway).
        return PLAIN.matcher(argument).matches() && !argument.startsWith("//");
    }
}
