package com.example.vshutdown.shell.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;

import com.example.vshutdown.api.ExitStatus;

/**
 * The process arguments as one Gogo command line, with SIGINT as its Ctrl-C: the result on stdout,
 * a failure as one line on stderr, the outcome as the exit status.
 */
final class OneShot implements Program {
    /** Unscoped names find Gogo's own commands first, as in the shell's gosh_profile. */
    private static final String SCOPE = "gogo:*";

    private final CommandProcessor processor;
    private final String line;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final CtrlC ctrlC = new CtrlC();

    OneShot(CommandProcessor processor, List<String> arguments, InputStream in, PrintStream out, PrintStream err) {
        this.processor = processor;
        this.line = CommandLine.join(arguments);
        this.in = in;
        this.out = out;
        this.err = err;
    }

    @Override
    public int run() {
        // The trap is set before the line starts: no SIGINT after it can be lost (see CtrlC).
        try (Sigint trap = Sigint.trap(ctrlC::press);
                CommandSession session = processor.createSession(in, out, err);
                LineRunner lines = new LineRunner(session)) {
            session.put("SCOPE", SCOPE);
            LineRunner.Outcome outcome = lines.run(line, ctrlC);
            if (outcome.error() != null) {
                err.println(outcome.error());
            }
            return outcome.status();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitStatus.ERROR.code();
        } finally {
            out.flush();
        }
    }

    @Override
    public void stop() {
        // the line ends by itself
    }
}
