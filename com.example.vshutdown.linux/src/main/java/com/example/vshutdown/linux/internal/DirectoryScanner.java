package com.example.vshutdown.linux.internal;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.support.listeners.VPropertyListeners;

/**
 * Finds changes by reading every property and comparing with the last look. It is the slow safety
 * re-read behind the netlink socket (a socket overrun loses notifications) and, where no socket
 * can be opened, the polling that replaces it.
 *
 * <p>What it finds is passed on as "something changed" without a name, never as a write of a
 * named property: a named notification of the request tells an agent that the master wrote it
 * again, which a comparison cannot know, and the netlink message of the same change may already
 * have said it.
 *
 * <p>One thread at a time calls {@link #scan()}: the first look on the starting thread, the others on
 * the scanning thread.
 */
final class DirectoryScanner {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryScanner.class);

    private final PropertyFiles files;
    private final VPropertyListeners listeners;
    private Map<String, String> last;
    private String lastProblem;

    DirectoryScanner(PropertyFiles files, VPropertyListeners listeners) {
        this.files = Objects.requireNonNull(files, "files");
        this.listeners = Objects.requireNonNull(listeners, "listeners");
    }

    /**
     * Reads everything once and tells the listeners when it differs from the last look. It reads
     * also while nobody listens: a look taken only once somebody subscribed would hide a change
     * made between the subscriber's own first read and that look.
     *
     * @return whether a change was found
     */
    boolean scan() {
        Map<String, String> now = snapshot();
        boolean changed = last != null && !last.equals(now);
        last = now;
        if (changed && !listeners.isEmpty()) {
            LOG.debug("The re-read of {} found a change", files.root());
            listeners.changed(Optional.empty());
        }
        return changed;
    }

    /** Every property with its value; a missing or unreadable root is a state of its own: empty. */
    private Map<String, String> snapshot() {
        Map<String, String> values = new HashMap<>();
        try {
            for (String name : files.names()) {
                try {
                    files.read(name).ifPresent(value -> values.put(name, value));
                } catch (IOException e) {
                    // one unreadable file is reported by whoever reads it for a purpose; compared here as a value
                    values.put(name, "\0unreadable: " + e.getMessage());
                }
            }
            lastProblem = null;
        } catch (IOException e) {
            if (!e.getMessage().equals(lastProblem)) {
                lastProblem = e.getMessage();
                LOG.debug("The safety re-read cannot list the vproperties: {}", e.getMessage());
            }
        }
        return values;
    }
}
