package com.example.vshutdown.master.internal.commands;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.Process;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.example.vshutdown.api.DomainInfo;
import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.InvalidRequestException;
import com.example.vshutdown.api.ShutdownCancelledException;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.api.ShutdownListener;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownService;
import com.example.vshutdown.console.Cancellation;
import com.example.vshutdown.lines.manual.Page;
import com.example.vshutdown.lines.manual.Render;

/**
 * The Gogo commands of scope {@code vshutdown}. A command that does not do what was asked throws,
 * so that scripts and the one-shot launcher see a failure and its exit status. With {@code --json}
 * a command prints one JSON document on stdout ({@link JsonViews}) in place of its text, also when
 * it fails before it has a result (then the document holds the error line and the exit status, and
 * the line still goes to stderr); the live lines of a shutdown go to stderr.
 */
@Component(service = VShutdownCommands.class, property = {
    "osgi.command.scope=vshutdown",
    "osgi.command.function=vshutdown",
    "osgi.command.function=domains",
    "osgi.command.function=providers"
})
public class VShutdownCommands {
    static final String NOTHING_TO_CANCEL =
            "nothing to cancel: no shutdown runs in this master and none is recorded on this machine";

    private final ShutdownService service;
    private final BundleContext context;

    @Activate
    public VShutdownCommands(@Reference ShutdownService service, BundleContext context) {
        this.service = service;
        this.context = context;
    }

    @Descriptor(Manual.VSHUTDOWN)
    public void vshutdown(CommandSession session,
            @Descriptor(Manual.REBOOT)
            @Parameter(names = {"-r", "--reboot"}, presentValue = "true", absentValue = "false") boolean reboot,
            @Descriptor(Manual.FORCE)
            @Parameter(names = {"-f", "--force"}, presentValue = "true", absentValue = "false") boolean force,
            @Descriptor(Manual.TIMEOUT)
            @Parameter(names = {"-t", "--timeout"}, absentValue = "") String timeout,
            @Descriptor(Manual.SLAVES_ONLY)
            @Parameter(names = {"--slaves-only"}, presentValue = "true", absentValue = "false") boolean slavesOnly,
            @Descriptor(Manual.CANCEL)
            @Parameter(names = {"--cancel"}, presentValue = "true", absentValue = "false") boolean cancel,
            @Descriptor(Manual.JSON)
            @Parameter(names = {"--json"}, presentValue = "true", absentValue = "false") boolean json,
            @Descriptor(Manual.HELP)
            @Parameter(names = {"-h", "--help"}, presentValue = "true", absentValue = "false") boolean help,
            @Descriptor(Manual.VMID) vmid... vmid)
            throws ShutdownException {
        PrintStream out = session.getConsole();
        if (help) {
            manual(out, Manual.VSHUTDOWN_PAGE);
            return;
        }
        String command = cancel ? "vshutdown --cancel" : "vshutdown";
        String[] vmids = vmid == null ? new String[0] : Arrays.stream(vmid).map(String::valueOf).toArray(String[]::new);
        ShutdownResult result;
        try {
            if (cancel) {
                if (reboot || force || slavesOnly || !timeout.isEmpty() || vmids.length > 0) {
                    throw new InvalidRequestException("--cancel takes no other option and no vmid; "
                            + CommandLine.USAGE);
                }
                cancel(out, json);
                return;
            }
            ShutdownRequest request = CommandLine.request(reboot, force, slavesOnly, timeout, vmids);
            result = run(session, request, json ? err() : out);
        } catch (ShutdownException e) {
            if (json) {
                print(out, JsonViews.error(command, e.getMessage(), e.status().code()));
            }
            throw e;
        }
        int status = result.succeeded() ? ExitStatus.DONE.code() : result.exitStatus().code();
        if (json) {
            print(out, JsonViews.result(command, result, status));
        } else {
            Summary.print(result, out);
        }
        if (!result.succeeded()) {
            throw new ShutdownCancelledException(result);
        }
    }

