package com.example.vshutdown.master.internal.commands;

import java.io.PrintStream;

import com.example.vshutdown.api.DomainOutcome;
import com.example.vshutdown.api.ShutdownResult;

/** The closing report of a shutdown: the outcome, then one line per domain with its reason. */
final class Summary {
    private Summary() {
    }

    static void print(ShutdownResult result, PrintStream out) {
        out.printf("%s in %d ms: %s%n", headline(result.outcome()), result.elapsed().toMillis(), result.message());
        for (DomainOutcome domain : result.domains()) {
            out.printf("  domain %-4d %s%n", domain.id(), describe(domain));
        }
        out.flush();
    }

    private static String headline(ShutdownResult.Outcome outcome) {
        return switch (outcome) {
            case COMPLETED -> "Done";
            case FORCED -> "Done by FORCE";
            case CANCELLED -> "CANCELLED";
            case INCOMPLETE -> "INCOMPLETE";
            case FAILED -> "FAILED";
        };
    }

    static String describe(DomainOutcome domain) {
        return switch (domain.status()) {
            case ACKNOWLEDGED -> "acknowledged after " + domain.elapsed().map(d -> d.toMillis() + " ms").orElse("?");
            case NOT_ACKNOWLEDGED -> "NOT acknowledged: " + domain.reason();
            case HARD_STOPPED -> "did not acknowledge: " + domain.reason();
            case INVALID -> "invalid: " + domain.reason();
            case NOT_RUNNING -> "not involved: " + domain.reason();
        };
    }
}
