package com.example.vshutdown.master.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.api.DomainInfo;
import com.example.vshutdown.api.DomainOutcome;
import com.example.vshutdown.api.DomainOutcome.Status;
import com.example.vshutdown.api.DomainState;
import com.example.vshutdown.api.ShutdownEvent.Type;

/**
 * The groups of a system-wide shutdown. At the start the first group that has a running slave is
 * asked, and the running slaves of the later groups wait, queued. Then, whenever nothing is
 * pending, every slave is read again and the running ones the shutdown is not waiting for are
 * asked, the earliest group of the stop order first (the re-check of DESIGN.md). So the
 * next group is asked once the one before it is done, and before any later group (or the master's
 * native command) a slave of an earlier group that runs again (it came back up after
 * acknowledging, was mid-reboot or stopped when the shutdown started, or was created since) is
 * asked and waited for, within the same deadline. When no slave runs, the master's step may come.
 * Invalid slaves stay left alone, and a slave given up on by force is not asked again: neither
 * holds the master up.
 */
final class Groups {
    private static final Logger LOG = LoggerFactory.getLogger(Groups.class);

    private final Tracks tracks;
    private final Progress progress;
    private final Asker asker;
    private final StopOrder order;

    Groups(Tracks tracks, Progress progress, Asker asker, StopOrder order) {
        this.tracks = tracks;
        this.progress = progress;
        this.asker = asker;
        this.order = order;
    }

    /**
     * Settles what the plan left out (by group), reports the domains the order names that do not
     * exist, queues every running slave by group and asks the first group that has one.
     *
     * @param ids every domain that exists now
     */
    void askFirst(DomainReader reader, Plan plan, Collection<Integer> ids) {
        for (DomainOutcome skipped : plan.skipped()) {
            skip(skipped.inGroup(order.groupOf(skipped.id()) + 1));
        }
        order.named().forEach((id, group) -> {
            if (!ids.contains(id)) {
                skip(new DomainOutcome(id, Status.ABSENT, OptionalLong.empty(), Optional.empty(),
                        PolicyText.absent(group)).inGroup(group + 1));
            }
        });
        plan.targets().forEach(target -> tracks.queue(target.id(), order.groupOf(target.id())));
        plan.targets().stream().mapToInt(target -> order.groupOf(target.id())).min().ifPresent(first ->
                askGroup(reader, first, plan.targets().stream().filter(t -> order.groupOf(t.id()) == first).toList()));
    }

    /**
     * @return whether a running slave was found and asked, or the slaves could not be read: either
     *         way the wait goes on (the master must not go down on a guess; the safety re-read or a
     *         notification tries again, and the tracks say why)
     */
    boolean askWhoeverRuns(DomainReader reader) {
        try {
            boolean asked = askRunning(reader);
            tracks.recheckFailed(Optional.empty());
            return asked;
        } catch (IOException | RuntimeException e) {
            LOG.warn("The re-check of the slaves failed; will retry: {}", e.getMessage());
            tracks.recheckFailed(Optional.of(e.getMessage()));
            return true;
        }
    }

    private boolean askRunning(DomainReader reader) throws IOException {
        Map<Integer, DomainInfo> all = new TreeMap<>();
        reader.all().forEach(domain -> all.put(domain.id(), domain));
        SortedMap<Integer, List<Plan.Target>> running = new TreeMap<>();
        for (DomainInfo domain : all.values()) {
            if (domain.master() || domain.state() != DomainState.RUNNING || tracks.wasForced(domain.id())
                    || tracks.pending(domain.id()).isPresent()) {
                continue;
            }
            Optional<Plan.Target> target = Plan.target(reader, domain, false);
            if (target.isEmpty()) {
                tracks.settle(Plan.exhausted(domain).inGroup(order.groupOf(domain.id()) + 1));
                continue;
            }
            running.computeIfAbsent(order.groupOf(domain.id()), g -> new ArrayList<>()).add(target.get());
        }
        int next = running.isEmpty() ? order.size() : running.firstKey();
        settleQueuedThatStopped(all, next);
        if (running.isEmpty()) {
            return false;
        }
        askGroup(reader, next, running.get(next));
        return true;
    }

    /**
     * Asks the running slaves of one group, all at once; for a group not asked before, the live
     * line names it and the groups that wait for it.
     */
    private void askGroup(DomainReader reader, int group, List<Plan.Target> targets) {
        boolean newGroup = group > tracks.currentGroup();
        if (newGroup && order.ordered()) {
            for (int skipped = tracks.currentGroup() + 1; skipped < group; skipped++) {
                progress.general(Type.GROUP, tracks.pendingIds(), PolicyText.groupEmpty(skipped, order.size()));
            }
            List<Integer> ids = targets.stream().map(Plan.Target::id).toList();
            progress.general(Type.GROUP, ids, PolicyText.groupAsked(order, tracks.currentGroup(), group, ids,
                    waiting(group)));
        }
        tracks.groupAsked(group);
        asker.record(targets, group);
        for (Plan.Target target : targets) {
            if (!newGroup) {
                announceRecheck(target);
            }
            asker.ask(reader.provider(), target, OptionalLong.empty(), group);
        }
    }

    /** Why a domain of a group already asked is asked (again): it came back up, or the re-check found it. */
    private void announceRecheck(Plan.Target target) {
        Optional<DomainOutcome> before = tracks.settled(target.id());
        if (before.isPresent() && before.get().status() == Status.ACKNOWLEDGED) {
            progress.domain(Type.CAME_BACK_UP, target.id(), OptionalLong.of(target.running()), tracks.pendingIds(),
                    TextFormat.cameBackUp(target.id(), target.running(), before.get().requested().getAsLong()));
        } else {
            progress.domain(Type.RECHECK, target.id(), OptionalLong.of(target.running()), tracks.pendingIds(),
                    TextFormat.recheck(target.id(), before.map(DomainOutcome::status),
                            waiting(tracks.currentGroup()).keySet().stream().findFirst().map(g -> g + 1)));
        }
    }

    /** The slaves queued for the groups after {@code group}, by group. */
    private SortedMap<Integer, List<Integer>> waiting(int group) {
        SortedMap<Integer, List<Integer>> waiting = new TreeMap<>();
        tracks.queued().forEach((id, g) -> {
            if (g > group) {
                waiting.computeIfAbsent(g, k -> new ArrayList<>()).add(id);
            }
        });
        return waiting;
    }

    /** Queued slaves of the groups reached that no longer run: settled as they are found. */
    private void settleQueuedThatStopped(Map<Integer, DomainInfo> all, int reached) {
        tracks.queued().forEach((id, group) -> {
            if (group > reached) {
                return;
            }
            DomainInfo domain = all.get(id);
            if (domain != null && domain.state() == DomainState.RUNNING) {
                return;
            }
            DomainOutcome outcome = domain == null
                    ? new DomainOutcome(id, Status.GONE, OptionalLong.empty(), Optional.empty(),
                            PolicyText.GONE_BEFORE_GROUP)
                    : domain.state() == DomainState.STOPPED ? Plan.notRunning(domain, PolicyText.STOPPED_BEFORE_GROUP)
                    : Plan.invalid(domain);
            skip(outcome.inGroup(group + 1));
        });
    }

    private void skip(DomainOutcome outcome) {
        tracks.settle(outcome);
        progress.domain(Type.SKIPPED, outcome.id(), OptionalLong.empty(), tracks.pendingIds(),
                TextFormat.skipped(outcome));
    }
}
