package com.example.vshutdown.shell.internal;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.api.ExitStatus;

/**
 * The main program of the app. The bnd launcher registers itself as a service carrying the
 * command-line arguments ({@code launcher.arguments}) and calls a {@code Callable<Integer>}
 * registered with {@code main.thread=true} on the JVM's main thread, once all bundles are started;
 * the integer is the process exit status. No arguments open the interactive shell; arguments are
 * run as one command line.
 * <p>
 * The framework can also stop under a running call, for instance when a command starts the
 * simulated platform's native shutdown. The launcher (bnd 7.1.0, and the 7.3.0 one the app ships)
 * then races us: its "FrameworkWaiter" thread exits the JVM with status 117 as soon as the
 * framework has stopped, unless the main thread has already returned from the call. And Gogo,
 * stopping, closes every session, which interrupts the command. Our bundle starts last and so is
 * stopped first, which lets {@link #deactivate()} hold the framework's stop until the session has
 * ended and the launcher holds its exit status.
 */
@Component(service = Callable.class, property = "main.thread=true")
public final class ShellMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ShellMain.class);

    /** How long a command may take to finish by itself once the framework is stopping. */
    private static final long STOP_GRACE_MILLIS = 5_000;
    /** How long to wait for the session to end after it was told to. */
    private static final long CLOSE_WAIT_MILLIS = 2_000;
    private static final long POLL_MILLIS = 10;

    // The process's own standard streams. By the time the launcher calls us, Gogo's ThreadIO has
    // replaced System.in/out/err by dispatchers to the current command's streams; a session built
    // on those would send its commands' output back to the commands. Never closed: that would
    // close the process's file descriptors.
    private static final InputStream STDIN = new FileInputStream(FileDescriptor.in);
    private static final PrintStream STDOUT =
            new PrintStream(new FileOutputStream(FileDescriptor.out), true);
    private static final PrintStream STDERR =
            new PrintStream(new FileOutputStream(FileDescriptor.err), true);

    private final BundleContext context;
    private final CommandProcessor processor;
    private final List<String> arguments;
    private final CountDownLatch finished = new CountDownLatch(1);
    private Running running; // guarded by this
    private boolean stopped; // guarded by this

    /** A call in progress: the session, the thread group of its work, and the launcher's thread. */
    private static final class Running {
        final MainSession session;
        final ThreadGroup group;
        final Thread caller;

        Running(MainSession session, ThreadGroup group, Thread caller) {
            this.session = session;
            this.group = group;
            this.caller = caller;
        }
    }

    @Activate
    public ShellMain(BundleContext context,
            @Reference(name = "processor") CommandProcessor processor,
            @Reference(name = "launcher", service = Object.class, target = "(launcher.arguments=*)")
            Map<String, Object> launcher) {
        this.context = context;
        this.processor = processor;
        this.arguments = arguments(launcher.get("launcher.arguments"));
    }

    private static List<String> arguments(Object value) {
        return value instanceof String[] ? List.of((String[]) value) : List.of();
    }

    @Override
    public Integer call() {
        MainSession session = arguments.isEmpty()
                ? new InteractiveShell(context, processor, STDERR)
                : new OneShotCommand(processor, arguments, STDIN, STDOUT, STDERR);
        // The session's threads, and the Gogo threads it starts, get a group of their own, so that
        // they can be told apart from everyone else's (see OneShotCommand).
        ThreadGroup group = new ThreadGroup("vshutdown-main");
        AtomicInteger status = new AtomicInteger(ExitStatus.ERROR.code());
        Thread worker = new Thread(group, () -> status.set(session.run()), "vshutdown-main");
        try {
            synchronized (this) {
                if (stopped) {
                    LOG.warn("The framework stopped before {} could run", describe(arguments));
                    return ExitStatus.ERROR.code();
                }
                running = new Running(session, group, Thread.currentThread());
                worker.start();
            }
            worker.join();
            LOG.debug("{} ended with exit status {}", describe(arguments), status.get());
            return status.get();
        } catch (InterruptedException e) {
            // Only deactivate interrupts us, as a last resort when the session does not end.
            LOG.warn("{} did not end while the framework stopped", describe(arguments));
            return ExitStatus.ERROR.code();
        } finally {
            finished.countDown();
        }
    }

    @Deactivate
    void deactivate() {
        Running r;
        synchronized (this) {
            stopped = true;
            r = running;
        }
        if (r == null) {
            return;
        }
        if (r.group.parentOf(Thread.currentThread().getThreadGroup())) {
            // A command of the session stops us (say "stop 0" run as a one-shot command):
            // it cannot wait for itself to end.
            r.session.close();
            return;
        }
        try {
            if (!r.session.awaitIdle(STOP_GRACE_MILLIS)) {
                LOG.warn("The framework is stopping: interrupting the running command");
            }
            r.session.close();
            if (!finished.await(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                r.caller.interrupt();
                finished.await(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            }
            awaitLauncherHoldsStatus(r.caller);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Returns once the launcher's main thread, back from {@link #call()}, has gone on to stop the
     * framework and wait for it: it has then cleared the flag that makes the launcher's
     * FrameworkWaiter exit with 117, and the status we returned becomes the exit status.
     */
    private static void awaitLauncherHoldsStatus(Thread caller) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        while (System.nanoTime() - deadline < 0) {
            Thread.State state = caller.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
                    || state == Thread.State.TERMINATED) {
                return;
            }
            Thread.sleep(POLL_MILLIS);
        }
        LOG.debug("The launcher's main thread did not wait for the framework in time");
    }

    private static String describe(List<String> arguments) {
        return arguments.isEmpty() ? "The shell" : "'" + String.join(" ", arguments) + "'";
    }

    @Override
    public String toString() {
        return "ShellMain" + arguments;
    }
}
