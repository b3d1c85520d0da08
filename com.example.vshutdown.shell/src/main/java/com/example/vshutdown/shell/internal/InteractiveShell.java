package com.example.vshutdown.shell.internal;

import java.io.PrintStream;
import java.net.URL;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.felix.gogo.jline.Expander;
import org.apache.felix.gogo.jline.Highlighter;
import org.apache.felix.gogo.jline.Parser;
import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.jline.builtins.Completers;
import org.jline.builtins.Completers.CompletionData;
import org.jline.builtins.Completers.CompletionEnvironment;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.Terminal.Signal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.lines.CommandLine;
import com.example.vshutdown.lines.Sigint;
import com.example.vshutdown.lines.gogo.CommandFailure;
import com.example.vshutdown.lines.gogo.CtrlC;
import com.example.vshutdown.lines.gogo.LineRunner;

/**
 * The interactive shell: our own read loop on jline's public API, with Gogo's parser, highlighting
 * and completion, and gogo.jline's {@code gosh} command to set the session up and run the profile.
 * gosh's own loop is not used: it answers Ctrl-C by interrupting the job and prompts again while
 * the command still prints. Here Ctrl-C goes to the line's {@link CtrlC}, and the prompt comes back
 * after the command's own outcome. Ctrl-D (or {@code exit}) ends the shell; the launcher then
 * stops the framework.
 */
final class InteractiveShell implements Program {
    private static final Logger LOG = LoggerFactory.getLogger(InteractiveShell.class);

    /** gogo.jline's gosh: the profile in this session, no loop of its own, no framework stop. */
    private static final String LOGIN = "gosh --login --nointeractive --noshutdown";
    /** jline redraws forever on a terminal of zero columns, as a pseudo-terminal may start. */
    private static final Size FALLBACK_SIZE = new Size(80, 24);

    private final CommandProcessor processor;
    private final PrintStream err;
    private final CommandCompletions completions;
    private volatile CtrlC ctrlC = new CtrlC();
    private Thread reader; // guarded by this: the loop's thread while it waits for a line
    private boolean stopping; // guarded by this

    InteractiveShell(CommandProcessor processor, PrintStream err, CommandCompletions completions) {
        this.processor = processor;
        this.err = err;
        this.completions = completions;
    }

    @Override
    public int run() {
        // The exec provider is asked for by name: cnf/run.bnd turns every provider off for the
        // terminal gogo.jline's activator builds, which would otherwise take the tty first.
        try (Terminal terminal = TerminalBuilder.builder().name("vshutdown").system(true).exec(true)
                .dumb(true).nativeSignals(true).signalHandler(Terminal.SignalHandler.SIG_IGN).build();
                Sigint trap = dumb(terminal) ? trap(terminal) : null;
                CommandSession session = processor.createSession(terminal.input(), terminal.output(),
                        terminal.output());
                LineRunner lines = new LineRunner(session)) {
            if (terminal.getWidth() <= 0 || terminal.getHeight() <= 0) {
                terminal.setSize(FALLBACK_SIZE);
            }
            LineReader reader = reader(terminal, session, completions);
            session.put(Shell.VAR_TERMINAL, terminal);
            session.put(Shell.VAR_READER, reader);
            session.put(Shell.VAR_COMPLETIONS, new HashMap<>());
            session.put("exit", (Function) (s, arguments) -> {
                stop();
                return null;
            });
            completions.install(session);
            stockProfile(session);
            session.execute(LOGIN);
            terminal.handle(Signal.INT, signal -> ctrlC.press());
            loop(terminal, session, reader, lines);
            return ExitStatus.DONE.code();
        } catch (Exception e) {
            LOG.debug("The shell failed", e);
            err.println("vshutdown shell: " + CommandFailure.describe(e.getClass().getSimpleName(), e));
            return ExitStatus.ERROR.code();
        }
    }

