package com.example.vshutdown.shell.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.apache.felix.service.command.Job;
import org.apache.felix.service.command.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the process arguments as one Gogo command line and turns its outcome into the exit status:
 * the result, if any, on stdout as the Gogo shell would show it; a failure as one line on stderr.
 * <p>
 * Gogo does not run a command on the thread that calls {@code execute}: a job controller thread
 * starts one "pipe" thread per command of the pipeline, from a pool whose threads belong to the
 * thread group of whoever created the session. The session is therefore created on the thread
 * that runs this object, which the caller puts in a group of its own, so that Ctrl-C can find and
 * interrupt exactly the pipe threads ({@link PipeThreads}). Interrupting the job instead (what
 * gosh's own shell does) would stop the job controller first, and the command's own outcome, for
 * instance the cancellation it reports after the interrupt, would be lost.
 */
final class OneShotCommand implements MainSession {
    private static final Logger LOG = LoggerFactory.getLogger(OneShotCommand.class);

    /** Gogo's own commands first, as in the gosh profile of the shell. */
    private static final String SCOPE = "gogo:*";
    /** The exit status after a second Ctrl-C, the shells' 128 + SIGINT. */
    private static final int GAVE_UP = 130;

    private final CommandProcessor processor;
    private final String name;
    private final String line;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile ThreadGroup group;
    private volatile CommandSession session;
    private volatile boolean interruptedByUser;

    OneShotCommand(CommandProcessor processor, List<String> arguments, InputStream in,
            PrintStream out, PrintStream err) {
        this.processor = processor;
        this.name = CommandLine.commandName(arguments);
        this.line = CommandLine.join(arguments);
        this.in = in;
        this.out = out;
        this.err = err;
    }

    @Override
    public int run() {
        group = Thread.currentThread().getThreadGroup();
        try (SigintTrap trap = SigintTrap.install(this::userInterrupt, this::giveUp)) {
            return execute();
        } finally {
            done.countDown();
        }
    }

    private int execute() {
        LOG.debug("Running: {}", line);
        try (CommandSession s = processor.createSession(in, out, err)) {
            session = s;
            // Resolve unscoped command names as the interactive shell does (see its gosh_profile).
            s.put("SCOPE", SCOPE);
            AtomicInteger processError = new AtomicInteger();
            s.setJobListener((job, previous, current) -> {
                // Commands may fail without throwing: they print their own message and set an
                // error code on their process (gogo.jline's do). Gogo drops that code; the last
                // statement's decides, as $? in a shell.
                if (current == Job.Status.Done && job.parent() == null) {
                    Result r = job.result();
                    processError.set(r == null ? 0 : r.error());
                }
            });
            Object result = s.execute(line);
            if (result != null && !Boolean.FALSE.equals(s.get(".Gogo.format"))) {
                out.println(s.format(result, Converter.INSPECT));
            }
            return CommandFailure.exitStatus(processError.get(), interruptedByUser);
        } catch (Exception e) {
            int status = CommandFailure.exitStatus(e);
            LOG.debug("'{}' failed with exit status {}", line, status, e);
            err.println(CommandFailure.describe(name, e));
            return status;
        } finally {
            out.flush();
        }
    }

    @Override
    public boolean awaitIdle(long millis) throws InterruptedException {
        return done.await(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (done.getCount() > 0) {
            interruptCommand();
        }
    }

    private void userInterrupt() {
        interruptedByUser = true;
        interruptCommand();
    }

    /** Interrupts the threads that run the commands of the line, so that they cancel. */
    private void interruptCommand() {
        ThreadGroup g = group;
        List<Thread> pipes = g == null ? List.of() : PipeThreads.of(g);
        if (!pipes.isEmpty()) {
            pipes.forEach(Thread::interrupt);
            return;
        }
        // No pipe yet (the line is still being parsed) or a Gogo that names its threads
        // differently: stop the job as the shell would, even though its result is then lost.
        CommandSession s = session;
        Job job = s == null ? null : s.foregroundJob();
        if (job != null) {
            LOG.debug("No pipe thread found, interrupting the job");
            job.interrupt();
        }
    }

    private void giveUp() {
        err.println(name + ": interrupted again, exiting without waiting for the command");
        // Runs on the JVM's signal thread: exit from here rather than wait for a command that
        // does not react, as a shell does on a repeated Ctrl-C.
        System.exit(GAVE_UP);
    }
}
