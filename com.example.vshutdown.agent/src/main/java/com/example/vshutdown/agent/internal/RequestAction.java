package com.example.vshutdown.agent.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.protocol.AgentStatus;
import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * One action on a request that {@link RequestDecision} says to act on: the record first, then the
 * native command, then its outcome where it did not start. The status is diagnosis for the master
 * and the agent's record; failing to write it never stops the shutdown itself.
 */
final class RequestAction {
    private static final Logger LOG = LoggerFactory.getLogger(RequestAction.class);

    private RequestAction() {
    }

    /**
     * Acts once on the decision's request.
     *
     * @return whether any record of the request was written to the status property
     * @throws InterruptedException if the agent is stopping while the command runs; its outcome is not written
     *         ({@link NativeCall.NeverStartedException} if it had not begun: nothing was written, nothing ran)
     */
    static boolean run(int domain, VPropertyProvider provider, NativeShutdown target, RequestDecision decision,
            Duration nativeTimeout) throws InterruptedException {
        String statusName = VProperties.status(domain);
        long request = decision.value();
        boolean reboot = decision.kind() == RequestDecision.Kind.REBOOT;
        String what = reboot ? "reboot" : "shutdown";
        LOG.info("Agent for domain {}: {}; starting the native {} ({})", domain, decision.reason(), what,
                target.description());
        // The record is written before the command, on the call's thread (see NativeCall): it is what keeps a
        // re-read, a late notification or a restarted agent from acting again, and it means the command began.
        AgentStatus pickedUp = AgentStatus.pickedUp(request);
        NativeCall.Result result = NativeCall.run(target, reboot, request, nativeTimeout,
                Agent.threadName(domain) + "-native", () -> write(domain, provider, statusName, pickedUp));
        boolean recorded = result.recorded();
        Optional<AgentStatus> outcome = result.outcome();
        if (outcome.isEmpty()) {
            LOG.info("Agent for domain {}: native {} started for request {}", domain, what, request);
            return recorded;
        }
        AgentStatus status = outcome.get();
        if (status.state() == AgentStatus.State.BLOCKED) {
            LOG.warn("Agent for domain {}: the guest refuses request {}: {}", domain, request, status.reason());
        } else {
            LOG.error("Agent for domain {}: the native {} for request {} failed: {}", domain, what, request,
                    status.reason());
        }
        if (recorded && !stillHolds(provider, statusName, pickedUp)) {
            // The master cleared the record while the command ran: a retry. This try's outcome must not answer
            // it, or the retry would never be acted on; the next check acts on it, once.
            LOG.info("Agent for domain {}: request {} was retried while its native {} ran; acting on the retry",
                    domain, request, what);
            return true;
        }
        return write(domain, provider, statusName, status) || recorded;
    }

    /** Whether the status still holds the record written (or cannot be read to tell otherwise). */
    private static boolean stillHolds(VPropertyProvider provider, String statusName, AgentStatus written) {
        try {
            return RequestDecision.record(provider.read(statusName)).filter(written::equals).isPresent();
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    private static boolean write(int domain, VPropertyProvider provider, String statusName, AgentStatus status) {
        try {
            provider.write(statusName, status.format());
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Agent for domain {}: cannot write its status '{}': {}", domain, status.format(), e.toString());
            return false;
        }
    }
}
