package com.example.vshutdown.lines.gogo;

import java.io.InputStream;
import java.io.PrintStream;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;

/**
 * One command line in a Gogo session of its own, as a script runs it: the result and the output on
 * {@code out}, a failure as one line on {@code err}, the outcome as the exit status. The one-shot
 * command runs its line this way, and so does each connection to the master service's control
 * socket.
 */
public final class OneLine {
    /** Unscoped names find Gogo's own commands first, as in the shell's gosh_profile. */
    public static final String SCOPE = "gogo:*";

    private OneLine() {
    }

    /**
     * Runs {@code line} until it ends or its second Ctrl-C, in a session that is closed afterwards.
     *
     * @return the exit status of DESIGN.md's table
     */
    public static int run(CommandProcessor processor, CharSequence line, CtrlC ctrlC, InputStream in,
            PrintStream out, PrintStream err) throws InterruptedException {
        try (CommandSession session = processor.createSession(in, out, err);
                LineRunner lines = new LineRunner(session)) {
            session.put("SCOPE", SCOPE);
            LineRunner.Outcome outcome = lines.run(line, ctrlC);
            if (outcome.error() != null) {
                err.println(outcome.error());
            }
            return outcome.status();
        } finally {
            out.flush();
            err.flush();
        }
    }
}
