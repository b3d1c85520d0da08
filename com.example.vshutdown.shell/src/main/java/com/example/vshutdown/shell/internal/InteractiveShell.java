package com.example.vshutdown.shell.internal;

import java.io.IOError;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.jline.terminal.Terminal;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.api.ExitStatus;

/**
 * The interactive Gogo shell of gogo.jline (line editing, history, completion), run for the
 * launcher instead of by gogo.jline's own activator, which would stop the framework from its own
 * thread at Ctrl-D and leave the launcher without an exit status. Here Ctrl-D ends the shell, the
 * run returns, and the launcher stops the framework and exits.
 */
final class InteractiveShell implements MainSession {
    private static final Logger LOG = LoggerFactory.getLogger(InteractiveShell.class);

    /**
     * {@code --login} runs the gosh profile in this session (prompt, completions), and
     * {@code --noshutdown} keeps gosh from stopping the framework itself when the shell ends.
     */
    private static final String[] GOSH_ARGS = {"--login", "--noshutdown"};
    /** A session variable holding a function is a command: "exit" leaves the shell. */
    private static final String EXIT = "exit";
    private static final long IDLE_POLL_MILLIS = 20;

    private final BundleContext context;
    private final CommandProcessor processor;
    private final PrintStream err;
    private volatile Terminal terminal;
    private volatile Shell shell;
    private volatile CommandSession session;
    private volatile boolean closed;
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
                Shell sh = new Shell(new Context(), processor);
                s.put(Shell.VAR_TERMINAL, t);
                s.put(EXIT, (Function) (ignored, arguments) -> {
                    // Ends the loop once this command returns, as Ctrl-D does at the prompt.
                    sh.stop();
                    return null;
                });
                session = s;
                shell = sh;
                if (!closed) {
                    sh.gosh(s, GOSH_ARGS.clone());
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

    @Override
    public boolean awaitIdle(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            CommandSession s = session;
            if (s == null || s.foregroundJob() == null) {
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
        Shell sh = shell;
        if (sh != null) {
            sh.stop();
        }
        Terminal t = terminal;
        if (t != null) {
            try {
                t.close();
            } catch (IOException e) {
                LOG.debug("Closing the terminal: {}", e.toString());
            }
        }
        // A readLine blocked on stdin does not notice the closed terminal; an interrupt ends it,
        // and the shell loop then sees that it was stopped.
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
