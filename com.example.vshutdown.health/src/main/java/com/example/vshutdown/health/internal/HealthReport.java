package com.example.vshutdown.health.internal;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What the health checks found, as lines for a reader or as one JSON document for a script:
 * each check's status and messages, and the overall status, the worst of them.
 */
record HealthReport(List<Check> checks) {
    /** One check: its name, its status (Felix's: OK, WARN, CRITICAL, …) and what it logged. */
    record Check(String name, String status, List<Message> messages) {
    }

    /** One entry of a check's log. */
    record Message(String status, String text) {
    }

    static final String OK = "OK";

    boolean ok() {
        return checks.stream().allMatch(check -> check.status().equals(OK));
    }

    /** The names of the checks that are not OK, for the command's one-line failure. */
    String failing() {
        return checks.stream().filter(check -> !check.status().equals(OK))
                .map(check -> check.name() + " " + check.status()).collect(Collectors.joining(", "));
    }

    /** One line per check, then one per message, with its status where it is not the check's. */
    String text() {
        StringBuilder text = new StringBuilder();
        for (Check check : checks) {
            text.append(String.format("%-8s %s%n", check.status(), check.name()));
            for (Message message : check.messages()) {
                text.append(String.format("         %s%s%n",
                        message.status().equals(check.status()) ? "" : message.status() + ": ", message.text()));
            }
        }
        if (checks.isEmpty()) {
            text.append(String.format("no health check found%n"));
        }
        return text.toString().stripTrailing();
    }

    /** {"status": …, "checks": [{"name": …, "status": …, "messages": [{"status": …, "text": …}]}]}. */
    String json() {
        return "{\"status\": " + string(ok() ? OK : "CRITICAL") + ", \"checks\": [" + checks.stream()
                .map(check -> "{\"name\": " + string(check.name()) + ", \"status\": " + string(check.status())
                        + ", \"messages\": [" + check.messages().stream()
                                .map(m -> "{\"status\": " + string(m.status()) + ", \"text\": " + string(m.text()) + "}")
                                .collect(Collectors.joining(", ")) + "]}")
                .collect(Collectors.joining(", ")) + "]}";
    }

    /** A JSON string; every character outside printable ASCII escaped, so no text can break the document. */
    static String string(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
