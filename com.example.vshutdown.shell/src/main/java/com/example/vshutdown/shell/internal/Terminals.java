package com.example.vshutdown.shell.internal;

import java.io.IOException;

import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.ExecPty;
import org.jline.terminal.impl.PosixSysTerminal;
import org.jline.terminal.spi.Pty;
import org.jline.utils.OSUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the terminal of the interactive shell.
 * <p>
 * jline 3.21 allows one "system" terminal per JVM, and gogo.jline's activator has already taken
 * it for its own session (idle here: {@code gosh.args=--nointeractive}). Asking
 * {@link TerminalBuilder} for another would silently give a dumb terminal: no line editing, no
 * completion. On a tty we therefore open the terminal as the builder would on Unix, on jline's
 * exec-based pty of stdin, without the builder's one-terminal check; both terminals sit on the
 * same tty, and only ours reads from it.
 */
final class Terminals {
    private static final Logger LOG = LoggerFactory.getLogger(Terminals.class);

    private static final String NAME = "vshutdown";
    /** jline redraws forever on a terminal of zero columns, which is what a dumb terminal has. */
    private static final Size FALLBACK_SIZE = new Size(80, 24);

    private Terminals() {
    }

    static Terminal open() throws IOException {
        Terminal terminal = openOnTty();
        if (terminal == null) {
            // Not a tty (input from a pipe or a file): a dumb terminal reads it line by line.
            // dumb(true) says that this is expected, so jline does not warn about it.
            terminal = TerminalBuilder.builder()
                    .name(NAME)
                    .system(true)
                    .dumb(true)
                    .build();
        }
        if (terminal.getWidth() <= 0 || terminal.getHeight() <= 0) {
            terminal.setSize(FALLBACK_SIZE);
        }
        return terminal;
    }

    private static Terminal openOnTty() {
        if (OSUtils.IS_WINDOWS) {
            return null;
        }
        try {
            // Fails unless stdin is a terminal.
            Pty pty = ExecPty.current();
            // Signals are ignored unless a reader or the shell handles them: Ctrl-C at the
            // prompt clears the line, during a command it interrupts the command.
            return new PosixSysTerminal(NAME, System.getenv("TERM"), pty, null, true,
                    Terminal.SignalHandler.SIG_IGN);
        } catch (IOException | RuntimeException e) {
            LOG.debug("No terminal on stdin: {}", e.toString());
            return null;
        }
    }
}
