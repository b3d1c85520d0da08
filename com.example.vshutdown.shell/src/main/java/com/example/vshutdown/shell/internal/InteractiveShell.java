package com.example.vshutdown.shell.internal;

import java.io.IOError;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.felix.gogo.jline.ParsedLineImpl;
import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.apache.felix.service.command.Function;
import org.apache.felix.service.command.Job;
import org.apache.felix.service.command.Job.Status;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.Terminal.Signal;
import org.jline.terminal.Terminal.SignalHandler;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.api.ExitStatus;

/**
 * The interactive Gogo shell (line editing, history, completion), run for the launcher instead of
 * by gogo.jline's own activator, which would stop the framework from its own thread at Ctrl-D and
 * leave the launcher without an exit status. Here Ctrl-D ends the shell, the run returns, and the
 * launcher stops the framework and exits.
 * <p>
 * gosh sets the session up and runs the profile; the read loop is ours, because gosh's loop
 * answers Ctrl-C during a command by dropping the command: it prints {@code InterruptedException}
 * and the prompt while the command is still printing. Ours lets the command end as it chooses,
 * within a bound, and reports its failure in one line, as a one-shot command does (see
 * {@link LineRunner}).
 */
final class InteractiveShell implements MainSession {
    private static final Logger LOG = LoggerFactory.getLogger(InteractiveShell.class);

    /**
     * {@code --login} runs the gosh profile in this session (prompt, completions);
     * {@code --nointeractive} stops gosh there, before its own read loop; {@code --noshutdown}
     * keeps it from stopping the framework itself.
     */
    private static final String[] GOSH_ARGS = {"--login", "--nointeractive", "--noshutdown"};
    /** A session variable holding a function is a command: "exit" leaves the shell. */
    private static final String EXIT = "exit";
    /** How long a command may take to end, with its own report, after Ctrl-C. */
    private static final long INTERRUPT_GRACE_MILLIS = 5_000;
    private static final long IDLE_POLL_MILLIS = 20;

    private final BundleContext context;
    private final CommandProcessor processor;
    private final PrintStream err;
    private volatile Terminal terminal;
    private volatile CommandSession session;
    private volatile boolean closed;
    private volatile boolean stopping;
    private volatile boolean executing;
    private volatile Thread runner;
    private volatile boolean ended;

    InteractiveShell(BundleContext context, CommandProcessor processor, PrintStream err) {
        this.context = context;
        this.processor = processor;
        this.err = err;
    }

    @Override
    public int run() {
        runner = Thread.currentThread();
        try {
            return runShell();
        } finally {
            ended = true;
        }
    }

    private int runShell() {
        try (Terminal t = Terminals.open()) {
            terminal = t;
            LOG.debug("Shell on a {} terminal", t.getType());
            try (CommandSession s = processor.createSession(t.input(), t.output(), t.output())) {
                s.put(Shell.VAR_TERMINAL, t);
                s.put(EXIT, (Function) (ignored, arguments) -> {
                    // Ends the loop once this line has ended, as Ctrl-D does at the prompt.
                    stopping = true;
                    return null;
                });
                LineReader reader = ShellReader.open(s, t);
                session = s;
                if (!closed) {
                    new Shell(new Context(), processor).gosh(s, GOSH_ARGS.clone());
                    readLoop(s, t, reader);
                }
            }
            return ExitStatus.DONE.code();
        } catch (Exception | IOError e) {
            if (closed) {
                // Closing the terminal under a reading shell surfaces as an error: asked for.
                LOG.debug("Shell ended by close: {}", e.toString());
                return ExitStatus.DONE.code();
            }
            LOG.debug("Shell failed", e);
            err.println("gosh: " + CommandFailure.describe(e.getClass().getSimpleName(), e));
            return ExitStatus.ERROR.code();
        }
    }

