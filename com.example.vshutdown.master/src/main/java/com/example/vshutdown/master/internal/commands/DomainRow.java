package com.example.vshutdown.master.internal.commands;

import java.util.List;

import com.example.vshutdown.api.DomainInfo;
import com.example.vshutdown.protocol.Counters;
import com.example.vshutdown.protocol.Values;

/**
 * One row of the {@code domains} listing. Each row starts with the domain id and spells its
 * fields out ({@code running=3}), so that a script can grep it without a header to count on. The
 * shutdown policy adds a slave's group of the stop order ({@code group=2}) when there is more than
 * one group, and its own time-out ({@code timeout.ms=60000}) when it has one; a domain of a
 * simulated platform says so ({@code (simulated)}), after the fields a script reads.
 */
final class DomainRow {
    private DomainRow() {
    }

    /** The rows of a listing: groups are shown when the stop order has more than one. */
    static List<String> rows(List<DomainInfo> domains) {
        boolean grouped = domains.stream().anyMatch(d -> d.group().orElse(1) > 1);
        return domains.stream().map(d -> format(d, grouped)).toList();
    }

    static String format(DomainInfo domain) {
        return format(domain, false);
    }

    private static String format(DomainInfo domain, boolean grouped) {
        StringBuilder row = new StringBuilder();
        row.append(String.format("%-4d %-8s", domain.id(), domain.state().word()));
        if (domain.running().isPresent()) {
            row.append(" running=").append(domain.running().getAsLong());
        } else {
            row.append(" running='").append(Values.printable(domain.rawRunning())).append('\'');
        }
        row.append(" requested=").append(domain.requested().isPresent()
                ? Long.toString(domain.requested().getAsLong()) : "-");
        if (domain.pendingRequest()) {
            long requested = domain.requested().getAsLong();
            row.append(" pending=").append(Counters.isRebootRequest(requested) ? "reboot" : "shutdown");
        }
        if (grouped && domain.group().isPresent()) {
            row.append(" group=").append(domain.group().getAsInt());
        }
        domain.timeout().ifPresent(t -> row.append(" timeout.ms=").append(t.toMillis()));
        if (domain.master()) {
            row.append(" (master)");
        }
        if (domain.simulated()) {
            row.append(" (simulated)");
        }
        domain.problem().ifPresent(p -> row.append(" problem: ").append(p));
        return row.toString();
    }
}
