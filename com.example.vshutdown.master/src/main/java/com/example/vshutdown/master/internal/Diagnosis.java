package com.example.vshutdown.master.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.example.vshutdown.master.internal.Tracks.Ask;
import com.example.vshutdown.protocol.AgentStatus;
import com.example.vshutdown.protocol.Counters;
import com.example.vshutdown.protocol.InvalidValueException;
import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.protocol.Values;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * Explains, as far as the master can tell, why a domain has not acknowledged a request. The
 * running counter says only whether the domain went down; the agent's optional status property
 * says whether the request was seen and what stopped it. No status for this request value means
 * nobody picked the request up: no agent runs, the guest sleeps or ignores power events (000).
 */
final class Diagnosis {
    static final String NEVER_PICKED_UP =
            "request never picked up (no agent running, guest asleep or ignoring power events)";

    private Diagnosis() {
    }

    /** Why each of these requests did not answer, by domain: why it could not be written, or {@link #explain}. */
    static Map<Integer, String> missing(VPropertyProvider provider, List<Ask> asks) {
        Map<Integer, String> missing = new TreeMap<>();
        for (Ask ask : asks) {
            missing.put(ask.id(), ask.writeFailure()
                    .orElseGet(() -> explain(provider, ask.id(), ask.value(), ask.runningAtAsk())));
        }
        return missing;
    }

    static String explain(VPropertyProvider provider, int id, long requestValue, long runningAtRequest) {
        try {
            Optional<String> rawRunning = provider.read(VProperties.running(id));
            if (rawRunning.isEmpty()) {
                return "its running counter disappeared";
            }
            long running;
            try {
                running = Values.parseCounter(rawRunning.get());
            } catch (InvalidValueException e) {
                return "running " + e.getMessage();
            }
            // the counter may have moved since the master last looked: say what it says now
            switch (Counters.answer(requestValue, running)) {
                case ACKNOWLEDGED -> {
                    return (Counters.isRebootRequest(requestValue) ? "rebooted" : "went down")
                            + " as the wait ended (running " + running + "), too late to count";
                }
                case CAME_BACK_UP -> {
                    return "came back up (running " + running + " after request " + requestValue + "): it runs again";
                }
                case PENDING -> { }
            }
            String status = agentStatus(provider, id, requestValue);
            if (running > runningAtRequest && running < requestValue) {
                // a reboot that stopped the domain and did not start it again
                return "stopped but did not start again (running counter " + running + ")"
                        + (status.isEmpty() ? "" : "; " + status);
            }
            return status.isEmpty() ? NEVER_PICKED_UP : status;
        } catch (IOException | RuntimeException e) {
            // a provider that is going away may throw anything: the explanation must not end the shutdown
            return "its vproperties could not be read: " + e.getMessage();
        }
    }

    /** What the agent said about this request value, or "" if it said nothing about it. */
    private static String agentStatus(VPropertyProvider provider, int id, long requestValue) throws IOException {
        Optional<String> raw = provider.read(VProperties.status(id));
        if (raw.isEmpty() || raw.get().isBlank()) {
            // empty is no record: a platform may create it so, and a retry clears it so
            return "";
        }
        AgentStatus status;
        try {
            status = AgentStatus.parse(raw.get());
        } catch (InvalidValueException e) {
            return "agent " + e.getMessage();
        }
        if (status.requested() != requestValue) {
            return "";
        }
        return switch (status.state()) {
            case PICKED_UP -> "picked up but the domain did not stop";
            case BLOCKED -> "blocked: " + status.reason();
            case FAILED -> "native command failed: " + status.reason();
        };
    }

    /** A short word for a pending domain in progress lines. */
    static String brief(VPropertyProvider provider, int id, long requestValue) {
        try {
            Optional<String> raw = provider.read(VProperties.status(id));
            if (raw.isPresent() && !raw.get().isBlank()) {
                AgentStatus status = AgentStatus.parse(raw.get());
                if (status.requested() == requestValue) {
                    return status.state().word();
                }
            }
            return "not picked up";
        } catch (InvalidValueException e) {
            return "status not understood";
        } catch (IOException | RuntimeException e) {
            return "status unreadable";
        }
    }
}
