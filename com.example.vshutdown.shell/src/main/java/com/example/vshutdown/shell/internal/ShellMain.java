package com.example.vshutdown.shell.internal;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.Job;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.api.ShutdownService;

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
    private final BundleContext context;
    /** Read at each completion of a vmid; the shell runs without one (its commands then say so). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ShutdownService shutdown;
    private final CompletableFuture<Integer> returned = new CompletableFuture<>();
    private boolean called; // guarded by this
    private boolean stopped; // guarded by this

    @Activate
    public ShellMain(@Reference(name = "processor") CommandProcessor processor,
            @Reference(name = "launcher", service = Object.class, target = "(launcher.arguments=*)")
            Map<String, Object> launcher, BundleContext context) {
        this.context = context;
        Object value = launcher.get("launcher.arguments");
        List<String> arguments = value instanceof String[] ? List.of((String[]) value) : List.of();
        this.program = arguments.isEmpty()
                ? new InteractiveShell(processor, STDERR, new CommandCompletions(this::commandClasses,
                        Map.of("vshutdown:vshutdown", this::slaveIds)))
                : new OneShot(processor, arguments, STDIN, STDOUT, STDERR);
    }

    /** The ids of the slave domains, as completion offers them for a vmid; none where none can be read. */
    private List<String> slaveIds() {
        ShutdownService service = shutdown;
        if (service == null) {
            return List.of();
        }
        try {
            int master = service.masterDomain();
            return service.domains().stream().filter(domain -> domain.id() != master)
                    .map(domain -> String.valueOf(domain.id())).toList();
        } catch (ShutdownException e) {
            LOG.debug("No domain ids to complete", e);
            return List.of();
        }
    }

    /** The classes of a command's services, whose annotations completion reads. */
    private List<Class<?>> commandClasses(String command) {
        List<Class<?>> classes = new ArrayList<>();
        try {
            ServiceReference<?>[] refs = context.getServiceReferences((String) null, CommandCompletions.filter(command));
            for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
                Object service = context.getService(ref);
                if (service != null) {
                    classes.add(service.getClass());
                    context.ungetService(ref);
                }
            }
        } catch (InvalidSyntaxException | IllegalStateException e) {
            LOG.debug("No completion for {}", command, e);
        }
        return classes;
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