    private void readLoop(CommandSession s, Terminal t, LineReader reader)
            throws InterruptedException {
        // The session's commands run on threads of this thread's group (see PipeThreads).
        LineRunner lines = new LineRunner(s, Thread.currentThread().getThreadGroup(),
                INTERRUPT_GRACE_MILLIS);
        s.setJobListener((job, previous, current) -> jobChanged(reader, job, previous, current));
        // While a line is read, the reader handles Ctrl-C itself: it drops the line.
        SignalHandler previousInt = t.handle(Signal.INT, signal -> lines.interrupt());
        SignalHandler previousTstp = t.handle(Signal.TSTP, signal -> suspend(s.foregroundJob()));
        try {
            while (!stopping && !closed) {
                String text;
                ParsedLine line;
                try {
                    text = reader.readLine(Shell.getPrompt(s), Shell.getRPrompt(s),
                            (Character) null, null);
                    line = reader.getParsedLine();
                    if (line == null) {
                        throw new EndOfFileException();
                    }
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    saveHistory(reader);
                    break;
                }
                execute(s, reader, lines, text, line);
            }
        } finally {
            t.handle(Signal.INT, previousInt);
            t.handle(Signal.TSTP, previousTstp);
        }
    }

    private void execute(CommandSession s, LineReader reader, LineRunner lines, String text,
            ParsedLine line) throws InterruptedException {
        // The parsed line's own text is the statement at the cursor, not the whole line.
        String name = CommandLine.commandName(List.of(text));
        executing = true;
        try {
            LineRunner.Outcome outcome = lines.run(((ParsedLineImpl) line).program());
            if (outcome.running()) {
                Job job = outcome.stillRunning().get(0);
                reader.printAbove(name + ": still running after Ctrl-C, left as background job "
                        + job.id() + " (\"jobs\" lists it)");
            } else if (outcome.failed()) {
                fail(s, reader, name, outcome.failure());
            } else {
                s.put(Shell.VAR_RESULT, outcome.result());
                print(s, reader, name, outcome.result());
            }
        } finally {
            executing = false;
        }
    }

    private void print(CommandSession s, LineReader reader, String name, Object result) {
        if (result == null || Boolean.FALSE.equals(s.get(".Gogo.format"))) {
            return;
        }
        try {
            reader.printAbove(s.format(result, Converter.INSPECT).toString());
        } catch (RuntimeException e) {
            fail(s, reader, name, e);
        }
    }

    private void fail(CommandSession s, LineReader reader, String name, Throwable failure) {
        // The profile's "e" prints the whole stack trace of $exception.
        s.put(Shell.VAR_EXCEPTION, failure);
        LOG.debug("'{}' failed", name, failure);
        printError(reader, CommandFailure.describe(name, failure));
    }

    private static void printError(LineReader reader, String message) {
        AttributedStyle red = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
        reader.printAbove(new AttributedString(message, red));
    }

    /** Says when a job goes to or comes back from the background, as gosh does. */
    private static void jobChanged(LineReader reader, Job job, Status previous, Status current) {
        if (previous == Status.Foreground && current == Status.Background) {
            // Only the shell does that, leaving a command after Ctrl-C, and it says so itself.
            return;
        }
        if (previous == Status.Background || current == Status.Background
                || previous == Status.Suspended || current == Status.Suspended) {
            reader.printAbove(String.format("[%d]  %-10s  %s",
                    job.id(), current.name().toLowerCase(), job.command()));
        }
    }

    private static void suspend(Job job) {
        try {
            if (job != null) {
                job.suspend();
            }
        } catch (IllegalStateException e) {
            // It has just ended.
        }
    }

    private static void saveHistory(LineReader reader) {
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            LOG.debug("Could not save the history: {}", e.toString());
        }
    }

    @Override
    public boolean awaitIdle(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            CommandSession s = session;
            if (s == null || !executing && s.foregroundJob() == null) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(IDLE_POLL_MILLIS);
        }
    }

    @Override
    public void close() {
        if (ended) {
            return;
        }
        closed = true;
        stopping = true;
        Terminal t = terminal;
        if (t != null) {
            try {
                t.close();
            } catch (IOException e) {
                LOG.debug("Closing the terminal: {}", e.toString());
            }
        }
        // A readLine blocked on stdin does not notice the closed terminal; an interrupt ends it,
        // and the loop then sees that it was stopped. Waiting for a line, the interrupt stops the
        // line's commands too.
        Thread r = runner;
        if (r != null) {
            r.interrupt();
        }
    }

    /** What gosh asks of its environment: properties, and an exit that ends just this shell. */
    private final class Context implements Shell.Context {
        @Override
        public String getProperty(String name) {
            return context.getProperty(name);
        }

        @Override
        public void exit() {
            close();
        }
    }
}
