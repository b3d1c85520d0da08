package com.example.vshutdown.master.internal.commands;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.lines.gogo.LineRunner;
import com.example.vshutdown.lines.manual.Page;
import com.example.vshutdown.lines.manual.Page.Item;

/**
 * The manual of the commands {@code vshutdown}, {@code domains} and {@code providers}: the one
 * source of their {@code --help}, of Gogo's {@code help} (the {@code @Descriptor} constants below),
 * of {@code docs/vshutdown.1} and of the README's exit-status table. Tests hold the man page, the
 * README and the commands' {@code @Parameter} names to these pages.
 */
final class Manual {
    static final String VSHUTDOWN_SUMMARY = "shut down or reboot slave domains cleanly, then (without a vmid) the "
            + "whole machine";
    static final String SYSTEM_WIDE = "Without a vmid every running slave domain is asked to shut down, group by "
            + "group when the master's stop.order sets groups; the master waits for all of them, lets its "
            + "participants prepare, and then runs its own native shutdown (or reboot with -r). With a vmid only "
            + "that slave is asked to shut down (or reboot with -r); the master is not touched.";
    static final String IN_TIME = "When a domain does not acknowledge in time (-t, or its own "
            + "domain.<id>.timeout.ms) the shutdown is cancelled: the requests no agent has picked up are withdrawn "
            + "and the master stays up, unless -f forces completion. Ctrl-C cancels the same way; a second Ctrl-C "
            + "abandons the command without waiting for it.";
    static final String ONE_AT_A_TIME = "One coordinator runs at a time per machine (a lock in vshutdown.run.dir); "
            + "the shutdown is recorded in vshutdown.state.dir until it ends, and --cancel withdraws one whose "
            + "master is gone.";
    static final String WHERE = "The command runs in the Gogo shell of 'java -jar vshutdown.jar', as the one "
            + "line given to it ('java -jar vshutdown.jar vshutdown -t 30000 2'), and in the master service that "
            + "such a line reaches through its control socket. It prints each step as it happens, then a summary; "
            + "a failure is one line on stderr.";
    /** The exit statuses in a line, as Gogo's help shows them; a test holds it to {@link #EXIT_STATUS}. */
    static final String EXIT_SUMMARY = "0 done, 1 cancelled, 2 bad input, 3 refused, 4 the platform failed, "
            + "130 a second Ctrl-C";
    static final String VSHUTDOWN = "Shut down or reboot slave domains cleanly, then (without a vmid) the whole "
            + "machine.\n   " + SYSTEM_WIDE + "\n   " + IN_TIME + "\n   " + ONE_AT_A_TIME
            + "\n   Exit status: " + EXIT_SUMMARY + "; 'vshutdown --help' has the whole table and examples.";

    static final String REBOOT = "reboot: a selective reboot restarts the domain; a system-wide one shuts every "
            + "slave down and reboots the master";
    static final String FORCE = "force completion: hard-stop a domain that does not acknowledge in time (a last "
            + "resort, unsaved work in it is lost); system-wide, the master then goes down regardless";
    static final String TIMEOUT = "wait at most this many milliseconds for acknowledgements, at most 31536000000 ms "
            + "(365 days) (default: until every domain answers or Ctrl-C, which cancels)";
    static final String SLAVES_ONLY = "take every slave down as a system-wide shutdown does, but do not run the "
            + "master's native command: the master's own OS is going down by its own path (the master service's "
            + "stop)";
    static final String CANCEL = "cancel the shutdown running in this master (as Ctrl-C would), or withdraw the one "
            + "recorded on this machine by a master that is gone; takes no other option";
    static final String JSON = "print one JSON document on stdout instead of text; the live lines go to stderr";
    static final String HELP = "print this manual entry and exit";
    static final String VMID = "the slave domain to shut down or reboot (as 'domains' lists it); none for the "
            + "whole system";

    static final String DOMAINS_SUMMARY = "list the domains with their state and counters";
    static final String DOMAINS = "List the domains, one row each: id, state (running, stopped, invalid), "
            + "counters, any pending request, and the domain's group of the stop order and own time-out where the "
            + "master's policy sets them; '(simulated)' marks a domain of the simulated platform";
    static final String PROVIDERS_SUMMARY = "list the vproperty providers and native shutdowns";
    static final String PROVIDERS = "List the vproperty providers and native shutdowns, best-ranked first, with "
            + "their bundle and ranking; '*' marks the one the master uses, '(simulated)' one of the simulated "
            + "platform";
    static final String LIST_JSON = "print one JSON document on stdout instead of the rows";