    private void loop(Terminal terminal, CommandSession session, LineReader reader, LineRunner lines)
            throws InterruptedException {
        while (true) {
            // Ctrl-C goes to jline while it reads, to this line's CtrlC before and after.
            CtrlC next = new CtrlC();
            String line;
            synchronized (this) {
                if (stopping) {
                    return;
                }
                ctrlC = next;
                this.reader = Thread.currentThread();
            }
            try {
                line = reader.readLine(Shell.getPrompt(session), Shell.getRPrompt(session), (Character) null, null);
            } catch (UserInterruptException e) {
                continue; // Ctrl-C at the prompt drops what was typed
            } catch (EndOfFileException e) {
                return; // Ctrl-D
            } finally {
                synchronized (this) {
                    this.reader = null;
                }
            }
            if (Thread.interrupted()) {
                // jline's Ctrl-C after Enter, or stop(): either is for this line
                next.press();
            }
            synchronized (this) {
                if (stopping) {
                    return;
                }
            }
            LineRunner.Outcome outcome = lines.run(line, next);
            if (outcome.error() != null) {
                terminal.writer().println(new AttributedString(outcome.error(),
                        AttributedStyle.DEFAULT.foreground(AttributedStyle.RED)).toAnsi(terminal));
                terminal.flush();
            }
        }
    }

    /** Ctrl-C where the dumb terminal does not trap it: SIGINT raised on the terminal, as a tty would. */
    private static Sigint trap(Terminal terminal) {
        Sigint trap = Sigint.trap(() -> terminal.raise(Signal.INT));
        trap.problem().ifPresent(problem -> LOG.debug("{}", problem));
        return trap;
    }

    private static boolean dumb(Terminal terminal) {
        return terminal.getType().startsWith(Terminal.TYPE_DUMB);
    }

    /**
     * gogo.jline's own profile first, for its completions and functions; then, through gosh, ours
     * (ext/gosh_profile of com.example.vshutdown.shell.profile), which takes the prompt. gosh reads
     * only one profile, the first it finds, and ours must stay silent where no one reads.
     */
    private static void stockProfile(CommandSession session) throws Exception {
        URL stock = Shell.class.getResource("/gosh_profile");
        if (stock == null) {
            LOG.debug("gogo.jline has no gosh_profile: no stock completions");
            return;
        }
        session.put(".gosh_quiet", Boolean.TRUE); // its welcome text is not ours
        session.execute("source " + CommandLine.quote(stock.toString()));
        session.put("#rprompt", null); // its clock at the right of every prompt, which would land in transcripts
    }

    private static LineReader reader(Terminal terminal, CommandSession session, CommandCompletions completions) {
        return LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("vshutdown")
                .parser(new Parser())
                .highlighter(new Highlighter(session))
                .expander(new Expander(session))
                .completer(new Completers.Completer(new Completions(session, completions)))
                .variable(LineReader.HISTORY_FILE, Paths.get(System.getProperty("user.home"), ".gogo.history"))
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%M%P > ")
                .option(LineReader.Option.AUTO_FRESH_LINE, true)
                .build();
    }

    @Override
    public synchronized void stop() {
        stopping = true;
        if (reader != null) {
            reader.interrupt(); // how jline itself ends a readLine, as at Ctrl-C
        }
    }

    /** What completion knows of the session: its commands, the profiles' definitions, the commands' own. */
    static final class Completions implements CompletionEnvironment {
        private final CommandSession session;
        private final CommandCompletions commands;

        Completions(CommandSession session, CommandCompletions commands) {
            this.session = session;
            this.commands = commands;
        }

        @Override
        public Map<String, List<CompletionData>> getCompletions() {
            return commands.merge(Shell.getCompletions(session), getCommands());
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
        public Object evaluate(LineReader reader, ParsedLine line, String function) throws Exception {
            // completion functions such as __files read the line being completed from here
            session.put(Shell.VAR_COMMAND_LINE, line);
            return session.execute(function);
        }
    }
}
