package com.example.vshutdown.shell.internal;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.Job;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.api.ExitStatus;

/**
 * The main program of the app. The bnd launcher publishes the command-line arguments as the
 * {@code launcher.arguments} service property and calls a {@code Callable<Integer>} registered with
 * {@code main.thread=true} on the JVM's main thread once all bundles have started; the integer is
 * the exit status. No arguments open the interactive shell; arguments run as one command line.
 * <p>
 * The framework may stop under a running line: the simulated platform's native shutdown stops it
 * while {@code vshutdown} still prints its summary. The launcher exits with its own status (117)
 * if the framework has stopped before this call returned, so {@link #deactivate()} (this bundle
 * starts last and stops first) holds the stop until the line has ended and this call returned.
 */
@Component(service = Callable.class, property = "main.thread=true")
public final class ShellMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ShellMain.class);

    /** How long a line may take to end when the framework stops under it. */
    private static final long STOP_GRACE_MILLIS = 10_000;

    // The process's own streams: by now Gogo's ThreadIO has replaced System.in/out/err by
    // dispatchers to the running command's streams. Never closed: they are the process's.
    private static final InputStream STDIN = new FileInputStream(FileDescriptor.in);
    private static final PrintStream STDOUT = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
    private static final PrintStream STDERR = new PrintStream(new FileOutputStream(FileDescriptor.err), true);

    private final Program program;
    private final CompletableFuture<Integer> returned = new CompletableFuture<>();
    private boolean called; // guarded by this
    private boolean stopped; // guarded by this

    @Activate
    public ShellMain(@Reference(name = "processor") CommandProcessor processor,
            @Reference(name = "launcher", service = Object.class, target = "(launcher.arguments=*)")
            Map<String, Object> launcher) {
        Object value = launcher.get("launcher.arguments");
        List<String> arguments = value instanceof String[] ? List.of((String[]) value) : List.of();
        this.program = arguments.isEmpty()
                ? new InteractiveShell(processor, STDERR)
                : new OneShot(processor, arguments, STDIN, STDOUT, STDERR);
    }

    @Override
    public Integer call() {
        synchronized (this) {
            if (stopped) {
                LOG.warn("The framework stopped before the shell could run");
                return ExitStatus.ERROR.code();
            }
            called = true;
        }
        int status = ExitStatus.ERROR.code();
        try {
            status = program.run();
            return status;
        } finally {
            returned.complete(status);
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        synchronized (this) {
            stopped = true;
            if (!called) {
                return;
            }
        }
        program.stop();
        if (Job.Utils.current() != null) {
            return; // a Gogo command stops this bundle: its line cannot wait for itself
        }
        try {
            returned.get(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Gogo, stopping, interrupts what still runs, and the master cancels its shutdown
            LOG.warn("The framework stops under a line that has not ended in {} ms", STOP_GRACE_MILLIS);
        }
    }
}