    /** The exit status of a line abandoned at a second Ctrl-C: the consoles' line runner sets it (inlined). */
    static final int ABANDONED = LineRunner.ABANDONED;

    /** The exit statuses of every one-shot command line, the README's table. */
    static final List<Item> EXIT_STATUS = Stream.concat(Arrays.stream(ExitStatus.values())
            .map(status -> new Item(String.valueOf(status.code()), meaning(status))),
            Stream.of(new Item(String.valueOf(ABANDONED),
                    "a second Ctrl-C: the command was abandoned without waiting for it to end"))).toList();

    static final Page VSHUTDOWN_PAGE = new Page("vshutdown", VSHUTDOWN_SUMMARY,
            List.of("vshutdown [-r] [-f] [-t ms] [--slaves-only] [--json] [vmid]", "vshutdown --cancel [--json]",
                    "vshutdown -h | --help"),
            List.of(SYSTEM_WIDE, IN_TIME, ONE_AT_A_TIME, WHERE),
            List.of(new Item("-r, --reboot", REBOOT), new Item("-f, --force", FORCE),
                    new Item("-t, --timeout ms", TIMEOUT), new Item("--slaves-only", SLAVES_ONLY),
                    new Item("--cancel", CANCEL), new Item("--json", JSON), new Item("-h, --help", HELP)),
            List.of(new Item("vmid", VMID)),
            EXIT_STATUS,
            List.of(new Item("vshutdown", "every slave goes down, then the master: waits until every domain answers "
                            + "(Ctrl-C cancels)"),
                    new Item("vshutdown -t 30000 2", "shuts domain 2 down, waiting at most 30 s; the master is not "
                            + "touched"),
                    new Item("vshutdown -r 3", "reboots domain 3"),
                    new Item("vshutdown -f -t 60000", "every slave, then the master; a slave that has not "
                            + "acknowledged after 60 s is hard-stopped (unsaved work in it is lost)"),
                    new Item("vshutdown --slaves-only -t 60000", "every slave, not the master: what the master "
                            + "service runs as it stops with its OS"),
                    new Item("vshutdown --cancel", "cancels the shutdown running in this master, or withdraws one "
                            + "left recorded by a master that is gone"),
                    new Item("vshutdown --json 2 > result.json", "the outcome as one JSON document; the steps on "
                            + "stderr"),
                    new Item("java -jar vshutdown.jar vshutdown -t 30000 2; echo $?", "the same from a script: "
                            + "the exit status says how it ended")));

    static final Page DOMAINS_PAGE = new Page("domains", DOMAINS_SUMMARY,
            List.of("domains [--json]", "domains -h | --help"), List.of(DOMAINS + "."),
            List.of(new Item("--json", LIST_JSON), new Item("-h, --help", HELP)), List.of(), EXIT_STATUS,
            List.of(new Item("domains", "one row per domain, starting with its id")));

    static final Page PROVIDERS_PAGE = new Page("providers", PROVIDERS_SUMMARY,
            List.of("providers [--json]", "providers -h | --help"), List.of(PROVIDERS + "."),
            List.of(new Item("--json", LIST_JSON), new Item("-h, --help", HELP)), List.of(), EXIT_STATUS,
            List.of(new Item("providers", "what the master may bind, and what it has bound")));

    private Manual() {
    }

    private static String meaning(ExitStatus status) {
        // a switch without default: a new status does not compile until it has its meaning here
        return switch (status) {
            case DONE -> "done: every involved domain acknowledged, or -f completed what it could";
            case CANCELLED -> "cancelled: some domain did not acknowledge (time-out or Ctrl-C), nothing was "
                    + "forced, the master was not shut down; also a forced selective shutdown whose domain could "
                    + "not be hard-stopped (it still runs), and a forced selective reboot whose domain was "
                    + "hard-stopped (nothing starts it again: start it by hand)";
            case BAD_INPUT -> "bad input: unknown option, malformed or unknown vmid, malformed or too long "
                    + "time-out, a target that cannot take the request, a misconfigured platform (a provider "
                    + "reports a malformed setting: refused whatever other provider is bound) or master (a "
                    + "malformed stop.order or time-out setting)";
            case REFUSED -> "refused: a shutdown is already in progress, in this master or, through the "
                    + "machine-wide lock, in another; or one is left recorded (vshutdown --cancel withdraws it)";
            case ERROR -> "the platform failed: no vproperty provider, vproperties unreadable, or the master's "
                    + "native command failed";
        };
    }
}
