package com.example.vshutdown.master.internal.commands;

import java.io.PrintStream;
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

    @Descriptor("Shut down or reboot slave domains cleanly, then (without a vmid) the whole machine.\n"
            + "   Without vmid every running slave is asked to shut down, group by group when the master's stop.order\n"
            + "   sets groups; the master waits for all of them, lets its participants prepare, and then runs its\n"
            + "   own native shutdown (or reboot with -r). With a vmid only that slave is asked to shut down (or\n"
            + "   reboot with -r); the master is not touched. When a domain does not acknowledge in time (-t, or its\n"
            + "   own domain.<id>.timeout.ms) the shutdown is cancelled and the master stays up, unless -f forces\n"
            + "   completion. One coordinator at a time per machine (a lock in vshutdown.run.dir); the shutdown is\n"
            + "   recorded in vshutdown.state.dir until it ends, and --cancel withdraws one whose master is gone.\n"
            + "   Exit status of a one-shot run: 0 done, 1 cancelled, 2 bad input, 3 refused (one already runs, here\n"
            + "   or on the machine, or one is left recorded), 4 the platform failed.")
    public void vshutdown(CommandSession session,
            @Descriptor("reboot: a selective reboot restarts the domain; a system-wide one shuts every slave down "
                    + "and reboots the master")
            @Parameter(names = {"-r", "--reboot"}, presentValue = "true", absentValue = "false") boolean reboot,
            @Descriptor("force completion: hard-stop a domain that does not acknowledge in time (a last resort, "
                    + "unsaved work in it is lost); system-wide, the master then goes down regardless")
            @Parameter(names = {"-f", "--force"}, presentValue = "true", absentValue = "false") boolean force,
            @Descriptor("wait at most this many milliseconds for acknowledgements, at most 31536000000 ms "
                    + "(365 days) (default: until every domain answers or Ctrl-C, which cancels)")
            @Parameter(names = {"-t", "--timeout"}, absentValue = "") String timeout,
            @Descriptor("take every slave down as a system-wide shutdown does, but do not run the master's native "
                    + "command: the master's own OS is going down by its own path (the master service's stop)")
            @Parameter(names = {"--slaves-only"}, presentValue = "true", absentValue = "false") boolean slavesOnly,
            @Descriptor("cancel the shutdown running in this master (as Ctrl-C would), or withdraw the one recorded "
                    + "on this machine by a master that is gone; takes no other option")
            @Parameter(names = {"--cancel"}, presentValue = "true", absentValue = "false") boolean cancel,
            @Descriptor("print one JSON document on stdout instead of text; the live lines go to stderr")
            @Parameter(names = {"--json"}, presentValue = "true", absentValue = "false") boolean json,
            @Descriptor("vmid: the slave domain to shut down or reboot (as 'domains' lists it); none for the "
                    + "whole system") String... vmid)
            throws ShutdownException {
        String command = cancel ? "vshutdown --cancel" : "vshutdown";
        PrintStream out = session.getConsole();
        ShutdownResult result;
        try {
            if (cancel) {
                if (reboot || force || slavesOnly || !timeout.isEmpty() || (vmid != null && vmid.length > 0)) {
                    throw new InvalidRequestException("--cancel takes no other option and no vmid; "
                            + CommandLine.USAGE);
                }
                cancel(out, json);
                return;
            }
            ShutdownRequest request = CommandLine.request(reboot, force, slavesOnly, timeout, vmid);
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

    @Descriptor("List the domains, one row each: id, state (running, stopped, invalid), counters, any pending request, "
            + "and the domain's group of the stop order and own time-out where the master's policy sets them; "
            + "'(simulated)' marks a domain of the simulated platform")
    public void domains(CommandSession session,
            @Descriptor("print one JSON document on stdout instead of the rows")
            @Parameter(names = {"--json"}, presentValue = "true", absentValue = "false") boolean json)
            throws ShutdownException {
        PrintStream out = session.getConsole();
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

    @Descriptor("List the vproperty providers and native shutdowns, best-ranked first, with their bundle and "
            + "ranking; '*' marks the one the master uses, '(simulated)' one of the simulated platform")
    public void providers(CommandSession session,
            @Descriptor("print one JSON document on stdout instead of the rows")
            @Parameter(names = {"--json"}, presentValue = "true", absentValue = "false") boolean json)
            throws InvalidSyntaxException {
        PrintStream out = session.getConsole();
        ProviderListing.Listing listing = ProviderListing.read(context);
        if (json) {
            print(out, JsonViews.providers(listing));
            return;
        }
        ProviderListing.rows(listing).forEach(out::println);
        out.println(ProviderListing.LEGEND);
        out.flush();
    }

    private static void print(PrintStream out, Object document) {
        out.println(Json.write(document));
        out.flush();
    }

    /** The running command's stderr: the job's, where Gogo runs it, else the process's. */
    private static PrintStream err() {
        Process process = Process.Utils.current();
        return process != null ? process.err() : System.err;
    }
}
