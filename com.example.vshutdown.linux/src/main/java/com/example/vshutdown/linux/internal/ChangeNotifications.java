package com.example.vshutdown.linux.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.support.listeners.VPropertyListeners;

/**
 * How the provider learns of changes: the netlink socket with a slow safety re-read behind it, or,
 * only when no socket can be opened (or the one opened fails), polling at the configured interval.
 * The fall-back is said in the log at {@code warn}: polling is slower and costs reads, and an
 * operator should know that the driver's notifications are not reaching this JVM.
 */
final class ChangeNotifications implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeNotifications.class);

    private final PropertyFiles files;
    private final VPropertyListeners listeners;
    private final LinuxSettings settings;
    private final DirectoryScanner scanner;
    private final ScheduledThreadPoolExecutor scans;
    private volatile String how = "notifications not started";
    // Guarded by this.
    private NetlinkReceiver receiver;
    private Future<?> scanning;
    private boolean closed;

    ChangeNotifications(PropertyFiles files, VPropertyListeners listeners, LinuxSettings settings) {
        this.files = Objects.requireNonNull(files, "files");
        this.listeners = Objects.requireNonNull(listeners, "listeners");
        this.settings = Objects.requireNonNull(settings, "settings");
        scanner = new DirectoryScanner(files, listeners);
        scans = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "vshutdown-linux-reread");
            thread.setDaemon(true);
            return thread;
        });
        scans.setRemoveOnCancelPolicy(true);
    }

    /**
     * Opens the socket, or says why not and polls. The first look of the re-read is taken here,
     * before any subscriber can exist, so that every later change is compared with it.
     */
    synchronized void start() {
        scanner.scan();
        try {
            receiver = NetlinkReceiver.start(settings.netlinkProtocol(), settings.netlinkGroup(),
                    NetlinkReceiver.RECEIVE_TIMEOUT_MILLIS, listeners, this::socketFailed);
        } catch (IOException | RuntimeException e) {
            LOG.warn("No netlink notifications ({}); falling back to polling {} every {} ms", e.getMessage(),
                    files.root(), settings.pollInterval().toMillis());
            poll("polling every " + settings.pollInterval().toMillis() + " ms: no netlink socket");
            return;
        }
        how = receiver.description() + ", safety re-read every " + settings.safetyReread().toMillis() + " ms";
        scanEvery(settings.safetyReread());
        LOG.info("Listening to vproperty change notifications on {} for {}", receiver.description(), files.root());
    }

    /** How changes are learnt, for the provider's description. */
    String how() {
        return how;
    }

    /** Whether notifications come from the netlink socket, not from polling. */
    synchronized boolean listening() {
        return receiver != null;
    }

    /** Called on the receiver's thread when the socket stopped working. */
    private synchronized void socketFailed(IOException e) {
        if (closed) {
            return;
        }
        receiver = null;
        LOG.warn("Falling back to polling {} every {} ms: the netlink socket failed ({})", files.root(),
                settings.pollInterval().toMillis(), e.getMessage());
        poll("polling every " + settings.pollInterval().toMillis() + " ms: the netlink socket failed");
        // what the socket would have said since it failed is lost: everybody re-reads once
        listeners.changed(Optional.empty());
    }

    private void poll(String how) {
        this.how = how;
        scanEvery(settings.pollInterval());
    }

    private void scanEvery(Duration interval) {
        if (scanning != null) {
            scanning.cancel(false);
        }
        try {
            scanning = scans.scheduleWithFixedDelay(this::scan, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Closing: no more re-reads of {}", files.root());
        }
    }

    private void scan() {
        try {
            scanner.scan();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: the re-read must outlive a listener's bug
            LOG.error("The re-read of {} failed unexpectedly; trying again at the next one", files.root(), e);
        }
    }

    @Override
    public void close() {
        NetlinkReceiver closing;
        synchronized (this) {
            closed = true;
            closing = receiver;
            receiver = null;
        }
        if (closing != null) {
            closing.close();
        }
        scans.shutdownNow();
        try {
            if (!scans.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("The re-read of {} did not stop within 5 s", files.root());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