    /** Runs the request, its live lines on {@code progress}; Ctrl-C cancels it. */
    private ShutdownResult run(CommandSession session, ShutdownRequest request, PrintStream progress)
            throws ShutdownException {
        ProgressPrinter printer = new ProgressPrinter(progress);
        printer.follow(request);
        ServiceRegistration<ShutdownListener> registration =
                context.registerService(ShutdownListener.class, printer, null);
        // Ctrl-C interrupts this thread, which run() turns into the cancel of this shutdown
        try (Cancellation.Registration ctrlC = Cancellation.register(
                session.get(Cancellation.SESSION_VARIABLE), Thread.currentThread()::interrupt)) {
            if (ctrlC.cancelled()) {
                throw new ShutdownException(ExitStatus.CANCELLED, "cancelled by Ctrl-C before it started: "
                        + "nothing was asked");
            }
            return service.run(request);
        } finally {
            registration.unregister();
            // a step still on its way (the printer was stuck past the master's bound) must not follow the summary
            printer.follow(null);
            // an interrupt (Ctrl-C) was the cancel the result reports; it has been dealt with
            Thread.interrupted();
        }
    }

    /** {@code --cancel}: what was cancelled, or that there was nothing to; exit status 0 either way. */
    private void cancel(PrintStream out, boolean json) throws ShutdownException {
        Optional<ShutdownResult> cancelled = service.withdraw();
        if (json) {
            print(out, cancelled.map(r -> JsonViews.result("vshutdown --cancel", r, ExitStatus.DONE.code()))
                    .orElseGet(() -> JsonViews.nothingToCancel("vshutdown --cancel", NOTHING_TO_CANCEL)));
        } else if (cancelled.isPresent()) {
            Summary.print(cancelled.get(), out);
        } else {
            out.println(NOTHING_TO_CANCEL);
            out.flush();
        }
    }

    @Descriptor(Manual.DOMAINS)
    public void domains(CommandSession session,
            @Descriptor(Manual.LIST_JSON)
            @Parameter(names = {"--json"}, presentValue = "true", absentValue = "false") boolean json,
            @Descriptor(Manual.HELP)
            @Parameter(names = {"-h", "--help"}, presentValue = "true", absentValue = "false") boolean help)
            throws ShutdownException {
        PrintStream out = session.getConsole();
        if (help) {
            manual(out, Manual.DOMAINS_PAGE);
            return;
        }
        List<DomainInfo> domains;
        try {
            domains = service.domains();
        } catch (ShutdownException e) {
            if (json) {
                print(out, JsonViews.error("domains", e.getMessage(), e.status().code()));
            }
            throw e;
        }
        if (json) {
            print(out, JsonViews.domains(domains, service.masterDomain()));
        } else {
            DomainRow.rows(domains).forEach(out::println);
            out.flush();
        }
    }

    @Descriptor(Manual.PROVIDERS)
    public void providers(CommandSession session,
            @Descriptor(Manual.LIST_JSON)
            @Parameter(names = {"--json"}, presentValue = "true", absentValue = "false") boolean json,
            @Descriptor(Manual.HELP)
            @Parameter(names = {"-h", "--help"}, presentValue = "true", absentValue = "false") boolean help)
            throws InvalidSyntaxException {
        PrintStream out = session.getConsole();
        if (help) {
            manual(out, Manual.PROVIDERS_PAGE);
            return;
        }
        ProviderListing.Listing listing = ProviderListing.read(context);
        if (json) {
            print(out, JsonViews.providers(listing));
            return;
        }
        ProviderListing.rows(listing).forEach(out::println);
        out.println(ProviderListing.LEGEND);
        out.flush();
    }

    private static void manual(PrintStream out, Page page) {
        out.print(Render.text(page));
        out.flush();
    }

    private static void print(PrintStream out, Object document) {
        out.println(Json.write(document));
        out.flush();
    }

    /**
     * A vmid as typed, checked by {@link CommandLine}, which says what is wrong with it. Gogo's
     * {@code help} names a positional parameter by its type, hence the type's name; Gogo builds it
     * through the public constructor that takes the word.
     */
    public static final class vmid {
        private final String text;

        public vmid(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** The running command's stderr: the job's, where Gogo runs it, else the process's. */
    private static PrintStream err() {
        Process process = Process.Utils.current();
        return process != null ? process.err() : System.err;
    }
}
