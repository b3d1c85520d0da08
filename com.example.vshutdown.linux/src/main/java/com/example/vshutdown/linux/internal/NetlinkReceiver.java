package com.example.vshutdown.linux.internal;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.support.listeners.VPropertyListeners;

/**
 * The thread that receives the vproperty driver's notifications and passes them on as hints.
 *
 * <p>An overrun of the socket's buffer means notifications were lost: listeners are told that
 * something may have changed, at once, rather than waiting for the next safety re-read. A receive
 * error that is neither ends the thread and is handed to {@code onFailure}, which falls back to
 * polling: a socket that stopped working must not leave the provider deaf.
 */
final class NetlinkReceiver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NetlinkReceiver.class);
    /** How long one receive blocks at most: it bounds closing should the wake-up be lost. */
    static final long RECEIVE_TIMEOUT_MILLIS = 1000;

    private final NetlinkSocket socket;
    private final VPropertyListeners listeners;
    private final Consumer<IOException> onFailure;
    private final Thread thread;
    private final long receiveTimeoutMillis;
    private volatile boolean closed;
    private long overruns;

    private NetlinkReceiver(NetlinkSocket socket, long receiveTimeoutMillis, VPropertyListeners listeners,
            Consumer<IOException> onFailure) {
        this.socket = socket;
        this.receiveTimeoutMillis = receiveTimeoutMillis;
        this.listeners = Objects.requireNonNull(listeners, "listeners");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
        thread = new Thread(this::run, "vshutdown-linux-netlink");
        // never the reason a JVM stays up
        thread.setDaemon(true);
    }

    /**
     * Opens the socket and starts receiving.
     *
     * @param receiveTimeoutMillis how long one receive blocks at most ({@link #RECEIVE_TIMEOUT_MILLIS})
     * @throws IOException when no socket can be opened (the caller then polls)
     */
    static NetlinkReceiver start(int protocol, int group, long receiveTimeoutMillis, VPropertyListeners listeners,
            Consumer<IOException> onFailure) throws IOException {
        NetlinkSocket socket = NetlinkSocket.open(protocol, group, receiveTimeoutMillis);
        NetlinkReceiver receiver = new NetlinkReceiver(socket, receiveTimeoutMillis, listeners, onFailure);
        receiver.thread.start();
        return receiver;
    }

    String description() {
        return socket.description();
    }

    private void run() {
        try {
            while (!closed) {
                NetlinkSocket.Outcome outcome = socket.receive();
                if (closed) {
                    break;
                }
                switch (outcome) {
                case MESSAGE -> NetlinkMessages.hints(socket.message()).forEach(this::deliver);
                case OVERRUN -> overrun();
                case TIMED_OUT -> {
                    // nothing arrived: look at the closed flag again
                }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                LOG.error("Netlink notifications stopped: {}", e.getMessage());
                onFailure.accept(e instanceof IOException io ? io : new IOException(e.toString(), e));
            }
        } finally {
            socket.close();
        }
    }

    private void deliver(Optional<String> hint) {
        LOG.trace("Netlink notification: {}", hint.orElse("(no name)"));
        listeners.changed(hint);
    }

    private void overrun() {
        overruns++;
        // power of two counts only: a flood of overruns must not flood the log as well
        if (Long.bitCount(overruns) == 1) {
            LOG.info("Netlink notifications were lost (socket buffer overrun, {} so far); everything is re-read",
                    overruns);
        }
        listeners.changed(Optional.empty());
    }

    /** Stops the thread and closes the socket; bounded by the receive time-out. */
    @Override
    public void close() {
        if (!stop()) {
            LOG.warn("The netlink receiver did not stop within {} ms; it closes its socket when it does",
                    2 * receiveTimeoutMillis);
        }
    }

    /**
     * Stops the thread at once: a message to the socket's own port ends the receive it is blocked
     * in. Waits for it at most twice the receive time-out, should that message be lost.
     *
     * @return whether the thread has ended (the socket is then closed)
     */
    boolean stop() {
        closed = true;
        if (Thread.currentThread() == thread) {
            // called from a listener: the thread ends as soon as it is back in its loop
            return true;
        }
        socket.wake();
        try {
            thread.join(2 * receiveTimeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }
}
