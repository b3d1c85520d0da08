package com.example.vshutdown.shell.internal;

import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.felix.gogo.jline.Expander;
import org.apache.felix.gogo.jline.Highlighter;
import org.apache.felix.gogo.jline.Parser;
import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.gogo.runtime.CommandSessionImpl;
import org.apache.felix.service.command.CommandSession;
import org.jline.builtins.Completers;
import org.jline.builtins.Completers.CompletionData;
import org.jline.builtins.Completers.CompletionEnvironment;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.terminal.Terminal;

/**
 * The line reader of the interactive shell, with what gosh gives its own: Gogo's parser,
 * highlighting, history in {@code ~/.gogo.history}, and completion from the {@code complete}
 * definitions of the profile. The shell runs its own read loop (see {@link InteractiveShell}), so
 * it builds the reader itself, from gogo.jline's public parts, and publishes it in the session
 * where gogo.jline's commands ({@code history}, {@code setopt}, {@code complete}, ...) and the
 * profile look for it.
 */
final class ShellReader {

    /** Where gosh keeps the history, read by the reader as one of the session's variables. */
    private static final String HISTORY = ".gogo.history";

    private ShellReader() {
    }

    /** Builds the reader on {@code terminal} and puts it in {@code session}, as gosh would. */
    static LineReader open(CommandSession session, Terminal terminal) {
        // The history file must be known before the reader first attaches its history.
        session.put(LineReader.HISTORY_FILE, Paths.get(System.getProperty("user.home"), HISTORY));
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                // The reader's variables are the session's: "setopt" and the profile reach both.
                .variables(((CommandSessionImpl) session).getVariables())
                .completer(new Completers.Completer(new Completion(session)))
                .highlighter(new Highlighter(session))
                .parser(new Parser())
                .expander(new Expander(session))
                .build();
        // Output that did not end its line does not push the prompt to the right.
        reader.setOpt(LineReader.Option.AUTO_FRESH_LINE);
        session.put(Shell.VAR_READER, reader);
        session.put(Shell.VAR_COMPLETIONS, new HashMap<>());
        return reader;
    }

    /** What completion knows of the session: its commands and the profile's definitions. */
    private static final class Completion implements CompletionEnvironment {
        private final CommandSession session;

        Completion(CommandSession session) {
            this.session = session;
        }

        @Override
        public Map<String, List<CompletionData>> getCompletions() {
            return Shell.getCompletions(session);
        }

        @Override
        public Set<String> getCommands() {
            return Shell.getCommands(session);
        }

        @Override
        public String resolveCommand(String command) {
            return Shell.resolve(session, command);
        }

        @Override
        public String commandName(String command) {
            return command.substring(command.indexOf(':') + 1);
        }

        @Override
        public Object evaluate(LineReader reader, ParsedLine line, String function)
                throws Exception {
            // Completion functions such as __files read the line being completed from here.
            session.put(Shell.VAR_COMMAND_LINE, line);
            return session.execute(function);
        }
    }
}
