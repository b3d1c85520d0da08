package com.example.vshutdown.shell.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

import org.apache.felix.service.command.CommandProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.lines.CommandLine;
import com.example.vshutdown.lines.Sigint;
import com.example.vshutdown.lines.gogo.CtrlC;
import com.example.vshutdown.lines.gogo.OneLine;

/**
 * The process arguments as one Gogo command line, with SIGINT as its Ctrl-C: the result on stdout,
 * a failure as one line on stderr, the outcome as the exit status.
 */
final class OneShot implements Program {
    private static final Logger LOG = LoggerFactory.getLogger(OneShot.class);

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
        try (Sigint trap = Sigint.trap(ctrlC::press)) {
            trap.problem().ifPresent(problem -> LOG.debug("{}", problem));
            return OneLine.run(processor, line, ctrlC, in, out, err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitStatus.ERROR.code();
        }
    }

    @Override
    public void stop() {
        // the line ends by itself
    }
}
