package com.example.vshutdown.master.internal.commands;

import com.example.vshutdown.api.DomainInfo;
import com.example.vshutdown.protocol.Counters;
import com.example.vshutdown.protocol.Values;

/**
 * One row of the {@code domains} listing. Each row starts with the domain id and spells its
 * fields out ({@code running=3}), so that a script can grep it without a header to count on.
 */
final class DomainRow {
    private DomainRow() {
    }

    static String format(DomainInfo domain) {
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
        if (domain.master()) {
            row.append(" (master)");
        }
        domain.problem().ifPresent(p -> row.append(" problem: ").append(p));
        return row.toString();
    }
}
