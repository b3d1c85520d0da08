package com.example.vshutdown.master.internal.commands;

import java.io.PrintStream;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.example.vshutdown.api.DomainInfo;
import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownCancelledException;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.api.ShutdownListener;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownService;
import com.example.vshutdown.console.Cancellation;

/**
 * The Gogo commands of scope {@code vshutdown}. A command that does not do what was asked throws,
 * so that scripts and the one-shot launcher see a failure and its exit status.
 */
@Component(service = VShutdownCommands.class, property = {
    "osgi.command.scope=vshutdown",
    "osgi.command.function=vshutdown",
    "osgi.command.function=domains",
    "osgi.command.function=providers"
})
public class VShutdownCommands {
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
            + "   completion.\n"
            + "   Exit status of a one-shot run: 0 done, 1 cancelled, 2 bad input, 3 refused (one already runs).")
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
            @Descriptor("vmid: the slave domain to shut down or reboot (as 'domains' lists it); none for the "
                    + "whole system") String... vmid)
            throws ShutdownException {
        ShutdownRequest request = CommandLine.request(reboot, force, timeout, vmid);
        PrintStream out = session.getConsole();
        ProgressPrinter printer = new ProgressPrinter(out);
        printer.follow(request);
        ServiceRegistration<ShutdownListener> registration =
                context.registerService(ShutdownListener.class, printer, null);
        ShutdownResult result;
        // Ctrl-C interrupts this thread, which run() turns into the cancel of this shutdown
        try (Cancellation.Registration ctrlC = Cancellation.register(
                session.get(Cancellation.SESSION_VARIABLE), Thread.currentThread()::interrupt)) {
            if (ctrlC.cancelled()) {
                throw new ShutdownException(ExitStatus.CANCELLED, "cancelled by Ctrl-C before it started: "
                        + "nothing was asked");
            }
            result = service.run(request);
        } finally {
            registration.unregister();
            // a step still on its way (the printer was stuck past the master's bound) must not follow the summary
            printer.follow(null);
            // an interrupt (Ctrl-C) was the cancel the result reports; it has been dealt with
            Thread.interrupted();
        }
        Summary.print(result, out);
        if (!result.succeeded()) {
            throw new ShutdownCancelledException(result);
        }
    }

    @Descriptor("List the domains, one row each: id, state (running, stopped, invalid), counters, any pending request, "
            + "and the domain's group of the stop order and own time-out where the master's policy sets them")
    public void domains(CommandSession session) throws ShutdownException {
        List<DomainInfo> domains = service.domains();
        PrintStream out = session.getConsole();
        DomainRow.rows(domains).forEach(out::println);
        out.flush();
    }

    @Descriptor("List the vproperty providers and native shutdowns, best-ranked first, with their bundle and "
            + "ranking; '*' marks the one the master uses")
    public void providers(CommandSession session) throws InvalidSyntaxException {
        PrintStream out = session.getConsole();
        for (String row : ProviderListing.rows(context)) {
            out.println(row);
        }
        out.println(ProviderListing.LEGEND);
        out.flush();
    }
}
