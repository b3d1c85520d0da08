package com.example.vshutdown.master.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.api.DomainOutcome;
import com.example.vshutdown.api.DomainOutcome.Status;
import com.example.vshutdown.api.ShutdownEvent.Type;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.protocol.Counters;
import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.spi.VPropertyListener;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * One shutdown, from the requests to the result. Every request is written before any wait
 * (004); the wait wakes on change notifications and re-reads only the pending domains, with a
 * slow safety re-read in case a notification was lost. The end — cancel, force or the master's
 * own shutdown — is decided by {@link Completion}.
 */
final class ShutdownRun implements VPropertyListener {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownRun.class);

    /** How a wait ended. */
    enum WaitEnd { ALL_ACKNOWLEDGED, TIMED_OUT, CANCELLED, PROVIDER_GONE }

    /** A written request that has not been acknowledged yet. */
    record Pending(int id, long requestValue, long runningAtRequest, long requestedAtNanos) {
    }

    private final ShutdownRequest request;
    private final ProviderLink link;
    private final int masterDomain;
    private final Progress progress;
    private final Timing timing;
    private final Plan plan;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean dirty;
    private boolean cancelled;

    // only touched by the thread that writes the requests and then by the waiting thread
    private final Map<Integer, Pending> pending = new TreeMap<>();
    private final Map<Integer, DomainOutcome> outcomes = new TreeMap<>();
    private final Map<Integer, String> unwritable = new TreeMap<>();
    private long waitStartNanos;

    ShutdownRun(ShutdownRequest request, Supplier<Optional<VPropertyProvider>> providers, VPropertyProvider first,
            int masterDomain, Progress progress, Timing timing, Plan plan) {
        this.request = request;
        this.link = new ProviderLink(providers, first, this);
        this.masterDomain = masterDomain;
        this.progress = progress;
        this.timing = timing;
        this.plan = plan;
    }

    ShutdownRequest request() {
        return request;
    }

    /** The provider the last check used: the one to hard-stop through and to diagnose with. */
    VPropertyProvider provider() {
        return link.last();
    }

    /** Ends the change subscription; called once the shutdown is over. */
    void close() {
        link.close();
    }

    Progress progress() {
        return progress;
    }

    /** Reports the skipped domains and writes every request; called before the caller returns. */
    void writeRequests() {
        String what = request.isSystemWide() ? "system-wide shutdown" : (request.reboot() ? "reboot" : "shutdown")
                + " of domain " + request.domain().getAsInt();
        progress.general(Type.STARTED, plan.targets().stream().map(Plan.Target::id).toList(),
                what + ": asking " + plural(plan.targets().size(), "domain")
                        + (plan.targets().isEmpty() ? "" : timeoutText()));
        for (DomainOutcome skipped : plan.skipped()) {
            outcomes.put(skipped.id(), skipped);
            progress.domain(Type.SKIPPED, skipped.id(), OptionalLong.empty(), pending.keySet(),
                    "domain " + skipped.id() + " not involved: " + skipped.reason());
        }
        for (Plan.Target target : plan.targets()) {
            write(target);
        }
        waitStartNanos = System.nanoTime();
    }

    private void write(Plan.Target target) {
        String verb = Counters.isRebootRequest(target.requestValue()) ? "reboot" : "shut down";
        try {
            link.last().write(VProperties.requested(target.id()), Long.toString(target.requestValue()));
            pending.put(target.id(), new Pending(target.id(), target.requestValue(), target.running(),
                    System.nanoTime()));
            progress.domain(Type.REQUESTED, target.id(), OptionalLong.of(target.requestValue()), pending.keySet(),
                    "asked domain " + target.id() + " to " + verb + " (requested " + target.requestValue()
                            + ", running " + target.running() + ")");
        } catch (IOException | RuntimeException e) {
            LOG.warn("Writing the request of domain {} failed", target.id(), e);
            unwritable.put(target.id(), "request could not be written: " + e.getMessage());
            pending.put(target.id(), new Pending(target.id(), target.requestValue(), target.running(),
                    System.nanoTime()));
            progress.domain(Type.REQUEST_FAILED, target.id(), OptionalLong.of(target.requestValue()),
                    pending.keySet(), "could not ask domain " + target.id() + " to " + verb + ": " + e.getMessage());
        }
    }

    /** Waits for the acknowledgements, then hands over to {@link Completion} for the end. */
    ShutdownResult awaitAndFinish(Completion completion) {
        WaitEnd end = awaitAcknowledgements();
        return completion.finish(this, end);
    }

    private WaitEnd awaitAcknowledgements() {
        Optional<Long> deadline = request.timeout().map(t -> waitStartNanos + t.toNanos());
        long nextProgress = System.nanoTime() + timing.progressInterval().toNanos();
        while (true) {
            Optional<VPropertyProvider> provider = link.current();
            if (provider.isEmpty()) {
                return WaitEnd.PROVIDER_GONE;
            }
            checkAcknowledgements(new DomainReader(provider.get(), masterDomain));
            if (waitingOnlyForUnwritable()) {
                return pending.isEmpty() ? WaitEnd.ALL_ACKNOWLEDGED : WaitEnd.TIMED_OUT;
            }
            long now = System.nanoTime();
            if (deadline.isPresent() && now - deadline.get() >= 0) {
                return WaitEnd.TIMED_OUT;
            }
            if (now - nextProgress >= 0) {
                reportStillWaiting();
                nextProgress = now + timing.progressInterval().toNanos();
            }
            long wakeAt = Math.min(now + timing.safetyReread().toNanos(), nextProgress);
            if (deadline.isPresent()) {
                wakeAt = Math.min(wakeAt, deadline.get());
            }
            if (!sleepUntilChange(wakeAt)) {
                return WaitEnd.CANCELLED;
            }
        }
    }

    /** True once nothing is pending but domains whose request could not be written. */
    private boolean waitingOnlyForUnwritable() {
        return unwritable.keySet().containsAll(pending.keySet());
    }

    /** @return false if the shutdown was cancelled */
    private boolean sleepUntilChange(long wakeAtNanos) {
        lock.lock();
        try {
            while (!dirty && !cancelled) {
                long left = wakeAtNanos - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                wake.awaitNanos(left);
            }
            dirty = false;
            return !cancelled;
        } catch (InterruptedException e) {
            // the waiting thread is ours; an interrupt can only mean "stop", which is a cancel
            cancelled = true;
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void checkAcknowledgements(DomainReader reader) {
        for (Pending p : new ArrayList<>(pending.values())) {
            if (unwritable.containsKey(p.id())) {
                continue;
            }
            OptionalLong running;
            try {
                running = reader.running(p.id());
            } catch (IOException e) {
                LOG.warn("Reading the running counter of domain {} failed; will retry: {}", p.id(), e.getMessage());
                LOG.debug("Read failure", e);
                continue;
            }
            if (running.isPresent()
                    && Counters.answer(p.requestValue(), running.getAsLong()) == Counters.Answer.ACKNOWLEDGED) {
                Duration took = Duration.ofNanos(System.nanoTime() - p.requestedAtNanos());
                pending.remove(p.id());
                outcomes.put(p.id(), new DomainOutcome(p.id(), Status.ACKNOWLEDGED, OptionalLong.of(p.requestValue()),
                        Optional.of(took), ""));
                progress.domain(Type.ACKNOWLEDGED, p.id(), OptionalLong.of(running.getAsLong()), pending.keySet(),
                        "domain " + p.id() + " acknowledged after " + took.toMillis() + " ms; pending: "
                                + listOrNone(pending.keySet()));
            }
        }
    }

    private void reportStillWaiting() {
        List<String> parts = new ArrayList<>();
        for (Pending p : pending.values()) {
            parts.add(p.id() + " (" + Diagnosis.brief(link.last(), p.id(), p.requestValue()) + ")");
        }
        progress.general(Type.WAITING, pending.keySet(), "still waiting for " + String.join(", ", parts));
    }

    /** The domains that did not acknowledge, with the best known reason for each. */
    Map<Integer, String> unacknowledged() {
        Map<Integer, String> reasons = new TreeMap<>();
        for (Pending p : pending.values()) {
            String reason = unwritable.get(p.id());
            reasons.put(p.id(), reason != null ? reason
                    : Diagnosis.explain(link.last(), p.id(), p.requestValue(), p.runningAtRequest()));
        }
        return reasons;
    }

    /** The domains still awaited, without asking the provider anything. */
    java.util.Set<Integer> pendingIds() {
        return new java.util.TreeSet<>(pending.keySet());
    }

    Pending pendingOf(int id) {
        return pending.get(id);
    }

    Map<Integer, DomainOutcome> outcomes() {
        return outcomes;
    }

    Duration waited() {
        return Duration.ofNanos(System.nanoTime() - waitStartNanos);
    }

    /** Wakes the wait to look at once, e.g. because the bound provider changed. */
    void wake() {
        changed(Optional.empty());
    }

    /** Cancels the wait; the waiting thread ends the shutdown as cancelled. */
    void cancel() {
        lock.lock();
        try {
            cancelled = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void changed(Optional<String> name) {
        if (name.isPresent()) {
            OptionalInt id = VProperties.domainOfRunning(name.get());
            // a notification of a property that cannot acknowledge anything needs no re-read
            if (id.isEmpty() || !isTarget(id.getAsInt())) {
                return;
            }
        }
        lock.lock();
        try {
            dirty = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Called from a provider's thread: the plan is immutable, so no lock is needed. */
    private boolean isTarget(int id) {
        return plan.targets().stream().anyMatch(t -> t.id() == id);
    }

    private String timeoutText() {
        return request.timeout().map(t -> ", waiting at most " + t.toMillis() + " ms")
                .orElse(", waiting until every domain answers (Ctrl-C cancels)");
    }

    static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    static String listOrNone(Iterable<Integer> ids) {
        StringBuilder sb = new StringBuilder();
        for (Integer id : ids) {
            sb.append(sb.length() == 0 ? "" : ", ").append(id);
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }
}
