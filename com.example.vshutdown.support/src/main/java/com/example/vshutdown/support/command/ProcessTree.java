package com.example.vshutdown.support.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a command with everything it started: SIGTERM to the process and each of its descendants,
 * then SIGKILL to whatever of them is still there after a grace period. The descendants are taken
 * before anything is signalled: once the command itself has ended, its children belong to init
 * and can no longer be found from it. Only the stop is asynchronous; nobody waits for the grace.
 */
final class ProcessTree {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessTree.class);

    private ProcessTree() {
    }

    /** @return the processes signalled, for the log */
    static List<ProcessHandle> stop(ProcessHandle root, Duration grace, Executor executor) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        tree.forEach(ProcessHandle::destroy);
        CompletableFuture.runAsync(() -> kill(tree), CompletableFuture.delayedExecutor(grace.toMillis(),
                TimeUnit.MILLISECONDS, executor));
        return tree;
    }

    /** After the grace: SIGKILL to the survivors, and to anything they started meanwhile. */
    private static void kill(List<ProcessHandle> tree) {
        List<ProcessHandle> left = new ArrayList<>();
        for (ProcessHandle process : tree) {
            if (process.isAlive()) {
                left.add(process);
                process.descendants().forEach(left::add);
            }
        }
        if (!left.isEmpty()) {
            LOG.warn("Processes {} ignored SIGTERM; killing them", left.stream().map(p -> Long.toString(p.pid()))
                    .collect(Collectors.joining(", ")));
            left.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
